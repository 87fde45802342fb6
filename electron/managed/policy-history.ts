import type { Store } from '../db';
import type { ManagedPolicyState, PolicyStatus } from './load';
import { policyChanges, type PolicyChanges } from './policy-history-diff';
import { ManagedPolicy } from './schema';

// The managed policies seen on this machine (table policy_history, migration 0009): a row each time the policy file's
// digest or status changes, with the last valid policy kept in full, so that an invalid new file can be reported as
// what changed against it. "Rolling back" a policy is the administrator redeploying the last valid file; this history
// is how they find its digest.

/** Rows kept; older ones go, except the last valid policy, which an invalid new one is compared against. */
export const POLICY_HISTORY_KEEP = 100;
/** "Last seen" moves in steps of this much: every CLI command reads the policy, and need not write each time. */
export const LAST_SEEN_STEP_MS = 60 * 60 * 1000;

export interface PolicyHistoryEntry {
  id: number;
  /** ISO-8601: when this version was first and last seen in force. */
  firstSeen: string;
  lastSeen: string;
  status: PolicyStatus;
  path: string;
  sha256: string | null;
  /** For an invalid file: what was wrong with it. */
  problem: string | null;
}

export interface PolicyObservation {
  /** The row for the policy seen now; null when nothing was recorded (no policy, and never had one). */
  entry: PolicyHistoryEntry | null;
  /** True when this call added a row: a new digest, status or path. */
  changed: boolean;
  /** The row before the new one (null for the first policy seen, or when nothing changed). */
  previous: PolicyHistoryEntry | null;
}

interface Row {
  id: number;
  first_seen_at: number;
  last_seen_at: number;
  status: PolicyStatus;
  path: string;
  sha256: string | null;
  policy: string | null;
  problem: string | null;
}

const toEntry = (r: Row): PolicyHistoryEntry => ({
  id: r.id,
  firstSeen: new Date(r.first_seen_at).toISOString(),
  lastSeen: new Date(r.last_seen_at).toISOString(),
  status: r.status,
  path: r.path,
  sha256: r.sha256,
  problem: r.problem,
});

/** The problem part of an invalid state's message ("is invalid at x: …"), without the lock-down sentence. */
function problemOf(state: ManagedPolicyState): string | null {
  if (state.status !== 'invalid' || !state.message) return null;
  const prefix = `Managed policy ${state.path} `;
  const text = state.message.startsWith(prefix) ? state.message.slice(prefix.length) : state.message;
  return text.replace(/; Bastion is running locked down.*$/, '');
}

/**
 * Records the policy in force: a new row when its digest, status or path differs from the last one, else the last
 * row's last-seen time moves. A machine that has never had a policy records nothing.
 */
export function observePolicy(store: Store, state: ManagedPolicyState, now = Date.now()): PolicyObservation {
  const { db } = store;
  return db.transaction((): PolicyObservation => {
    const last = db.prepare<Row>('select * from policy_history order by id desc limit 1').get();
    if (!last && state.status === 'absent') return { entry: null, changed: false, previous: null };
    if (last && last.status === state.status && last.sha256 === state.sha256 && last.path === state.path) {
      if (now - last.last_seen_at < LAST_SEEN_STEP_MS) return { entry: toEntry(last), changed: false, previous: null };
      db.prepare('update policy_history set last_seen_at = ? where id = ?').run(now, last.id);
      return { entry: toEntry({ ...last, last_seen_at: now }), changed: false, previous: null };
    }
    const policy = state.status === 'valid' ? JSON.stringify(state.policy) : null;
    const { lastInsertRowid } = db
      .prepare('insert into policy_history (first_seen_at, last_seen_at, status, path, sha256, policy, problem) values (?, ?, ?, ?, ?, ?, ?)')
      .run(now, now, state.status, state.path, state.sha256, policy, problemOf(state));
    prune(store);
    const entry = db.prepare<Row>('select * from policy_history where id = ?').get(Number(lastInsertRowid))!;
    return { entry: toEntry(entry), changed: true, previous: last ? toEntry(last) : null };
  })();
}

function prune(store: Store): void {
  store.db
    .prepare(
      `delete from policy_history where id not in (select id from policy_history order by id desc limit ?)
         and id is not (select max(id) from policy_history where status = 'valid')`,
    )
    .run(POLICY_HISTORY_KEEP);
}

/** Newest first. */
export function policyHistory(store: Store, opts: { limit?: number } = {}): PolicyHistoryEntry[] {
  return store.db.prepare<Row>('select * from policy_history order by id desc limit ?').all(opts.limit ?? POLICY_HISTORY_KEEP).map(toEntry);
}

export interface LastValidPolicy {
  entry: PolicyHistoryEntry;
  policy: ManagedPolicy;
}

/** The most recent valid policy this machine ran under (re-validated: a row that no longer parses is skipped). */
export function lastValidPolicy(store: Store): LastValidPolicy | null {
  for (const r of store.db.prepare<Row>("select * from policy_history where status = 'valid' and policy is not null order by id desc").iterate()) {
    try {
      const parsed = ManagedPolicy.safeParse(JSON.parse(r.policy!));
      if (parsed.success) return { entry: toEntry(r), policy: parsed.data };
    } catch {
      // a damaged row is no reference; try an older one
    }
  }
  return null;
}

export interface PolicyComparison {
  lastValid: PolicyHistoryEntry;
  /** Null when the new file is not JSON at all, so no key-level comparison is possible. */
  changes: PolicyChanges | null;
  /** One line: what changed (key names only, never values) and that Bastion runs locked down. */
  message: string;
}

/** For an invalid policy: what changed against the last valid one seen here, or null when there is none. */
export function compareWithLastValid(store: Store, state: ManagedPolicyState): PolicyComparison | null {
  if (state.status !== 'invalid') return null;
  const last = lastValidPolicy(store);
  if (!last) return null;
  const changes = state.document === undefined ? null : policyChanges(last.policy, state.document);
  const since = `the last valid policy (sha256 ${last.entry.sha256?.slice(0, 12) ?? 'unknown'}…, last seen ${last.entry.lastSeen})`;
  const what = !changes
    ? `The new file is not readable JSON, so it cannot be compared key by key with ${since}`
    : changes.added.length + changes.removed.length + changes.changed.length === 0
      ? `The new file has the same settings as ${since}`
      : `Compared with ${since}: ${describe(changes)}`;
  return { lastValid: last.entry, changes, message: `${what}. Bastion runs locked down until a valid policy is deployed again.` };
}

function describe(c: PolicyChanges): string {
  const part = (label: string, keys: string[]) => (keys.length ? [`${label} ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ` and ${keys.length - 8} more` : ''}`] : []);
  return [...part('added', c.added), ...part('removed', c.removed), ...part('changed', c.changed)].join('; ');
}
