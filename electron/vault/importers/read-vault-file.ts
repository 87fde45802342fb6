import { BastionError } from '../../core';
import { IMPORT_FORMATS, type ImportFormat, type ImportOptions, type ImportResult } from '../types';
import { readBitwarden } from './bitwarden';
import { readCsv } from './csv';
import { detectFormat, hasZipMagic } from './detect';
import { readKdbx } from './kdbx';
import { hasKdbxMagic, isKdb1 } from './kdbx-header';
import { LIMITS } from './limits';
import { readBounded, readKeyFile } from './safe-read';
import { decodeUtf8 } from './text';

export type ReadVaultOptions = ImportOptions & {
  format?: ImportFormat | 'auto';
  /** Told when the slow part starts: KeePass files are decrypted (the key derivation can take seconds). */
  onDecrypt?: () => void;
};

/** Reads one vault export into plain items. Every failure is a BastionError naming the problem and the file. */
export async function readVaultFile(path: string, opts: ReadVaultOptions = {}): Promise<ImportResult> {
  const requested = opts.format ?? 'auto';
  if (requested !== 'auto' && !IMPORT_FORMATS.includes(requested)) {
    throw new BastionError('BAD_INPUT', `Unknown format "${String(requested)}"; use one of: auto, ${IMPORT_FORMATS.join(', ')}.`);
  }
  // Key file first: a small read, and its errors name it rather than the vault.
  const keyFile = opts.keyFile ?? (opts.keyFilePath !== undefined ? await readKeyFile(opts.keyFilePath) : undefined);
  const bytes = await readBounded(path, { maxBytes: LIMITS.maxFileBytes, what: 'vault export' });
  if (bytes.length === 0) throw new BastionError('BAD_FILE', `${path} is empty.`);
  return readVaultBytes(bytes, path, { ...opts, ...(keyFile ? { keyFile } : {}), format: requested });
}

/** The same, for bytes already in memory (`file` is only used in messages). */
export async function readVaultBytes(bytes: Uint8Array, file: string, opts: ReadVaultOptions = {}): Promise<ImportResult> {
  if (bytes.length > LIMITS.maxFileBytes) throw new BastionError('TOO_LARGE', `${file} is larger than a vault export may be.`);
  let format = opts.format ?? 'auto';
  const binary = hasKdbxMagic(bytes) || hasZipMagic(bytes) || isKdb1(bytes);
  const unsupported = () =>
    new BastionError(
      'BAD_FILE',
      `${file} is not a supported vault export (expected KeePass KDBX, Bitwarden JSON, 1Password .1pux/CSV, Chrome/Edge or Firefox CSV).`,
    );
  if (binary && format !== 'auto' && format !== 'kdbx' && format !== '1pux') {
    throw new BastionError('BAD_FILE', `${file} is a binary ${hasZipMagic(bytes) ? 'zip' : 'KeePass'} file, not a ${format} export.`);
  }
  // Text formats: strict UTF-8 first, so invalid bytes are reported as such rather than as "unknown format".
  let text: string | null = null;
  if (!binary && format !== 'kdbx' && format !== '1pux') {
    try {
      text = decodeUtf8(bytes, file);
    } catch (e) {
      // An obviously binary file (NUL bytes) is simply not an export; otherwise report the broken encoding.
      if (format === 'auto' && bytes.subarray(0, 4096).includes(0)) throw unsupported();
      throw e;
    }
  }
  if (format === 'auto') {
    const found = detectFormat(bytes);
    // KeePass 1.x shares the first signature word with KDBX: let the KDBX reader explain that it is unsupported.
    if (!found && isKdb1(bytes)) return readKdbx(bytes, file, opts);
    if (!found) throw unsupported();
    format = found;
  }
  const asText = () => text ?? decodeUtf8(bytes, file);
  if (format === 'kdbx') opts.onDecrypt?.();
  switch (format) {
    case 'kdbx':
      return readKdbx(bytes, file, opts);
    case '1pux':
      if (!hasZipMagic(bytes)) throw new BastionError('BAD_FILE', `${file} is not a 1Password .1pux export (not a zip archive).`);
      // The zip reader (fflate) loads only for a .1pux: every command's start-up would otherwise pay for its tables.
      return (await import('./onepux')).readOnePux(bytes, file);
    case 'bitwarden-json':
      return readBitwarden(asText(), file);
    case 'chrome-csv':
    case 'firefox-csv':
    case '1password-csv':
      return readCsv(asText(), file, format);
    default:
      format satisfies never;
      throw new BastionError('BAD_INPUT', `Unknown format for ${file}.`);
  }
}
