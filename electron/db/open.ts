import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { applyPragmas, openSqlite, type SqliteDb } from '../../native';
import { BastionError } from '../core';
import type { Migration } from './migration';
import { MIGRATIONS } from './migrations';

/** 'BSTN': marks a file as Bastion's so a foreign SQLite file is never mistaken for ours. */
export const APPLICATION_ID = 0x4253544e;
export const DB_FILE = 'bastion.db';

export interface Store {
  db: SqliteDb;
  dataDir: string;
  /** sqlite-vec version, or null if the extension did not load (keyword-only retrieval). */
  vecVersion: string | null;
  close(): void;
}

export interface OpenStoreOptions {
  dataDir: string;
  migrations?: readonly Migration[];
  /** Open without writing; a missing database is then an error. */
  readonly?: boolean;
}

/** Database files (by path, size and mtime) that passed quick_check in this process. */
const verified = new Set<string>();

function fileIdentity(path: string): string {
  const st = statSync(path);
  return `${path}\0${st.size}\0${st.mtimeMs}`;
}

export function openStore(options: OpenStoreOptions): Store {
  const { dataDir } = options;
  const migrations = options.migrations ?? MIGRATIONS;
  const path = join(dataDir, DB_FILE);
  const isNew = !existsSync(path);
  if (isNew && options.readonly) throw new BastionError('NOT_FOUND', `No Bastion database in ${dataDir}; import a vault first.`);
  if (!isNew && statSync(path).size === 0) {
    throw new BastionError('DB_ERROR', `${path} is an empty file, not a Bastion database; move it away and try again.`);
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  let opened;
  try {
    opened = openSqlite(path, { readonly: options.readonly });
  } catch (e) {
    throw new BastionError('DB_ERROR', `Cannot open ${path}: ${(e as Error).message}`, { cause: e });
  }
  const { db } = opened;
  try {
    if (!isNew) checkIdentity(db, path, migrations);
    if (!options.readonly) {
      applyPragmas(db);
      migrate(db, migrations, isNew);
    }
    // quick_check reads every page (~90 ms at 10k items). A CLI command opens the store twice (start-up checks, then
    // the command): a file unchanged (size, mtime) since this process verified it is not read again.
    const identity = fileIdentity(path);
    if (!verified.has(identity)) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new BastionError('DB_ERROR', `${path} failed its integrity check (${String(check)}); restore a backup.`);
      verified.add(identity);
    }
  } catch (e) {
    db.close();
    if (e instanceof BastionError) throw e;
    throw new BastionError('DB_ERROR', `${path} is not a readable Bastion database: ${(e as Error).message}`, { cause: e });
  }
  return { db, dataDir, vecVersion: opened.vecVersion, close: () => db.open && db.close() };
}

function checkIdentity(db: SqliteDb, path: string, migrations: readonly Migration[]): void {
  let appId: number;
  try {
    appId = db.pragma('application_id', { simple: true }) as number;
  } catch (e) {
    throw new BastionError('DB_ERROR', `${path} is not a SQLite database.`, { cause: e });
  }
  if (appId !== APPLICATION_ID) throw new BastionError('DB_ERROR', `${path} is not a Bastion database (foreign application id).`);
  const version = db.pragma('user_version', { simple: true }) as number;
  const latest = latestVersion(migrations);
  if (version > latest) {
    throw new BastionError('DB_ERROR', `${path} was written by a newer Bastion (schema ${version} > ${latest}); update Bastion.`);
  }
}

function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

/** Each migration runs in its own transaction together with its user_version bump: all or nothing. */
function migrate(db: SqliteDb, migrations: readonly Migration[], isNew: boolean): void {
  if (isNew) db.pragma(`application_id = ${APPLICATION_ID}`);
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = [...migrations].filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  for (const m of pending) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
