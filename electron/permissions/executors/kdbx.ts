import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import kdbxweb from 'kdbxweb';
import { BastionError } from '../../core';
import { diskFullError, fsyncDir, isDiskFull, kindOfFile, readRegularFile } from '../../db';
import { installKdbxArgon2 as installArgon2 } from '../../vault';
import type { ExecutionStep } from '../ports';

// Writes to a KeePass (KDBX) file: load with the database password, change one entry, save to bytes. The gate
// then writes those bytes with backup → temp → fsync → rename, recording its intent first (crash safety).


/** Largest KeePass file Bastion loads to write (the importers' cap for a vault). */
const MAX_KDBX_BYTES = 256 * 2 ** 20;
const CHUNK = 1 << 20;

/**
 * Opens for reading without blocking and insists on a regular file (fstat on the descriptor), so neither /dev/zero
 * nor a FIFO is ever read. Null when there is no file.
 */
function openRegular(path: string): number | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const st = fstatSync(fd);
  if (!st.isFile()) {
    closeSync(fd);
    throw new BastionError('BAD_INPUT', `${path} is ${kindOfFile(st)}, not a regular file; refusing to read it.`);
  }
  return fd;
}

/** SHA-256 of a regular file, streamed in 1 MiB chunks (memory stays flat); null when it does not exist. */
export function sha256File(path: string): string | null {
  const fd = openRegular(path);
  if (fd === null) return null;
  try {
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(CHUNK);
    for (let n; (n = readSync(fd, buf, 0, CHUNK, null)) > 0; ) hash.update(buf.subarray(0, n));
    return hash.digest('hex');
  } finally {
    closeSync(fd);
  }
}

/** Copies a regular file to a new private (0600) file, fsynced: the backup taken before a file is replaced. */
export function copyToBackup(from: string, to: string): void {
  const src = openRegular(from);
  if (src === null) throw new BastionError('NOT_FOUND', `${from} no longer exists.`);
  let dst: number | undefined;
  try {
    dst = openSync(to, 'wx', 0o600);
    const buf = Buffer.allocUnsafe(CHUNK);
    for (let n; (n = readSync(src, buf, 0, CHUNK, null)) > 0; ) writeSync(dst, buf, 0, n);
    fsyncSync(dst);
  } catch (e) {
    if (dst !== undefined) closeSync(dst);
    dst = undefined;
    rmSync(to, { force: true });
    if (isDiskFull(e)) throw diskFullError(`backing up ${from}`, e);
    throw e;
  } finally {
    closeSync(src);
    if (dst !== undefined) closeSync(dst);
  }
}

export function sha256Bytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function openKdbx(path: string, password: string, keyFile?: Uint8Array): Promise<kdbxweb.Kdbx> {
  installArgon2();
  const data = readRegularFile(path, { maxBytes: MAX_KDBX_BYTES, what: 'KeePass file' });
  const creds = new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString(password), keyFile ? toArrayBuffer(keyFile) : null);
  try {
    return await kdbxweb.Kdbx.load(toArrayBuffer(data), creds);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === kdbxweb.Consts.ErrorCodes.InvalidKey) throw new BastionError('WRONG_PASSWORD', `Wrong database password for ${path}.`, { cause: e });
    throw new BastionError('BAD_FILE', `${path} is not a readable KeePass file: ${(e as Error).message}`, { cause: e });
  }
}

function toArrayBuffer(u: Uint8Array): ArrayBuffer {
  return u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;
}

function normUuid(s: string): string {
  return s.replace(/^kdbx:/, '').replace(/[-{}]/g, '').toLowerCase();
}

/** Finds an entry by the importer's external id (KeePass UUID as base64 or hex; `kdbx:` prefix tolerated). */
export function findEntry(db: kdbxweb.Kdbx, externalId: string): kdbxweb.KdbxEntry | null {
  const want = normUuid(externalId);
  for (const group of db.groups) {
    for (const entry of group.allEntries()) {
      const b64 = entry.uuid.id;
      const hex = Buffer.from(b64, 'base64').toString('hex');
      if (normUuid(b64) === want || hex === want || b64 === externalId.replace(/^kdbx:/, '')) return entry;
    }
  }
  return null;
}

export function entryTitle(entry: kdbxweb.KdbxEntry): string {
  const t = entry.fields.get('Title');
  return typeof t === 'string' ? t : (t?.getText() ?? '');
}

export function entryPassword(entry: kdbxweb.KdbxEntry): string {
  const p = entry.fields.get('Password');
  return typeof p === 'string' ? p : (p?.getText() ?? '');
}

/** Sets a new password, keeping the old state in the entry's KeePass history. Returns the history index of it. */
export function rotateEntry(entry: kdbxweb.KdbxEntry, newPassword: string): number {
  entry.pushHistory();
  entry.fields.set('Password', kdbxweb.ProtectedValue.fromString(newPassword));
  entry.times.update();
  return entry.history.length - 1;
}

/** Restores the password kept at `historyIndex` (the rotated one goes into history too: nothing is lost). */
export function restoreFromHistory(entry: kdbxweb.KdbxEntry, historyIndex: number): void {
  const old = entry.history[historyIndex];
  if (!old) throw new BastionError('CONFLICT', 'The entry no longer has the history record the rotation left; it was edited elsewhere.');
  const oldPassword = old.fields.get('Password');
  entry.pushHistory();
  entry.fields.set('Password', typeof oldPassword === 'string' ? kdbxweb.ProtectedValue.fromString(oldPassword) : (oldPassword ?? kdbxweb.ProtectedValue.fromString('')));
  entry.times.update();
}

export function recycleEntry(db: kdbxweb.Kdbx, entry: kdbxweb.KdbxEntry): { fromGroup: string } {
  const parent = entry.parentGroup;
  if (!parent) throw new BastionError('CONFLICT', 'The entry has no parent group.');
  db.meta.recycleBinEnabled = true;
  db.createRecycleBin();
  const bin = db.meta.recycleBinUuid ? db.getGroup(db.meta.recycleBinUuid) : undefined;
  if (!bin) throw new BastionError('INTERNAL', 'Could not create the KeePass recycle bin.');
  if (parent === bin) throw new BastionError('CONFLICT', 'The entry is already in the recycle bin.');
  db.move(entry, bin);
  return { fromGroup: parent.uuid.id };
}

export function restoreEntry(db: kdbxweb.Kdbx, entry: kdbxweb.KdbxEntry, fromGroup: string): void {
  const group = db.getGroup(fromGroup);
  if (!group) throw new BastionError('CONFLICT', 'The entry\'s original group no longer exists; restore it in KeePass.');
  db.move(entry, group);
}

export async function saveKdbx(db: kdbxweb.Kdbx): Promise<Uint8Array> {
  return new Uint8Array(await db.save());
}

export function backupPath(path: string, now: number): string {
  return `${path}.bastion-backup-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
}

export function tempPath(path: string): string {
  return `${path}.bastion-tmp`;
}

/** backup copy → temp file (fsynced) → rename over the original → fsync the folder. */
export function replaceFileAtomically(path: string, bytes: Uint8Array, backup: string, onStep?: (s: ExecutionStep) => void): void {
  copyToBackup(path, backup);
  onStep?.('backup-written');
  const tmp = tempPath(path);
  rmSync(tmp, { force: true });
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    if (isDiskFull(e)) throw diskFullError(`writing ${path}`, e);
    throw e;
  }
  closeSync(fd);
  onStep?.('temp-written');
  renameSync(tmp, path);
  fsyncDir(dirname(path));
  onStep?.('renamed');
}
