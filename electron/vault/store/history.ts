import type { Store } from '../../db';
import { FINDING_KINDS, type FindingKind } from '../model';

// The health trend: one aggregate row per import (score, counts of items with an open finding of each kind).

export interface HealthSnapshot {
  at: number;
  score: number;
  items: number;
  logins: number;
  /** Items with an open finding of each kind. */
  counts: Record<FindingKind, number>;
}

export function recordHealthSnapshot(store: Store, s: HealthSnapshot): void {
  store.db
    .prepare(
      `insert into vault_health_history (at, score, items, logins, ${FINDING_KINDS.join(', ')})
       values (?, ?, ?, ?, ${FINDING_KINDS.map(() => '?').join(', ')})`,
    )
    .run(s.at, s.score, s.items, s.logins, ...FINDING_KINDS.map((k) => s.counts[k]));
}

/** The newest `limit` snapshots, oldest first (the order a trend is drawn in). */
export function listHealthHistory(store: Store, limit = 60): HealthSnapshot[] {
  const rows = store.db
    .prepare<Record<string, number>>(`select at, score, items, logins, ${FINDING_KINDS.join(', ')} from vault_health_history order by at desc, id desc limit ?`)
    .all(limit);
  return rows.reverse().map((r) => ({
    at: r.at!,
    score: r.score!,
    items: r.items!,
    logins: r.logins!,
    counts: Object.fromEntries(FINDING_KINDS.map((k) => [k, r[k]!])) as Record<FindingKind, number>,
  }));
}
