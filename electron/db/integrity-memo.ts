import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';

// quick_check reads every page of the store (15–25 ms at 10k items, most of a `bastion report` past Node's own
// start-up). A file verified and not written since is not read in full again: within a process (a CLI command opens
// the store twice) and across processes, through a memo beside the database. "Not written since" is the same inode,
// size, mtime and ctime for the database and for its WAL; ctime cannot be set back by a user-space tool, so any
// change to either file after the check (a write, a copy over it, a truncation, flipped bytes) checks it again.

/** The memo's name beside the database file (the data inventory describes it). */
export const CHECKED_SUFFIX = '.checked';

/** Identities (see above) that passed quick_check in this process. */
const verified = new Set<string>();

export function fileIdentity(dbPath: string): string {
  return [dbPath, statOf(dbPath), statOf(`${dbPath}-wal`)].join('\0');
}

function statOf(path: string): string {
  try {
    const st = statSync(path, { bigint: true });
    // SQLite deletes the WAL when the last connection closes and makes a new, empty one on the next open: an empty WAL
    // holds nothing to check, whatever its inode and times.
    if (st.size === 0n) return 'empty';
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
  } catch {
    return 'empty';
  }
}

export function wasVerified(dbPath: string, identity: string): boolean {
  if (verified.has(identity)) return true;
  try {
    const memo = JSON.parse(readFileSync(`${dbPath}${CHECKED_SUFFIX}`, 'utf8')) as { identity?: unknown };
    if (memo.identity !== identity) return false;
  } catch {
    return false; // none yet, unreadable or half-written: check again
  }
  verified.add(identity);
  return true;
}

/** Remembers a check that passed. Best effort: a read-only data dir only means the next process checks again. */
export function rememberVerified(dbPath: string, identity: string): void {
  verified.add(identity);
  const memo = `${dbPath}${CHECKED_SUFFIX}`;
  const tmp = `${memo}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify({ identity }), { mode: 0o600 });
    renameSync(tmp, memo); // whole or absent; no fsync: a memo lost to a crash only costs one more check
  } catch {
    rmSync(tmp, { force: true });
  }
}
