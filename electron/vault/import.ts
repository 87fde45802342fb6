import { resolve } from 'node:path';
import type { InstallKeys, Store } from '../db';
import { deriveItems } from './analysis/features';
import { warmStrengthPool } from './analysis/strength-pool';
import type { ImportSummary } from './model';
import { replaceSource } from './store/items';
import { sourceIdFor } from './store/ids';
import type { ImportFormat, ImportResult } from './types';

export interface ImportVaultOptions {
  format?: ImportFormat | 'auto';
  password?: string;
  keyFile?: Uint8Array;
  onProgress?: (done: number, total: number) => void;
  /** Worker threads for strength estimates (default: automatic). */
  workers?: number;
}

/**
 * Reads a vault export, derives the kept features, forgets the secrets, and replaces that source's items in one
 * transaction. Errors (wrong password, bad file…) are thrown before anything is written.
 */
export async function importVault(store: Store, keys: InstallKeys, path: string, opts: ImportVaultOptions = {}): Promise<ImportSummary> {
  const file = resolve(path);
  // The importers (kdbxweb, CSV, ZIP, zod schemas) load on first import only: `bastion report` never needs them.
  const { readVaultFile } = await import('./importers');
  // The strength workers start (and compile) while the file is decrypted and parsed.
  if (opts.workers !== 0) warmStrengthPool(opts.workers);
  const result = await readVaultFile(file, {
    format: opts.format ?? 'auto',
    ...(opts.password !== undefined ? { password: opts.password } : {}),
    ...(opts.keyFile !== undefined ? { keyFile: opts.keyFile } : {}),
  });
  return importItems(store, keys, file, result, opts);
}

/** The engine half of an import, given what an importer read (also the seam the tests use). */
export async function importItems(
  store: Store,
  keys: InstallKeys,
  file: string,
  result: ImportResult,
  opts: Pick<ImportVaultOptions, 'onProgress' | 'workers'> = {},
): Promise<ImportSummary> {
  const sourceId = sourceIdFor(keys, file);
  const seen = new Map<string, number>();
  const items = result.items.map((it) => {
    // Two entries claiming one id would collide on the item id; number the later ones deterministically.
    const n = (seen.get(it.externalId) ?? 0) + 1;
    seen.set(it.externalId, n);
    return n === 1 ? it : { ...it, externalId: `${it.externalId}#${n}` };
  });
  const { derived, newStrengths } = await deriveItems(store, keys, sourceId, items, opts);
  // The importer's objects held the passwords: drop them as soon as the features exist.
  for (const it of result.items) it.password = null;
  items.length = 0;
  replaceSource(store, { id: sourceId, path: file, format: result.format, importedAt: Date.now() }, derived, newStrengths);
  return {
    source: sourceId,
    format: result.format,
    items: derived.length,
    logins: derived.filter((d) => d.kind === 'login').length,
    skipped: result.skipped.map((s) => ({ reason: s.reason })),
  };
}
