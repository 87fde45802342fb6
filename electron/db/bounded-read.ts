import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { BastionError } from '../core';

// Bounded reads: a file is opened without blocking (a FIFO with no writer would hang a plain open), checked with fstat
// on the opened descriptor (no window between the check and the read), and read only if it is a regular file no
// larger than the cap. /dev/zero, a FIFO, a socket or a directory are refused before a single byte is read.

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** "a FIFO", "a directory"…: what a non-regular file is, for messages. */
export function kindOfFile(st: Pick<Stats, 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice' | 'isSymbolicLink'>): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

export interface BoundedReadOptions {
  maxBytes: number;
  /** What the file is, for messages ("the KeePass file"). */
  what?: string;
}

function openError(path: string, e: unknown, what: string): BastionError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new BastionError('NOT_FOUND', `${what} ${path} does not exist.`, { cause: e });
  if (code === 'EACCES' || code === 'EPERM') return new BastionError('BAD_FILE', `${what} ${path} cannot be read: permission denied.`, { cause: e });
  return new BastionError('BAD_FILE', `${what} ${path} cannot be read (${code ?? (e as Error).message}).`, { cause: e });
}

function checkStats(path: string, st: Stats, opts: BoundedReadOptions): void {
  const what = opts.what ?? 'The file';
  if (!st.isFile()) throw new BastionError('BAD_FILE', `${what} ${path} is ${kindOfFile(st)}, not a regular file; refusing to read it.`);
  if (st.size > opts.maxBytes) {
    throw new BastionError('TOO_LARGE', `${what} ${path} is ${Math.ceil(st.size / 2 ** 20)} MiB, over the ${Math.floor(opts.maxBytes / 2 ** 20)} MiB limit.`);
  }
}

/** Reads a whole regular file of at most maxBytes; everything else is a BastionError before any read. */
export function readRegularFile(path: string, opts: BoundedReadOptions): Buffer {
  const what = opts.what ?? 'The file';
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (e) {
    throw openError(path, e, what);
  }
  try {
    const st = fstatSync(fd);
    checkStats(path, st, opts);
    // Never more than the size fstat saw (plus nothing): a file growing under us cannot push past the cap.
    const buf = Buffer.allocUnsafe(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    return buf.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}

/** The same, without blocking the event loop (documents, vault files in the app). */
export async function readRegularFileAsync(path: string, opts: BoundedReadOptions): Promise<Buffer> {
  const what = opts.what ?? 'The file';
  let fh;
  try {
    fh = await open(path, OPEN_FLAGS);
  } catch (e) {
    throw openError(path, e, what);
  }
  try {
    const st = await fh.stat();
    checkStats(path, st, opts);
    const buf = Buffer.allocUnsafe(st.size);
    let off = 0;
    while (off < st.size) {
      const { bytesRead } = await fh.read(buf, off, st.size - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return buf.subarray(0, off);
  } finally {
    await fh.close();
  }
}
