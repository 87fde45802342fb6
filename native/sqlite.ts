// The only place that loads better-sqlite3 and sqlite-vec. Everything else sees SqliteDb.
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';

export type SqlParam = string | number | bigint | Buffer | Uint8Array | null;

/** How long a statement waits for another process's lock before SQLITE_BUSY. Set before the first statement. */
export const BUSY_TIMEOUT_MS = 10_000;

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
  readonly readonly: boolean;
  exec(sql: string): void;
  prepare<Row = unknown>(sql: string): SqliteStatement<Row>;
  /**
   * Wraps fn in BEGIN IMMEDIATE/COMMIT; a throw rolls back. Nested calls become savepoints. IMMEDIATE takes the write
   * lock up front (waiting up to BUSY_TIMEOUT_MS): a DEFERRED transaction that reads and then writes fails at once
   * with "database is locked" when another process committed in between, and no busy timeout can save it.
   */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  /**
   * Runs fn after the outermost transaction commits (at once when none is open); dropped if it rolls back. A later
   * call with the same key replaces an earlier one. For side effects outside the database that must never get ahead of
   * it (the audit anchor file).
   */
  afterCommit(key: string, fn: () => void): void;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  close(): void;
}

export interface OpenSqliteOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
  /** Load the sqlite-vec extension (vec0 tables). Failure is reported, not thrown: keyword search still works. */
  vector?: boolean;
  /** Maps an error thrown out of a transaction (after its rollback) to the one callers see: the store's own errors. */
  translateError?: (e: unknown) => unknown;
}

export interface OpenedSqlite {
  db: SqliteDb;
  /** sqlite-vec version, or null when the extension could not be loaded. */
  vecVersion: string | null;
}

export function openSqlite(path: string, options: OpenSqliteOptions = {}): OpenedSqlite {
  // `timeout` is better-sqlite3's busy_timeout, applied before any statement (the first read may already wait).
  const raw = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.fileMustExist ?? false, timeout: BUSY_TIMEOUT_MS });
  const db = withImmediateTransactions(raw, options.translateError ?? ((e) => e));
  let vecVersion: string | null = null;
  if (options.vector !== false) {
    try {
      sqliteVec.load(raw);
      vecVersion = (raw.prepare('select vec_version() as v').get() as { v: string }).v;
    } catch {
      vecVersion = null;
    }
  }
  return { db, vecVersion };
}

type RawTransaction = ReturnType<Database.Database['transaction']>;

/** Replaces the instance's transaction() with the IMMEDIATE variant and adds afterCommit(). */
function withImmediateTransactions(raw: Database.Database, translate: (e: unknown) => unknown): SqliteDb {
  const make = raw.transaction.bind(raw);
  const pending = new Map<string, () => void>();
  const flush = () => {
    const fns = [...pending.values()];
    pending.clear();
    for (const fn of fns) fn();
  };
  Object.defineProperty(raw, 'transaction', {
    value: <A extends unknown[], R>(fn: (...args: A) => R) => {
      const immediate = (make(fn as never) as RawTransaction).immediate as unknown as (...args: A) => R;
      return (...args: A): R => {
        const outermost = !raw.inTransaction;
        let result: R;
        try {
          result = immediate(...args);
        } catch (e) {
          if (outermost) pending.clear();
          throw translate(e);
        }
        if (outermost) flush();
        return result;
      };
    },
  });
  Object.defineProperty(raw, 'afterCommit', {
    value: (key: string, fn: () => void) => {
      if (raw.inTransaction) pending.set(key, fn);
      else fn();
    },
  });
  return raw as unknown as SqliteDb;
}

/** Per-connection settings every open gets, read-only ones included. */
export function applyConnectionPragmas(db: SqliteDb): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
  db.pragma('trusted_schema = OFF');
}

/** Durable settings for the app database: WAL for concurrent readers, FULL sync so a crash never loses a commit. */
export function applyPragmas(db: SqliteDb): void {
  applyConnectionPragmas(db);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
}
