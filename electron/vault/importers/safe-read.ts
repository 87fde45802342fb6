import { openRegularFile, readRegularFileAsync, type BoundedReadOptions, type OpenedFile } from '../../db';
import { BastionError } from '../../core';
import { LIMITS } from './limits';

// Every file the vault capability reads (vault exports, key files, the HIBP corpus) goes through the store's bounded
// reads (electron/db): non-blocking open, fstat on the opened descriptor, regular files only, capped before a read.

export type BoundedOptions = BoundedReadOptions;
export type { OpenedFile };

export const openBounded = (path: string, opts: BoundedOptions): Promise<OpenedFile> => openRegularFile(path, opts);

export async function readBounded(path: string, opts: BoundedOptions): Promise<Uint8Array> {
  return new Uint8Array(await readRegularFileAsync(path, opts));
}

/** A KeePass key file (raw 32 bytes, 64 hex digits, or KeePass XML .key/.keyx), read with a small cap. */
export async function readKeyFile(path: string): Promise<Uint8Array> {
  const bytes = await readBounded(path, { maxBytes: LIMITS.maxKeyFileBytes, what: 'key file' });
  if (bytes.length === 0) throw new BastionError('BAD_FILE', `The key file ${path} is empty.`);
  return bytes;
}
