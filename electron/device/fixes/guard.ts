import { lstatSync, realpathSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { BastionError } from '../../core';

// The fix primitives' shared guard: a target must be an absolute path to a regular file (lstat: a symlink is refused,
// never followed) inside the user's home folder (checked on the real path of its folder, so a symlinked folder
// pointing elsewhere does not count as inside).

export interface FixContext {
  home: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
}

export function defaultFixContext(): FixContext {
  return { home: homedir(), env: process.env, platform: process.platform };
}

export function assertInsideHome(path: string, ctx: FixContext): string {
  if (!isAbsolute(path)) throw new BastionError('BAD_INPUT', `${path} is not an absolute path.`);
  const abs = resolve(path);
  let realHome: string;
  let realDir: string;
  try {
    realHome = realpathSync(ctx.home);
    realDir = realpathSync(dirname(abs));
  } catch (e) {
    throw new BastionError('NOT_FOUND', `${dirname(abs)} does not exist.`, { cause: e });
  }
  const rel = relative(realHome, join(realDir, basename(abs)));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new BastionError('POLICY_DENIED', `${path} is outside your home folder; Bastion only changes files in it.`);
  }
  return abs;
}

/** lstat a fix target and insist on a regular file inside the home folder. */
export function statTarget(path: string, ctx: FixContext): { path: string; st: Stats } {
  const abs = assertInsideHome(path, ctx);
  let st: Stats;
  try {
    st = lstatSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new BastionError('NOT_FOUND', `${path} does not exist.`, { cause: e });
    throw new BastionError('BAD_FILE', `${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`, { cause: e });
  }
  if (st.isSymbolicLink()) throw new BastionError('UNSUPPORTED', `${path} is a symbolic link; Bastion does not change files through links.`);
  if (!st.isFile()) throw new BastionError('UNSUPPORTED', `${path} is not a regular file.`);
  return { path: abs, st };
}
