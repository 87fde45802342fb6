import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { applyConnectionPragmas, applyPragmas, openSqlite, type SqliteDb } from '../../native';
import { BastionError } from '../core';
import { fsyncDir } from './atomic-write';
import { CHECKED_SUFFIX, fileIdentity, rememberVerified, wasVerified } from './integrity-memo';
import type { Migration } from './migration';
import { MIGRATIONS } from './migrations';
import { dataDirWarning, makePrivate, privateUmask } from './private-files';
import { damagedError, isEnvironmentFailure, readOnlyError, storeError, unwritableReason } from './store-errors';

/** 'BSTN': marks a file as Bastion's so a foreign SQLite file is never mistaken for ours. */
export const APPLICATION_ID = 0x4253544e;
export const DB_FILE = 'bastion.db';
/** The integrity check's memo beside the database (integrity-memo.ts): part of the database's own files. */
export const DB_CHECKED_FILE = `${DB_FILE}${CHECKED_SUFFIX}`;

export interface Store {
  db: SqliteDb;
  dataDir: string;
  /** sqlite-vec version, or null if the extension did not load (keyword-only retrieval). */
  vecVersion: string | null;
  /** A one-line warning to show once (the data dir is readable by other users), or null. */
  warning: string | null;
  close(): void;
}

export interface OpenStoreOptions {
  dataDir: string;
  migrations?: readonly Migration[];
  /** Open without writing; a missing database is then an error. */
  readonly?: boolean;
}

/** Data dirs already warned about in this process (warn once). */
const warned = new Set<string>();

/**
 * Opens (creating on first use) the store in `dataDir`. Safe when many processes start together: a new database is
 * built and migrated under a private name and linked into place in one step, so no process ever sees a half-made
 * file; later migrations run in IMMEDIATE transactions that re-read the schema version.
 */
export function openStore(options: OpenStoreOptions): Store {
  const { dataDir } = options;
  const path = join(dataDir, DB_FILE);
  privateUmask();
  try {
    return openStoreAt(path, options);
  } catch (e) {
    throw storeError(e, { dataDir, dbPath: path, doing: 'opening the Bastion database' });
  }
}

function openStoreAt(path: string, options: OpenStoreOptions): Store {
  const { dataDir } = options;
  const migrations = options.migrations ?? MIGRATIONS;
  if (!existsSync(path)) {
    if (options.readonly) throw new BastionError('NOT_FOUND', `No Bastion database in ${dataDir}; import a vault first.`);
    ensureDataDir(dataDir);
    createDatabase(path, migrations);
  }
  // Never a half-made file of ours (see createDatabase): an empty file here was put there by something else.
  if (statSync(path).size === 0) {
    throw new BastionError('DB_ERROR', `${path} is an empty file, not a Bastion database; move it away and try again.`);
  }
  const opened = openSqlite(path, { readonly: options.readonly, fileMustExist: true, translateError: writeFailureTranslator(dataDir, path) });
  const { db } = opened;
  try {
    applyConnectionPragmas(db);
    checkIdentity(db, path, migrations);
    if (!options.readonly) {
      applyPragmas(db);
      migrate(db, migrations);
    }
    makePrivate([path, `${path}-wal`, `${path}-shm`]);
    quickCheckOnce(db, path);
  } catch (e) {
    db.close();
    throw e;
  }
  const warning = warned.has(dataDir) ? null : dataDirWarning(dataDir);
  if (warning) warned.add(dataDir);
  return { db, dataDir, vecVersion: opened.vecVersion, warning, close: () => db.open && db.close() };
}

/** mkdir -p, saying "read-only" when the nearest existing folder cannot be written (recursive mkdir says ENOENT). */
function ensureDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (e) {
    let dir = dirname(dataDir);
    while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
    if (unwritableReason(dir)) throw readOnlyError(dataDir, e);
    throw e;
  }
  if (unwritableReason(dataDir)) throw readOnlyError(dataDir);
}

/**
 * Builds a complete, migrated database under a private temp name, then hard-links it into place: link() fails with
 * EEXIST if another process got there first (its database is then used and ours discarded), so bastion.db either does
 * not exist or is whole. Filesystems without hard links fall back to a rename guarded by an existence check.
 */
function createDatabase(path: string, migrations: readonly Migration[]): void {
  removeStaleTemps(path);
  const tmp = `${path}.new-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const { db } = openSqlite(tmp, { vector: true });
    try {
      applyConnectionPragmas(db);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      // WAL is recorded in the file header, so the linked file opens in WAL mode with no journal switch (which would
      // need an exclusive lock while other processes read).
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      migrate(db, migrations);
    } finally {
      db.close(); // checkpoints and removes tmp-wal / tmp-shm
    }
    makePrivate([tmp]);
    try {
      linkSync(tmp, path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return; // another process created it first
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw e;
      if (!existsSync(path)) renameSync(tmp, path);
    }
    fsyncDir(dirname(path));
  } finally {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) rmSync(f, { force: true });
  }
}

/**
 * Every transaction on the store reports a full disk, a read-only filesystem or a damaged file as the BastionError a
 * user can act on ("disk full while saving to the Bastion database; nothing was changed" — true: it rolled back).
 * Statement errors (constraints…) pass through untouched for the code that handles them.
 */
function writeFailureTranslator(dataDir: string, dbPath: string): (e: unknown) => unknown {
  return (e) => (!(e instanceof BastionError) && isEnvironmentFailure(e) ? storeError(e, { dataDir, dbPath, doing: `saving to the Bastion database in ${dataDir}` }) : e);
}

/** Temp databases left by a process killed while creating the store (their pid is gone). */
function removeStaleTemps(path: string): void {
  const prefix = `${basename(path)}.new-`;
  for (const f of readdirSync(dirname(path))) {
    if (!f.startsWith(prefix)) continue;
    const pid = Number(f.slice(prefix.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid === process.pid || processAlive(pid)) continue;
    rmSync(join(dirname(path), f), { force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// quick_check reads every page: a file verified and not written since is not read again (integrity-memo.ts).
function quickCheckOnce(db: SqliteDb, path: string): void {
  const identity = fileIdentity(path);
  if (wasVerified(path, identity)) return;
  const rows = db.pragma('quick_check(20)') as { quick_check: string }[];
  const lines = rows.map((r) => r.quick_check);
  if (lines.length !== 1 || lines[0] !== 'ok') throw damagedError(path, lines.join('\n'), undefined, 'integrity check');
  rememberVerified(path, identity);
}

function checkIdentity(db: SqliteDb, path: string, migrations: readonly Migration[]): void {
  // A read failure here is classified by storeError: damaged (our header), read-only filesystem, or foreign.
  const appId = db.pragma('application_id', { simple: true }) as number;
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

/**
 * Each migration runs in its own IMMEDIATE transaction together with its user_version bump: all or nothing. The
 * version is re-read inside the transaction, so two processes upgrading at once run each migration exactly once.
 */
function migrate(db: SqliteDb, migrations: readonly Migration[]): void {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  const pendingAfter = (v: number) => sorted.find((m) => m.version > v);
  if (!pendingAfter(db.pragma('user_version', { simple: true }) as number)) return;
  for (;;) {
    const ran = db.transaction(() => {
      const next = pendingAfter(db.pragma('user_version', { simple: true }) as number);
      if (!next) return false;
      try {
        next.up(db);
      } catch (e) {
        if (typeof (e as { code?: unknown }).code === 'string') throw e; // disk full, read-only…: storeError says so
        throw new BastionError('DB_ERROR', `Migration ${next.version} (${next.name}) failed: ${String((e as Error).message).split('\n')[0]}`, { cause: e });
      }
      db.pragma(`user_version = ${next.version}`);
      return true;
    })();
    if (!ran) return;
  }
}
