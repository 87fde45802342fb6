import type { Store } from '../db';
import { ACTION_NAMES, type ActionName } from './catalog';

// Remembered grants: "allow for this session" lives in this process's memory, "always allow" in the store.
// Policy decides whether a grant may be honoured (never for vault_write, destructive or tainted proposals).

// Keyed by data dir so two stores in one process (tests, profiles) never share a session grant.
const sessions = new Map<string, Set<ActionName>>();
const sessionOf = (store: Store): Set<ActionName> => {
  let set = sessions.get(store.dataDir);
  if (!set) sessions.set(store.dataDir, (set = new Set()));
  return set;
};

export function rememberedActions(store: Store): Set<ActionName> {
  const out = new Set(sessionOf(store));
  for (const r of store.db.prepare<{ action: string }>('select action from permission_grants').all()) {
    if ((ACTION_NAMES as string[]).includes(r.action)) out.add(r.action as ActionName);
  }
  return out;
}

export function rememberGrant(store: Store, action: ActionName, scope: 'session' | 'always', now = Date.now()): void {
  sessionOf(store).add(action);
  if (scope === 'always') store.db.prepare('insert or replace into permission_grants (action, created_at) values (?, ?)').run(action, now);
}

/** Forget every remembered grant (settings: "reset permissions"). */
export function forgetGrants(store: Store): void {
  sessionOf(store).clear();
  store.db.prepare('delete from permission_grants').run();
}
