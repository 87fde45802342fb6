import type { Store } from '../db';
import { OLD_AFTER_MS } from './analysis/findings';
import { vaultHealthOf, type VaultHealth } from './health';
import type { Report } from './model';
import { classify, reportOf, type Classified } from './report';

// The last report and health view, kept in vault_kept_views (migration 0013). Triggers on the tables they read empty
// it on every write, so a kept view always describes the store as it is; the clock is the only other input, and each
// row says until when its findings hold (the next snooze to expire, the next password to turn "old").

export type KeptView = 'report' | 'health';

/** Bumped whenever a view's shape or layout changes: a row written by another version is rebuilt, never served. */
const FORMAT: Record<KeptView, number> = { report: 2, health: 1 };
/** The report is kept as `bastion report --json` prints it, so the CLI can print the kept text as it is. */
const INDENT: Record<KeptView, number> = { report: 2, health: 0 };

export interface KeptViewOptions {
  /** The clock for `old` and snooze expiry (tests). */
  now?: number;
  /** Test seam: runs after the view is built and before it is kept (another writer getting in between). */
  beforeStore?: () => void;
}

/** The hygiene report, the same as buildReport's for the same store and clock. */
export function cachedReport(store: Store, opts: KeptViewOptions = {}): Report {
  return keptValue(store, 'report', reportOf, opts);
}

/** The same report as JSON text, two-space indented (what `bastion report --json` prints): the kept text as it is. */
export function cachedReportJson(store: Store, opts: KeptViewOptions = {}): string {
  return readKept(store, 'report', opts) ?? buildAndKeep(store, 'report', reportOf, opts).text;
}

/** Every item's health and the fix-first plan, the same as readVaultHealth's for the same store and clock. */
export function cachedVaultHealth(store: Store, opts: KeptViewOptions = {}): VaultHealth {
  return keptValue(store, 'health', (c) => vaultHealthOf(store, c), opts);
}

/** The kept view parsed, or built and kept. */
function keptValue<T>(store: Store, view: KeptView, build: (c: Classified) => T, opts: KeptViewOptions): T {
  const kept = readKept(store, view, opts);
  return kept === undefined ? buildAndKeep(store, view, build, opts).value : (JSON.parse(kept) as T);
}

/**
 * Builds the view `build` makes from the store's classified findings and keeps it (JSON text) with the time its
 * findings stop holding. Keeping it is best effort (a busy or read-only store still gets its view) and never keeps a
 * view another writer has outdated.
 */
function buildAndKeep<T>(store: Store, view: KeptView, build: (c: Classified) => T, opts: KeptViewOptions): { value: T; text: string } {
  const now = opts.now ?? Date.now();
  const db = store.db;
  // One read snapshot for building and keeping: if another connection writes after it was taken, SQLite refuses
  // the write below (SQLITE_BUSY_SNAPSHOT) and the outdated view is returned but not kept.
  db.exec('begin');
  let built: { value: T; text: string } | undefined;
  try {
    const classified = classify(store, now);
    const value = build(classified);
    built = { value, text: JSON.stringify(value, null, INDENT[view]) };
    opts.beforeStore?.();
    db.prepare('insert or replace into vault_kept_views (view, format, built_ms, valid_until_ms, body) values (?, ?, ?, ?, ?)').run(
      view,
      FORMAT[view],
      now,
      validUntil(classified, now),
      built.text,
    );
    db.exec('commit');
  } catch (e) {
    if (db.inTransaction) db.exec('rollback');
    // Only keeping it failed (busy, outdated snapshot, read-only or full disk): the view itself stands.
    if (!isSqliteError(e) || built === undefined) throw e;
  }
  return built;
}

/** The kept text of a view, when the vault is unchanged since it was built and no finding's time has come. */
function readKept(store: Store, view: KeptView, opts: KeptViewOptions): string | undefined {
  const now = opts.now ?? Date.now();
  const row = store.db.prepare('select format, built_ms, valid_until_ms, body from vault_kept_views where view = ?').get(view) as
    | { format: number; built_ms: number; valid_until_ms: number; body: string }
    | undefined;
  // A clock set back can make an expired snooze active again: only a clock between build and expiry is trusted.
  if (!row || row.format !== FORMAT[view] || now < row.built_ms || now >= row.valid_until_ms) return undefined;
  return row.body;
}

/** The first moment a finding may change with time alone: a password turning old, or a snooze running out. */
function validUntil({ items, state }: Classified, now: number): number {
  let until = Number.MAX_SAFE_INTEGER;
  for (const it of items) {
    if (it.kind !== 'login' || !it.hasPassword) continue;
    const changed = it.passwordChangedMs ?? it.modifiedMs;
    // Old once now - changed > OLD_AFTER_MS: rebuilt from that instant on.
    if (changed !== null && changed + OLD_AFTER_MS >= now) until = Math.min(until, Math.floor(changed + OLD_AFTER_MS));
  }
  for (const s of state.values()) {
    if (s.state === 'snoozed' && s.untilMs !== null && s.untilMs > now) until = Math.min(until, Math.floor(s.untilMs));
  }
  return until;
}

function isSqliteError(e: unknown): boolean {
  const code = e instanceof Error ? (e as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}
