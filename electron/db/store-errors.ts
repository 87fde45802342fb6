import { accessSync, closeSync, constants, openSync, readSync, statfsSync } from 'node:fs';
import { BastionError } from '../core';

// Errors that tell the truth: a read-only or full filesystem and a damaged database each get their own code and ONE
// line naming the real cause. SQLite's own words ("unable to open database file", "file is not a database", a
// multi-line quick_check) would have a user delete a healthy store on a read-only mount.

const SQLITE_HEADER = 'SQLite format 3\0';

/** True when the file starts with SQLite's header: a failure to read it is then damage or the filesystem, never "foreign". */
export function hasSqliteHeader(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const buf = Buffer.alloc(16);
    return readSync(fd, buf, 0, 16, 0) === 16 && buf.toString('latin1') === SQLITE_HEADER;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function codeOf(e: unknown): string {
  return String((e as { code?: unknown })?.code ?? '');
}

export function isDiskFull(e: unknown): boolean {
  const c = codeOf(e);
  return c === 'DISK_FULL' || c === 'ENOSPC' || c === 'EDQUOT' || c === 'SQLITE_FULL' || /database or disk is full/.test((e as Error)?.message ?? '');
}

/** Less than this free: SQLite cannot make its WAL index (32 KiB) or grow its journal. */
const NEARLY_FULL_BYTES = 64 * 1024;

/**
 * True when the filesystem holding `dir` has (almost) no space this process may use. SQLite reports a full disk while
 * it makes or grows its -shm/-wal files as a plain I/O error, which must not read as "damaged".
 */
function noSpaceLeft(dir: string): boolean {
  try {
    const st = statfsSync(dir, { bigint: true });
    const free = process.getuid?.() === 0 ? st.bfree : st.bavail; // root may use the reserved blocks
    return free * st.bsize < BigInt(NEARLY_FULL_BYTES);
  } catch {
    return false;
  }
}

function isPermissionOrReadOnly(e: unknown): boolean {
  const c = codeOf(e);
  return c === 'EROFS' || c === 'EACCES' || c === 'EPERM' || c.startsWith('SQLITE_READONLY') || c.startsWith('SQLITE_CANTOPEN') || c === 'SQLITE_PERM';
}

/** Why `dir` cannot be written (EROFS, EACCES, EPERM), or null when it can. */
export function unwritableReason(dir: string): string | null {
  try {
    accessSync(dir, constants.W_OK);
    return null;
  } catch (e) {
    const c = codeOf(e);
    return c === 'EROFS' || c === 'EACCES' || c === 'EPERM' ? c : null;
  }
}

export function readOnlyError(dataDir: string, cause?: unknown): BastionError {
  return new BastionError('READ_ONLY', `the data dir is read-only: ${dataDir} (a read-only filesystem or no write permission); nothing was changed.`, { cause });
}

export function diskFullError(doing: string, cause?: unknown): BastionError {
  return new BastionError('DISK_FULL', `disk full while ${doing}; nothing was changed. Free some space and try again.`, { cause });
}

export interface StoreErrorContext {
  dataDir: string;
  /** The database file, when the failure is about it. */
  dbPath?: string;
  /** What was being done, for the disk-full message ("importing a vault"). */
  doing: string;
}

/**
 * Maps a raw failure (errno or SQLite code) to the BastionError a user can act on. BastionErrors pass through; an
 * unknown failure becomes INTERNAL. A read failure on a file that has SQLite's header on a filesystem we cannot
 * write is reported as read-only, never as "not a database".
 */
export function storeError(e: unknown, ctx: StoreErrorContext): BastionError {
  if (e instanceof BastionError) return e;
  if (isDiskFull(e)) return diskFullError(ctx.doing, e);
  const code = codeOf(e);
  const firstLine = String((e as Error)?.message ?? e).split('\n')[0]!.trim();
  if (isPermissionOrReadOnly(e) && unwritableReason(ctx.dataDir) !== null) return readOnlyError(ctx.dataDir, e);
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return readOnlyError(ctx.dataDir, e);
  if (code.startsWith('SQLITE_IOERR') && noSpaceLeft(ctx.dataDir)) return diskFullError(ctx.doing, e);
  if (ctx.dbPath && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_IOERR'))) {
    return hasSqliteHeader(ctx.dbPath)
      ? damagedError(ctx.dbPath, firstLine, e)
      : new BastionError('DB_ERROR', `${ctx.dbPath} is not a SQLite database; move it away and try again.`, { cause: e });
  }
  if (code === 'EACCES' || code === 'EPERM') return new BastionError('READ_ONLY', `permission denied while ${ctx.doing}: ${firstLine}`, { cause: e });
  return new BastionError('DB_ERROR', `${ctx.doing} failed: ${firstLine}`, { cause: e });
}

/** Failures that are about the filesystem or the file, not about the statement: these are translated for users. */
export function isEnvironmentFailure(e: unknown): boolean {
  const c = codeOf(e);
  return isDiskFull(e) || /^SQLITE_(READONLY|CANTOPEN|CORRUPT|NOTADB|IOERR|PERM)/.test(c) || c === 'EROFS' || c === 'EACCES' || c === 'EPERM';
}

/** One line for a damaged database: the first problem SQLite names and how many more there are. */
export function damagedError(dbPath: string, what: string, cause?: unknown, source = 'SQLite says'): BastionError {
  // quick_check prints a "*** in database main ***" banner and one line per problem.
  const detail = what.split('\n').map((l) => l.replace(/\*\*\* in database \w+ \*\*\*/, '').trim()).filter(Boolean);
  const more = detail.length - 1;
  const summary = `${source}: ${detail[0] ?? 'unreadable'}${more > 0 ? `; ${more} more problem${more === 1 ? '' : 's'}` : ''}`;
  return new BastionError('DB_ERROR', `${dbPath} is damaged (${summary}); restore it from a backup, or move it away to start a new store.`, { cause });
}
