import { basename } from 'node:path';
import type { Store } from '../../db';
import { BastionError } from '../../core';
import type { ItemRef, SourceInfo } from '../model';
import type { DerivedItem, Exposure, ImportFormat, ItemKind, LengthClass } from '../types';

interface ItemRow {
  id: string;
  source_id: string;
  external_id: string;
  kind: ItemKind;
  title: string;
  username: string | null;
  urls: string;
  site: string | null;
  group_path: string | null;
  created_ms: number | null;
  modified_ms: number | null;
  password_changed_ms: number | null;
  has_totp: number;
  has_password: number;
  strength: number | null;
  guesses_log10: number | null;
  length_class: LengthClass | null;
  fingerprint: Buffer | null;
  exposed: Exposure;
  breach_count: number | null;
  excluded_by_vault: number;
}

/** What is stored of an item: its derived features, and whether its own vault excludes it from reports. */
export type StoredItem = DerivedItem & { excludedByVault: boolean };

/**
 * Replaces everything stored for one source with `items`, in ONE transaction: a re-import never duplicates, and a
 * failure anywhere leaves the store as it was.
 */
export function replaceSource(
  store: Store,
  source: { id: string; path: string; format: ImportFormat; importedAt: number },
  items: StoredItem[],
  newStrengths: { fingerprint: Buffer; score: number; guessesLog10: number }[],
): void {
  const { db } = store;
  const logins = items.filter((i) => i.kind === 'login').length;
  const upsertSource = db.prepare(
    `insert into vault_sources (id, path, name, format, imported_at, item_count, login_count) values (?, ?, ?, ?, ?, ?, ?)
     on conflict(id) do update set path = excluded.path, name = excluded.name, format = excluded.format,
       imported_at = excluded.imported_at, item_count = excluded.item_count, login_count = excluded.login_count`,
  );
  const insertItem = db.prepare(
    `insert into vault_items (id, source_id, external_id, kind, title, username, urls, site, group_path, created_ms, modified_ms,
       password_changed_ms, has_totp, has_password, strength, guesses_log10, length_class, fingerprint, exposed, breach_count,
       excluded_by_vault)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const cachePut = db.prepare('insert or replace into vault_strength_cache (fingerprint, score, guesses_log10) values (?, ?, ?)');
  db.transaction(() => {
    upsertSource.run(source.id, source.path, basename(source.path), source.format, source.importedAt, items.length, logins);
    db.prepare('delete from vault_items where source_id = ?').run(source.id);
    for (const it of items) {
      insertItem.run(
        it.id, it.sourceId, it.externalId, it.kind, it.title, it.username, JSON.stringify(it.urls), it.site, it.group,
        it.createdMs, it.modifiedMs, it.passwordChangedMs, it.hasTotp ? 1 : 0, it.hasPassword ? 1 : 0, it.strength,
        it.guessesLog10, it.lengthClass, it.fingerprint, it.exposed, it.breachCount, it.excludedByVault ? 1 : 0,
      );
    }
    for (const s of newStrengths) cachePut.run(s.fingerprint, s.score, s.guessesLog10);
  })();
}

// Read as arrays in this column order, not as row objects: the report reads every item on every run, and building
// 20-property row objects cost more than the query itself (cold `bastion report` on 10k items).
const ITEM_COLUMNS =
  'id, source_id, external_id, kind, title, username, urls, site, group_path, created_ms, modified_ms, password_changed_ms, ' +
  'has_totp, has_password, strength, guesses_log10, length_class, fingerprint, exposed, breach_count, excluded_by_vault';

export function loadItems(store: Store): StoredItem[] {
  // Sorted here, not by SQL: `order by` walks the source index and then sorts again, twice the cost of a table scan.
  // Ids are ASCII (base64url), so JS string order is SQLite's binary order.
  const items = store.db.prepare(`select ${ITEM_COLUMNS} from vault_items`).raw(true).all().map(rowToItem);
  return items.sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * One item and every item it can share a finding with: the same password (reuse) or the same account on the same site
 * (duplicate). Every other finding is about one item alone, so analysing this set gives exactly that item's findings.
 */
export function loadItemAndPeers(store: Store, itemId: string): StoredItem[] {
  const one = store.db.prepare<{ fingerprint: Buffer | null; site: string | null }>('select fingerprint, site from vault_items where id = ?').get(itemId);
  if (!one) return [];
  const rows = store.db
    .prepare(
      // Same site only, not same username too: the analysis compares usernames case-insensitively (Unicode) itself.
      `select ${ITEM_COLUMNS} from vault_items where id = ? or (? is not null and fingerprint = ?) or (? is not null and site = ?)`,
    )
    .raw(true)
    .all(itemId, one.fingerprint, one.fingerprint, one.site, one.site) as unknown[][];
  return rows.map(rowToItem).sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function rowToItem(r: unknown[]): StoredItem {
  return {
    id: r[0] as string,
    sourceId: r[1] as string,
    externalId: r[2] as string,
    kind: r[3] as ItemKind,
    title: r[4] as string,
    username: r[5] as string | null,
    urls: JSON.parse(r[6] as string) as string[],
    site: r[7] as string | null,
    group: r[8] as string | null,
    createdMs: r[9] as number | null,
    modifiedMs: r[10] as number | null,
    passwordChangedMs: r[11] as number | null,
    hasTotp: r[12] === 1,
    hasPassword: r[13] === 1,
    strength: r[14] as number | null,
    guessesLog10: r[15] as number | null,
    lengthClass: r[16] as LengthClass | null,
    fingerprint: r[17] as Buffer | null,
    exposed: r[18] as Exposure,
    breachCount: r[19] as number | null,
    excludedByVault: r[20] === 1,
  };
}

export function getItemRef(store: Store, itemId: string): ItemRef | null {
  const r = store.db
    .prepare<ItemRow & { path: string; format: ImportFormat }>(
      'select i.*, s.path, s.format from vault_items i join vault_sources s on s.id = i.source_id where i.id = ?',
    )
    .get(itemId);
  if (!r) return null;
  return {
    id: r.id,
    title: r.title,
    username: r.username,
    urls: JSON.parse(r.urls) as string[],
    kind: r.kind,
    group: r.group_path,
    sourceId: r.source_id,
    sourcePath: r.path,
    format: r.format,
    externalId: r.external_id,
  };
}

export function listSources(store: Store): SourceInfo[] {
  return store.db
    .prepare<{ id: string; path: string; name: string; format: string; imported_at: number; item_count: number; login_count: number }>(
      'select * from vault_sources order by path',
    )
    .all()
    .map((s) => ({
      id: s.id,
      path: s.path,
      name: s.name,
      format: s.format,
      importedAt: new Date(s.imported_at).toISOString(),
      items: s.item_count,
      logins: s.login_count,
    }));
}

/** Removes a source (by id, path or file name) and everything derived from it, finding state included. */
export function forgetSource(store: Store, idOrPath: string, resolvedPath?: string): SourceInfo {
  const all = listSources(store);
  const byId = all.find((s) => s.id === idOrPath || s.path === idOrPath || (resolvedPath !== undefined && s.path === resolvedPath));
  const byName = all.filter((s) => s.name === idOrPath);
  const match = byId ?? (byName.length === 1 ? byName[0] : undefined);
  if (!match) {
    if (byName.length > 1) throw new BastionError('CONFLICT', `Several sources are named ${idOrPath}; name one by its id or full path.`);
    throw new BastionError('NOT_FOUND', `No imported source matches ${idOrPath}; see \`bastion sources\`.`);
  }
  const { db } = store;
  db.transaction(() => {
    db.prepare('delete from vault_finding_state where item_id in (select id from vault_items where source_id = ?)').run(match.id);
    db.prepare("delete from vault_exclusions where target_type = 'item' and target in (select id from vault_items where source_id = ?)").run(match.id);
    db.prepare('delete from vault_items where source_id = ?').run(match.id);
    db.prepare('delete from vault_sources where id = ?').run(match.id);
    // Strength results of passwords no longer in any item go too: forget means forget.
    db.prepare('delete from vault_strength_cache where fingerprint not in (select fingerprint from vault_items where fingerprint is not null)').run();
  })();
  return match;
}
