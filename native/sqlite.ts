// The only place that loads better-sqlite3 and sqlite-vec. Everything else sees SqliteDb.
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';

export type SqlParam = string | number | bigint | Buffer | Uint8Array | null;

export interface SqliteStatement<Row = unknown> {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): Row | undefined;
  all(...params: unknown[]): Row[];
  iterate(...params: unknown[]): IterableIterator<Row>;
  /** Rows as arrays in column order: much cheaper than objects for wide rows read in bulk. */
  raw(toggle?: boolean): SqliteStatement<unknown[]>;
}

export interface SqliteDb {
  readonly name: string;
  readonly open: boolean;
  readonly inTransaction: boolean;
  exec(sql: string): void;
  prepare<Row = unknown>(sql: string): SqliteStatement<Row>;
  /** Wraps fn in BEGIN/COMMIT; a throw rolls back. Nested calls become savepoints. */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  close(): void;
}

export interface OpenSqliteOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
  /** Load the sqlite-vec extension (vec0 tables). Failure is reported, not thrown: keyword search still works. */
  vector?: boolean;
}

export interface OpenedSqlite {
  db: SqliteDb;
  /** sqlite-vec version, or null when the extension could not be loaded. */
  vecVersion: string | null;
}

export function openSqlite(path: string, options: OpenSqliteOptions = {}): OpenedSqlite {
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.fileMustExist ?? false });
  let vecVersion: string | null = null;
  if (options.vector !== false) {
    try {
      sqliteVec.load(db);
      vecVersion = (db.prepare('select vec_version() as v').get() as { v: string }).v;
    } catch {
      vecVersion = null;
    }
  }
  return { db: db as unknown as SqliteDb, vecVersion };
}

/** Durable settings for the app database: WAL for concurrent readers, FULL sync so a crash never loses a commit. */
export function applyPragmas(db: SqliteDb): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('trusted_schema = OFF');
}
