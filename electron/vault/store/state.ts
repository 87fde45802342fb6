import type { Store } from '../../db';
import { BastionError } from '../../core';
import type { Exclusion, FindingKind } from '../model';

// The user's decisions about findings: exclusions (kept until `include`), snoozes (until a time) and resolved marks
// (valid while the item's password fingerprint is unchanged, so a new weak password shows up again).

export interface FindingStateRow {
  kind: FindingKind;
  itemId: string;
  state: 'snoozed' | 'resolved';
  untilMs: number | null;
  fingerprint: Buffer | null;
}

function requireItems(store: Store, itemIds: readonly string[]): void {
  if (itemIds.length === 0) throw new BastionError('BAD_INPUT', 'Name at least one item.');
  const get = store.db.prepare('select 1 from vault_items where id = ?');
  for (const id of itemIds) if (!get.get(id)) throw new BastionError('NOT_FOUND', `No item ${id}; item ids are listed by \`bastion report\`.`);
}

export function groupExists(store: Store, group: string): boolean {
  return store.db
    .prepare<{ g: string }>('select distinct group_path as g from vault_items where group_path is not null')
    .all()
    .some((r) => groupMatches(r.g, group));
}

/** A group name matches its folder and every subfolder, given as a full path or as a path below any ancestor. */
export function groupMatches(itemGroup: string | null, name: string): boolean {
  if (!itemGroup) return false;
  const g = `/${itemGroup}/`;
  return g.includes(`/${name.replace(/^\/+|\/+$/g, '')}/`);
}

export function addExclusion(store: Store, ex: { itemId?: string; group?: string; kind?: FindingKind }): Exclusion {
  const target = exclusionTarget(ex);
  if (target.targetType === 'item') requireItems(store, [target.target]);
  else if (!groupExists(store, target.target)) throw new BastionError('NOT_FOUND', `No imported item is in a group named ${target.target}.`);
  const kind = ex.kind ?? '*';
  store.db
    .prepare('insert or ignore into vault_exclusions (kind, target_type, target, created_at) values (?, ?, ?, ?)')
    .run(kind, target.targetType, target.target, Date.now());
  return { kind, ...target };
}

/** Undoes exclusions of a target: all of them, or one kind (a '*' exclusion is narrowed to the other kinds). */
export function removeExclusion(store: Store, ex: { itemId?: string; group?: string; kind?: FindingKind }, allKinds: readonly FindingKind[]): number {
  const { targetType, target } = exclusionTarget(ex);
  const { db } = store;
  return db.transaction(() => {
    if (!ex.kind) return db.prepare('delete from vault_exclusions where target_type = ? and target = ?').run(targetType, target).changes;
    let changes = db.prepare('delete from vault_exclusions where target_type = ? and target = ? and kind = ?').run(targetType, target, ex.kind).changes;
    const star = db.prepare("delete from vault_exclusions where target_type = ? and target = ? and kind = '*'").run(targetType, target).changes;
    if (star) {
      const ins = db.prepare('insert or ignore into vault_exclusions (kind, target_type, target, created_at) values (?, ?, ?, ?)');
      for (const k of allKinds) if (k !== ex.kind) ins.run(k, targetType, target, Date.now());
      changes += star;
    }
    return changes;
  })();
}

function exclusionTarget(ex: { itemId?: string; group?: string }): { targetType: 'item' | 'group'; target: string } {
  if (ex.itemId && ex.group) throw new BastionError('BAD_INPUT', 'Name an item or a group, not both.');
  if (ex.itemId) return { targetType: 'item', target: ex.itemId };
  if (ex.group?.trim()) return { targetType: 'group', target: ex.group.trim() };
  throw new BastionError('BAD_INPUT', 'Name an item id (it_…) or --group NAME.');
}

export function listExclusions(store: Store): Exclusion[] {
  return store.db
    .prepare<{ kind: FindingKind | '*'; target_type: 'item' | 'group'; target: string }>(
      'select kind, target_type, target from vault_exclusions order by target_type, target, kind',
    )
    .all()
    .map((r) => ({ kind: r.kind, targetType: r.target_type, target: r.target }));
}

export function snoozeFinding(store: Store, kind: FindingKind, itemIds: readonly string[], untilMs: number): void {
  requireItems(store, itemIds);
  if (!Number.isFinite(untilMs) || untilMs <= Date.now()) throw new BastionError('BAD_INPUT', 'A snooze must end in the future.');
  const put = store.db.prepare(
    "insert or replace into vault_finding_state (kind, item_id, state, until_ms, fingerprint, created_at) values (?, ?, 'snoozed', ?, null, ?)",
  );
  store.db.transaction(() => {
    for (const id of itemIds) put.run(kind, id, Math.floor(untilMs), Date.now());
  })();
}

export function markResolved(store: Store, kind: FindingKind, itemIds: readonly string[]): void {
  requireItems(store, itemIds);
  const put = store.db.prepare(
    `insert or replace into vault_finding_state (kind, item_id, state, until_ms, fingerprint, created_at)
     select ?, id, 'resolved', null, fingerprint, ? from vault_items where id = ?`,
  );
  store.db.transaction(() => {
    for (const id of itemIds) put.run(kind, Date.now(), id);
  })();
}

/** Undo for snooze/resolve: the finding shows again. */
export function clearFindingState(store: Store, kind: FindingKind, itemIds: readonly string[]): number {
  const del = store.db.prepare('delete from vault_finding_state where kind = ? and item_id = ?');
  return store.db.transaction(() => itemIds.reduce((n, id) => n + del.run(kind, id).changes, 0))();
}

export function loadFindingState(store: Store): FindingStateRow[] {
  return store.db
    .prepare<{ kind: FindingKind; item_id: string; state: 'snoozed' | 'resolved'; until_ms: number | null; fingerprint: Buffer | null }>(
      'select kind, item_id, state, until_ms, fingerprint from vault_finding_state',
    )
    .all()
    .map((r) => ({ kind: r.kind, itemId: r.item_id, state: r.state, untilMs: r.until_ms, fingerprint: r.fingerprint }));
}
