import { chmodSync, closeSync, constants, fchmodSync, fstatSync, openSync } from 'node:fs';
import { BastionError } from '../../core';
import { defaultFixContext, statTarget, type FixContext } from './guard';

// fix_file_permissions: chmod 600 a credential or key file; the undo puts the old mode back. Both go through an fd
// opened with O_NOFOLLOW and checked against the lstat'ed inode, so a symlink swapped in meanwhile is not chmod'ed.

export interface PermissionFix {
  path: string;
  /** The mode before the fix (permission bits), for the undo. */
  oldMode: number;
  newMode: number;
}

const PRIVATE = 0o600;
const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export function fixFilePermissions(path: string, ctx: FixContext = defaultFixContext()): PermissionFix {
  const { path: abs, st } = target(path, ctx);
  const oldMode = st.mode & 0o7777;
  setMode(abs, st.ino, PRIVATE);
  return { path: abs, oldMode, newMode: PRIVATE };
}

/** Undo of fixFilePermissions: restores `oldMode` on the same file. */
export function restoreFilePermissions(path: string, oldMode: number, ctx: FixContext = defaultFixContext()): { path: string; mode: number } {
  if (!Number.isInteger(oldMode) || oldMode < 0 || oldMode > 0o7777) throw new BastionError('BAD_INPUT', `${oldMode} is not a file mode.`);
  const { path: abs, st } = target(path, ctx);
  setMode(abs, st.ino, oldMode);
  return { path: abs, mode: oldMode };
}

function target(path: string, ctx: FixContext): ReturnType<typeof statTarget> {
  if (ctx.platform === 'win32') throw new BastionError('UNSUPPORTED', 'File modes do not apply on Windows; change the file’s sharing in its Properties › Security tab.');
  return statTarget(path, ctx);
}

function setMode(path: string, ino: number, mode: number): void {
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch (e) {
    // An owner may lack read permission on its own file (mode 044): chmod needs none, so fall back to the path.
    if ((e as NodeJS.ErrnoException).code !== 'EACCES') throw new BastionError('BAD_FILE', `${path} cannot be opened (${(e as NodeJS.ErrnoException).code ?? 'error'}).`, { cause: e });
    chmodSync(path, mode);
    return;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.ino !== ino) throw new BastionError('CONFLICT', `${path} changed while Bastion was fixing it; nothing was changed.`);
    fchmodSync(fd, mode);
  } finally {
    closeSync(fd);
  }
}
