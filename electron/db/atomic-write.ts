import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { BastionError } from '../core';
import { diskFullError, isDiskFull } from './store-errors';

/**
 * Write-then-rename: chunks go to a temp file beside the target, are fsynced, then renamed over it (and the folder
 * fsynced), so a reader or a crash sees the old file or the whole new one, never half. A failure removes the temp
 * file and names the target; a full disk is DISK_FULL, a read-only folder READ_ONLY.
 */
export function writeFileAtomic(path: string, chunks: Iterable<string | Uint8Array>, mode = 0o600): void {
  const tmp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', mode);
    for (const chunk of chunks) {
      if (typeof chunk === 'string') writeSync(fd, chunk);
      else writeSync(fd, chunk);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
    fsyncDir(dirname(path));
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    if (e instanceof BastionError) throw e;
    if (isDiskFull(e)) throw diskFullError(`writing ${path}`, e);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
      throw new BastionError('READ_ONLY', `Cannot write ${path}: ${dirname(path)} is read-only or not writable by you (${code}); nothing was changed.`, { cause: e });
    }
    throw new BastionError('BAD_INPUT', `Cannot write ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/** Makes a rename durable. Not every platform can fsync a folder (Windows); the rename itself is still atomic. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // see above
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
