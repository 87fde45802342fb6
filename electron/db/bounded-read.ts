import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { BastionError } from '../core';

// Bounded reads, the one implementation every capability uses (vault exports, key files, the breach corpus,
// knowledge documents, KeePass files an action writes, backups, the audit anchor). A file is opened without blocking
// (a FIFO with no writer would hang a plain open), the OPENED descriptor is checked with fstat (a path checked before
// opening can be swapped; /dev/zero reports size 0 and never ends), and it is read only if it is a regular file no
// larger than the cap — never past the size fstat saw.

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const MiB = 2 ** 20;

/** "a FIFO (named pipe)", "a directory"…: what a non-regular file is, for messages. */
export function kindOfFile(st: Pick<Stats, 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice' | 'isSymbolicLink'>): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

export interface BoundedReadOptions {
  /** Largest size accepted, checked on the descriptor before any byte is read. */
  maxBytes: number;
  /** What the file is, as a noun for messages: "vault export", "key file", "document". */
  what: string;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

const sizeText = (n: number) => (n >= MiB ? `${Math.round(n / MiB)} MiB` : `${n} bytes`);

function notRegular(path: string, what: string, kind: string): BastionError {
  return new BastionError('BAD_FILE', `${path} is ${kind}, not a regular file; a ${what} must be a regular file.`);
}

function check(path: string, st: Stats, opts: BoundedReadOptions): void {
  if (!st.isFile()) throw notRegular(path, opts.what, kindOfFile(st));
  if (st.size > opts.maxBytes) throw new BastionError('TOO_LARGE', `${path} is ${sizeText(st.size)}, larger than the ${sizeText(opts.maxBytes)} a ${opts.what} may be.`);
}

function openError(path: string, what: string, e: unknown, st: Stats | null): BastionError {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return new BastionError('NOT_FOUND', `${path} does not exist.`, { cause: e });
    case 'EACCES':
    case 'EPERM':
      return new BastionError('BAD_FILE', `${path} cannot be read: permission denied.`, { cause: e });
    case 'ENXIO':
      // A socket (or a device with no driver) cannot be opened: the path's stat names what it is.
      return notRegular(path, what, st ? kindOfFile(st) : 'a device or socket');
    default:
      return new BastionError('BAD_FILE', `${path} cannot be read (${code ?? 'error'}).`, { cause: e });
  }
}

/** Reads a whole regular file of at most maxBytes; everything else is a BastionError before any read. */
export function readRegularFile(path: string, opts: BoundedReadOptions): Buffer {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (e) {
    throw openError(path, opts.what, e, statOrNull(path));
  }
  try {
    const st = fstatSync(fd);
    check(path, st, opts);
    const buf = Buffer.allocUnsafe(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break; // shrank while reading: keep what is there
      off += n;
    }
    return buf.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}

export interface OpenedFile {
  handle: FileHandle;
  /** The size fstat reported when opened; reads never go past it. */
  size: number;
}

/** Opens a regular file of at most maxBytes for streaming (the breach corpus); the caller closes the handle. */
export async function openRegularFile(path: string, opts: BoundedReadOptions): Promise<OpenedFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (e) {
    throw openError(path, opts.what, e, await stat(path).catch(() => null));
  }
  try {
    const st = await handle.stat();
    check(path, st, opts);
    return { handle, size: st.size };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/** readRegularFile without blocking the event loop (vault exports, documents in the app). */
export async function readRegularFileAsync(path: string, opts: BoundedReadOptions): Promise<Buffer> {
  const { handle, size } = await openRegularFile(path, opts);
  try {
    const buf = Buffer.allocUnsafe(size);
    let off = 0;
    while (off < size) {
      const { bytesRead } = await handle.read(buf, off, size - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return buf.subarray(0, off);
  } catch (e) {
    if (e instanceof BastionError) throw e;
    throw new BastionError('BAD_FILE', `${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`, { cause: e });
  } finally {
    await handle.close();
  }
}
