import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { BastionError } from '../../core';
import { LIMITS } from './limits';

// Bounded reads for every file the vault capability reads (vault exports, key files, the HIBP corpus). The file is
// opened non-blocking (a FIFO with no writer must not hang the open), then the OPENED descriptor is checked: a path
// checked before opening can be swapped, and a device such as /dev/zero reports size 0 and never ends.

export interface BoundedOptions {
  /** Largest size accepted, checked on the descriptor before any byte is read. */
  maxBytes: number;
  /** What the file is, for messages: "vault export", "key file", "breach corpus". */
  what: string;
}

export interface OpenedFile {
  handle: FileHandle;
  /** The size fstat reported when opened; reads never go past it. */
  size: number;
}

/** What a non-regular file is, in words. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

const MiB = 2 ** 20;
const sizeText = (n: number) => (n >= MiB ? `${Math.round(n / MiB)} MiB` : `${n} bytes`);

function notRegular(path: string, what: string, kind: string): BastionError {
  return new BastionError('BAD_FILE', `${path} is ${kind}, not a regular file; a ${what} must be a regular file.`);
}

/**
 * Opens `path` for reading without blocking, refuses anything but a regular file, and enforces the size cap before a
 * byte is read. The caller owns the handle.
 */
export async function openBounded(path: string, opts: BoundedOptions): Promise<OpenedFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    throw await openError(path, opts.what, e);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw notRegular(path, opts.what, kindOf(st));
    if (st.size > opts.maxBytes) {
      throw new BastionError('TOO_LARGE', `${path} is ${sizeText(st.size)}, larger than the ${sizeText(opts.maxBytes)} a ${opts.what} may be.`);
    }
    return { handle, size: st.size };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/** Reads a whole regular file of at most `maxBytes` (see openBounded). A file that grows while read is cut at its size. */
export async function readBounded(path: string, opts: BoundedOptions): Promise<Uint8Array> {
  const { handle, size } = await openBounded(path, opts);
  try {
    const out = new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(out, at, size - at, at);
      if (bytesRead === 0) break; // shrank while reading: keep what is there
      at += bytesRead;
    }
    return at === size ? out : out.subarray(0, at);
  } catch (e) {
    if (e instanceof BastionError) throw e;
    throw new BastionError('BAD_FILE', `${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`, { cause: e });
  } finally {
    await handle.close();
  }
}

async function openError(path: string, what: string, e: unknown): Promise<BastionError> {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return new BastionError('NOT_FOUND', `${path} does not exist.`, { cause: e });
    case 'EACCES':
    case 'EPERM':
      return new BastionError('BAD_FILE', `${path} cannot be read: permission denied.`, { cause: e });
    case 'ENXIO': {
      // A socket (or a device with no driver) cannot be opened; stat the path only to name what it is.
      const st = await stat(path).catch(() => null);
      return notRegular(path, what, st ? kindOf(st) : 'a device or socket');
    }
    default:
      return new BastionError('BAD_FILE', `${path} cannot be read (${code ?? 'error'}).`, { cause: e });
  }
}

/** A KeePass key file (raw 32 bytes, 64 hex digits, or KeePass XML .key/.keyx), read with a small cap. */
export async function readKeyFile(path: string): Promise<Uint8Array> {
  const bytes = await readBounded(path, { maxBytes: LIMITS.maxKeyFileBytes, what: 'key file' });
  if (bytes.length === 0) throw new BastionError('BAD_FILE', `The key file ${path} is empty.`);
  return bytes;
}
