import { closeSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
import { BastionError } from '../../core';
import { assertInsideHome, defaultFixContext, statTarget, type FixContext } from './guard';

// Move to trash per the freedesktop.org Trash specification (Linux): $XDG_DATA_HOME/Trash/info/NAME.trashinfo is
// created first with O_EXCL (it reserves NAME), then the file moves to Trash/files/NAME by a same-filesystem
// link+unlink (never overwriting). A file on another filesystem than the home trash is refused, not copied: a copy
// would leave the plaintext on the original disk. The undo restores to the original path and refuses to overwrite.

export interface TrashEntry {
  originalPath: string;
  trashedPath: string;
  infoPath: string;
}

const MAX_NAME_TRIES = 1000;

export function trashDir(ctx: FixContext): string {
  const data = ctx.env.XDG_DATA_HOME && isAbsolute(ctx.env.XDG_DATA_HOME) ? ctx.env.XDG_DATA_HOME : join(ctx.home, '.local', 'share');
  return join(data, 'Trash');
}

export function moveToTrash(path: string, ctx: FixContext = defaultFixContext()): TrashEntry {
  if (ctx.platform !== 'linux') throw new BastionError('UNSUPPORTED', 'Moving to the trash is only built for Linux so far; overwrite and delete the file instead, or drag it to the trash yourself.');
  const { path: abs, st } = statTarget(path, ctx);
  const { files, info } = ensureTrash(ctx);
  if (lstatSync(files).dev !== st.dev) {
    throw new BastionError('UNSUPPORTED', `${abs} is on a different disk from your trash (${trashDir(ctx)}); delete it permanently instead (overwrite and delete).`);
  }
  for (let n = 1; n <= MAX_NAME_TRIES; n++) {
    const name = candidateName(basename(abs), n);
    const infoPath = join(info, `${name}.trashinfo`);
    if (!reserve(infoPath, trashInfo(abs, new Date()))) continue;
    const trashedPath = join(files, name);
    try {
      moveNoClobber(abs, trashedPath, st);
      return { originalPath: abs, trashedPath, infoPath };
    } catch (e) {
      unlinkSync(infoPath);
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue; // an orphan in files/: try the next name
      throw e;
    }
  }
  throw new BastionError('CONFLICT', `Your trash already holds ${MAX_NAME_TRIES} files named like ${basename(abs)}; empty it first.`);
}

/** Undo of moveToTrash: back to the original path, never over a file that has appeared there since. */
export function restoreFromTrash(entry: TrashEntry, ctx: FixContext = defaultFixContext()): { path: string } {
  const files = join(trashDir(ctx), 'files');
  const info = join(trashDir(ctx), 'info');
  const name = basename(entry.trashedPath);
  if (dirname(entry.trashedPath) !== files || entry.infoPath !== join(info, `${name}.trashinfo`)) {
    throw new BastionError('BAD_INPUT', `${entry.trashedPath} is not an item of your trash (${trashDir(ctx)}).`);
  }
  let recorded: string | null;
  try {
    recorded = /^Path=(.*)$/m.exec(readFileSync(entry.infoPath, 'utf8'))?.[1] ?? null;
  } catch (e) {
    throw new BastionError('NOT_FOUND', `${entry.infoPath} is gone: the item was restored or the trash emptied.`, { cause: e });
  }
  if (recorded === null || decodePath(recorded) !== entry.originalPath) throw new BastionError('CONFLICT', `${entry.infoPath} does not record ${entry.originalPath}.`);
  const original = assertInsideHome(entry.originalPath, ctx);
  const { st } = statTarget(entry.trashedPath, { ...ctx, home: trashDir(ctx) });
  if (exists(original)) throw new BastionError('CONFLICT', `${original} exists again; Bastion will not overwrite it. Move that file away, then undo again.`);
  try {
    moveNoClobber(entry.trashedPath, original, st);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new BastionError('CONFLICT', `${original} exists again; Bastion will not overwrite it.`, { cause: e });
    throw e;
  }
  unlinkSync(entry.infoPath);
  return { path: original };
}

function ensureTrash(ctx: FixContext): { files: string; info: string } {
  const root = trashDir(ctx);
  const files = join(root, 'files');
  const info = join(root, 'info');
  for (const d of [root, files, info]) {
    mkdirSync(d, { recursive: true, mode: 0o700 });
    if (!lstatSync(d).isDirectory()) throw new BastionError('UNSUPPORTED', `${d} is not a plain folder (a symlink?); Bastion will not use it as the trash.`);
  }
  return { files, info };
}

/** NAME, then NAME.2.ext, NAME.3.ext… (the extension kept last so the restored file still opens). */
function candidateName(name: string, n: number): string {
  if (n === 1) return name;
  const ext = extname(name);
  return ext && ext !== name ? `${name.slice(0, -ext.length)}.${n}${ext}` : `${name}.${n}`;
}

function reserve(infoPath: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(infoPath, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

export function trashInfo(path: string, when: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const date = `${when.getFullYear()}-${p(when.getMonth() + 1)}-${p(when.getDate())}T${p(when.getHours())}:${p(when.getMinutes())}:${p(when.getSeconds())}`;
  return `[Trash Info]\nPath=${encodePath(path)}\nDeletionDate=${date}\n`;
}

/** The spec's Path is URL-escaped (RFC 2396) with '/' kept. */
function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function decodePath(value: string): string {
  return decodeURIComponent(value);
}

/** Same-filesystem move that never replaces an existing file: link (fails with EEXIST) then unlink the source. */
function moveNoClobber(from: string, to: string, st: Stats): void {
  try {
    linkSync(from, to);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EXDEV') throw new BastionError('UNSUPPORTED', `${from} and ${to} are on different disks; nothing was moved.`, { cause: e });
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw e;
    // A filesystem without hard links (FAT): check, then rename. Not atomic, but nothing is overwritten knowingly.
    if (exists(to)) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
    renameSync(from, to);
    return;
  }
  const moved = lstatSync(to);
  if (moved.ino !== st.ino) {
    unlinkSync(to);
    throw new BastionError('CONFLICT', `${from} changed while it was being moved; nothing was moved.`);
  }
  unlinkSync(from);
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
