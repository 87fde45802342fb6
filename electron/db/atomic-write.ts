import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { BastionError } from '../core';

/**
 * Write-then-rename: chunks go to a temp file beside the target, are fsynced, then renamed over it, so a reader or a
 * crash sees the old file or the whole new one, never half. A failure removes the temp file and names the target.
 */
export function writeFileAtomic(path: string, chunks: Iterable<string | Uint8Array>, mode = 0o600): void {
  const tmp = `${path}.${process.pid}.tmp`;
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
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw new BastionError('BAD_INPUT', `Cannot write ${path}: ${(e as Error).message}`, { cause: e });
  }
}
