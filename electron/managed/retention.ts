import type { Store } from '../db';
import { mergeSettings } from './merge';
import type { ManagedPolicy } from './schema';
import type { UserSettings } from './user-settings';

// History retention, enforced at start and daily. The chat tables belong to the assistant capability; the contract
// is the documented table `chat_messages(created_at)` (ms since the epoch; seconds and ISO text are recognised too),
// deleted here when it exists, plus any deleter the assistant passes in (e.g. to drop conversations left empty).

export const CHAT_TABLE = 'chat_messages';
export const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes history older than cutoffMs (everything when cutoffMs is +Infinity); returns how many rows it removed. */
export type HistoryDeleter = (store: Store, cutoffMs: number) => number;

export interface RetentionResult {
  /** 'off': history disabled, all of it deleted; 'days': older than retentionDays deleted; 'keep': nothing to do. */
  mode: 'off' | 'days' | 'keep';
  cutoffMs: number | null;
  deleted: number;
}

export function enforceRetention(
  store: Store,
  policy: ManagedPolicy,
  now: number = Date.now(),
  opts: { user?: UserSettings; deleters?: HistoryDeleter[] } = {},
): RetentionResult {
  // Only the organisation's "off" deletes everything: a user who turns history off stops new writes and keeps what
  // is stored until they clear it (the switch's documented meaning), while retention days still apply to it.
  const retentionDays = mergeSettings(policy, { ...opts.user, 'history.enabled': true }).history.retentionDays;
  const mode = policy.history === 'off' ? 'off' : retentionDays !== null ? 'days' : 'keep';
  if (mode === 'keep') return { mode, cutoffMs: null, deleted: 0 };
  const cutoffMs = mode === 'off' ? Number.POSITIVE_INFINITY : now - (retentionDays as number) * DAY_MS;
  const deleted = store.db.transaction(() => {
    let n = deleteChatMessages(store, cutoffMs);
    for (const d of opts.deleters ?? []) n += d(store, cutoffMs);
    return n;
  })();
  return { mode, cutoffMs: Number.isFinite(cutoffMs) ? cutoffMs : null, deleted };
}

/** The documented default deleter: rows of chat_messages created before cutoffMs, if that table exists. */
export function deleteChatMessages(store: Store, cutoffMs: number): number {
  const table = store.db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(CHAT_TABLE);
  if (!table) return 0;
  const cols = store.db.prepare<{ name: string }>(`select name from pragma_table_info('${CHAT_TABLE}')`).all();
  if (!cols.some((c) => c.name === 'created_at')) return 0;
  if (!Number.isFinite(cutoffMs)) return store.db.prepare(`delete from ${CHAT_TABLE}`).run().changes;
  // Integers below 1e11 are seconds (1e11 ms is 1973; 1e11 s is the year 5138); text is ISO-8601.
  return store.db
    .prepare(
      `delete from ${CHAT_TABLE} where
         (typeof(created_at) in ('integer', 'real') and created_at < case when created_at < 1e11 then ? else ? end)
         or (typeof(created_at) = 'text' and created_at < ?)`,
    )
    .run(Math.floor(cutoffMs / 1000), cutoffMs, new Date(cutoffMs).toISOString()).changes;
}

/**
 * Runs enforceRetention now and then every 24 h (the app's composition root calls this once at start). The timer is
 * unref'd so it never keeps a process alive. Returns a stop function.
 */
export function scheduleRetention(
  run: () => unknown,
  timers: { setInterval: typeof setInterval; clearInterval: typeof clearInterval } = { setInterval, clearInterval },
): () => void {
  run();
  const handle = timers.setInterval(run, DAY_MS);
  (handle as { unref?: () => void }).unref?.();
  return () => timers.clearInterval(handle);
}
