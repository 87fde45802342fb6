import { lstatSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { BastionError } from '../core';
import { kindOfFile, type Store } from '../db';
import { listSources } from '../vault';

// Safe file targets, for every action that writes a file. The path is made absolute when the proposal is made (against
// the proposer's folder, so confirming from another shell writes the same file) and is shown with control characters
// escaped. Bastion's own data, the imported vaults and anything that is not a regular file are refused with a reason;
// nothing about a target is learned by reading it (lstat only: /dev/zero or a FIFO is never opened).

/** What is there now, when the target exists: the confirmation says it will be replaced (and backed up). */
export interface ExistingFile {
  size: number;
  mtimeMs: number;
}

export interface FileTarget {
  path: string;
  existing: ExistingFile | null;
}

// C0 and C1 controls, DEL, and the bidi controls that can make a path read differently from what it is.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The path as one honest line: newline → \n, ESC → \x1b, RLO → \u202e, … */
export function displayPath(path: string): string {
  return path.replace(UNSAFE, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Absolute, against `cwd` (the proposer's folder); `~` is the home folder, as a shell would have it. */
export function resolveTargetPath(raw: string, cwd: string): string {
  const expanded = raw === '~' ? homedir() : raw.startsWith('~/') ? join(homedir(), raw.slice(2)) : raw;
  return resolve(cwd, expanded);
}

function refuse(path: string, why: string): never {
  throw new BastionError('BAD_INPUT', `Refusing to write ${displayPath(path)}: ${why}.`);
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

function isInside(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);
}

/**
 * Checks an absolute target and returns what is there. Throws BAD_INPUT naming the reason for: a missing folder, a
 * target inside the data dir, an imported vault source (or its Bastion backups), and anything but a regular file
 * (directory, device, FIFO, socket, symbolic link).
 */
export function inspectTarget(store: Store, path: string): FileTarget {
  let realDir: string;
  try {
    realDir = realpathSync(dirname(path));
    if (!statSync(realDir).isDirectory()) refuse(path, `${displayPath(dirname(path))} is not a folder`);
  } catch (e) {
    if (e instanceof BastionError) throw e;
    refuse(path, `the folder ${displayPath(dirname(path))} does not exist`);
  }
  const real = join(realDir, basename(path));
  const dataDir = realOrSelf(store.dataDir);
  if (isInside(real, dataDir) || isInside(resolve(path), resolve(store.dataDir))) {
    refuse(path, `it is inside Bastion's data folder (${displayPath(store.dataDir)}), which holds the database, the install key and the audit log`);
  }
  let st;
  try {
    st = lstatSync(real);
  } catch {
    st = null;
  }
  if (st && !st.isFile()) refuse(path, `it is ${kindOfFile(st)}, not a regular file`);
  for (const s of listSources(store)) {
    const src = [resolve(s.path), realOrSelf(s.path)];
    const sameInode = st ? sourceInode(s.path) === `${st.dev}:${st.ino}` : false;
    if (sameInode || src.some((p) => real === p || resolve(path) === p || real.startsWith(`${p}.bastion-`))) {
      refuse(path, `it is the imported vault ${displayPath(s.path)} (or one of its backups); a report never replaces a vault`);
    }
  }
  return { path, existing: st ? { size: st.size, mtimeMs: st.mtimeMs } : null };
}

function sourceInode(path: string): string | null {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

/** " — replaces an existing file (12.3 KiB, modified 2026-01-02 13:04 UTC); …": the words every confirmation shows. */
export function replacementNote(existing: ExistingFile | null): string {
  if (!existing) return '';
  const when = new Date(existing.mtimeMs).toISOString().slice(0, 16).replace('T', ' ');
  return ` This replaces an existing file (${humanSize(existing.size)}, modified ${when} UTC); it is backed up first and undo restores it.`;
}
