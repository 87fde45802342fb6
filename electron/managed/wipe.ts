import { readdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, parse, resolve } from 'node:path';
import { BastionError } from '../core';
import { appendAudit, AUDIT_ANCHOR_FILE } from '../audit';
import { DB_CHECKED_FILE, DB_FILE, KEY_FILE, type InstallKeys, type Store } from '../db';

// `bastion wipe`: remove all local data. Kept by default: the audit trail (tables named audit*, whatever they
// reference, and the egress log), plus install.key, whose subkey MACs the audit chain. With includeAudit (only where
// the managed policy allows it) the database and key go too. Deleted rows are overwritten (secure_delete) and the file
// vacuumed, so no freed page keeps old data.

/** Tables that survive a wipe without --include-audit. */
export function isAuditTable(name: string): boolean {
  return name.startsWith('audit') || name === 'egress_log';
}

export interface WipePlan {
  dataDir: string;
  /** Tables whose rows are deleted. */
  tables: string[];
  /** Tables kept (the audit trail). */
  kept: string[];
  /** Files and folders in the data dir that are removed. */
  files: string[];
  includeAudit: boolean;
}

export function planWipe(store: Store, opts: { includeAudit: boolean }): WipePlan {
  const dataDir = resolve(store.dataDir);
  assertSafeDataDir(dataDir);
  const tables = store.db
    .prepare<{ name: string; type: string }>("select name, type from pragma_table_list where schema = 'main' and type in ('table', 'virtual')")
    .all()
    .map((t) => t.name)
    .filter((n) => !n.startsWith('sqlite_'))
    .sort();
  const kept = new Set(opts.includeAudit ? [] : tables.filter(isAuditTable));
  // Keep what the kept tables point at, so their foreign keys still hold.
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of [...kept]) {
      for (const fk of store.db.prepare<{ table: string }>(`select "table" from pragma_foreign_key_list('${t.replace(/'/g, "''")}')`).all()) {
        if (!kept.has(fk.table)) {
          kept.add(fk.table);
          grew = true;
        }
      }
    }
  }
  // The audit anchor is part of the kept audit trail: without it `audit verify` could not tell a rollback.
  const keepFiles = new Set([DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, DB_CHECKED_FILE, ...(opts.includeAudit ? [] : [KEY_FILE, AUDIT_ANCHOR_FILE])]);
  const files = readdirSync(dataDir).filter((f) => !keepFiles.has(f)).sort();
  return { dataDir, tables: tables.filter((t) => !kept.has(t)), kept: [...kept].sort(), files, includeAudit: opts.includeAudit };
}

/** Carries out a plan made by planWipe on the same store. With includeAudit the store is closed and its file removed. */
export function executeWipe(store: Store, plan: WipePlan): { tables: number; rows: number; files: number } {
  let rows = 0;
  if (plan.includeAudit) {
    store.close();
    for (const f of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, DB_CHECKED_FILE, KEY_FILE]) rmSync(join(plan.dataDir, f), { force: true });
  } else {
    const db = store.db;
    db.pragma('secure_delete = ON');
    db.transaction(() => {
      db.pragma('defer_foreign_keys = ON');
      for (const t of plan.tables) rows += emptyTable(store, t);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('vacuum');
    // The vacuum rewrote the database: its integrity memo describes a file that is gone.
    rmSync(join(plan.dataDir, DB_CHECKED_FILE), { force: true });
  }
  for (const f of plan.files) rmSync(join(plan.dataDir, f), { recursive: true, force: true });
  return { tables: plan.tables.length, rows, files: plan.files.length };
}

/** The wipe itself goes in the audit log it kept (who wiped what, when); nothing to record when the log went too. */
export function recordWipe(store: Store, keys: InstallKeys, plan: WipePlan, done: { rows: number }): void {
  if (plan.includeAudit) return;
  appendAudit(store, keys, { actor: 'user', event: 'data_wiped', outcome: 'done', detail: { tables: plan.tables, files: plan.files, rows: done.rows } });
}

function emptyTable(store: Store, table: string): number {
  const q = `"${table.replace(/"/g, '""')}"`;
  const sql = store.db.prepare<{ sql: string | null }>("select sql from sqlite_master where name = ?").get(table)?.sql ?? '';
  // Contentless and external-content FTS5 tables refuse DELETE; their 'delete-all' command empties the index.
  if (/using\s+fts5\s*\([^)]*content\s*=/i.test(sql)) {
    store.db.prepare(`insert into ${q}(${q}) values ('delete-all')`).run();
    return 0;
  }
  return store.db.prepare(`delete from ${q}`).run().changes;
}

/** Never empty a folder that is plainly not Bastion's own (a --data-dir typo pointing at $HOME or /). */
function assertSafeDataDir(dir: string): void {
  const home = resolve(homedir());
  if (dir === parse(dir).root || dir === home || home.startsWith(`${dir}/`)) {
    throw new BastionError('BAD_INPUT', `Refusing to wipe ${dir}: it is not a Bastion data folder.`);
  }
}
