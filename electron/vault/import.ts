import { resolve } from 'node:path';
import { BastionError } from '../core';
import type { InstallKeys, Store } from '../db';
import { deriveItems } from './analysis/features';
import { displayName } from './display-name';
import { firstReport, type FirstReport } from './first-report';
import { warmStrengthPool } from './analysis/strength-pool';
import type { ImportSummary } from './model';
import { replaceSource } from './store/items';
import { sourceIdFor } from './store/ids';
import type { ImportFormat, ImportResult } from './types';

/** What an import is doing, in order (KeePass files are decrypted after they are read). */
export const IMPORT_PHASES = ['reading', 'decrypting', 'scoring', 'saving'] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];

export interface ImportVaultOptions {
  format?: ImportFormat | 'auto';
  password?: string;
  keyFile?: Uint8Array;
  /** A KDBX key file to read (bounded: a regular file of at most 1 MiB), when `keyFile` is not given. */
  keyFilePath?: string;
  onProgress?: (done: number, total: number) => void;
  /** Told as each phase starts. */
  onPhase?: (phase: ImportPhase) => void;
  /** Stops the import before anything is written: it rejects with CANCELLED and the store is as it was. */
  signal?: AbortSignal;
  /** Worker threads for strength estimates (default: automatic). */
  workers?: number;
  /**
   * Told once, while strengths are still being estimated, with every other check's findings (a preview: nothing is
   * stored before the whole import is). Not called when every strength is already cached.
   */
  onFirstReport?: (first: FirstReport) => void;
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
  stopIfAborted(opts.signal);
  opts.onPhase?.('reading');
  const result = await readVaultFile(file, {
    format: opts.format ?? 'auto',
    ...(opts.onPhase ? { onDecrypt: () => opts.onPhase!('decrypting') } : {}),
    ...(opts.password !== undefined ? { password: opts.password } : {}),
    ...(opts.keyFile !== undefined ? { keyFile: opts.keyFile } : {}),
    ...(opts.keyFilePath !== undefined ? { keyFilePath: resolve(opts.keyFilePath) } : {}),
  });
  return importItems(store, keys, file, result, opts);
}

/** The engine half of an import, given what an importer read (also the seam the tests use). */
export async function importItems(
  store: Store,
  keys: InstallKeys,
  file: string,
  result: ImportResult,
  opts: Pick<ImportVaultOptions, 'onProgress' | 'onPhase' | 'signal' | 'workers' | 'onFirstReport'> = {},
): Promise<ImportSummary> {
  refuseEmpty(file, result);
  stopIfAborted(opts.signal);
  const sourceId = sourceIdFor(keys, file);
  const seen = new Map<string, number>();
  const items = result.items.map((it) => {
    // Two entries claiming one id would collide on the item id; number the later ones deterministically.
    const n = (seen.get(it.externalId) ?? 0) + 1;
    seen.set(it.externalId, n);
    // Findings name items by title: an untitled one gets a derived name, never an empty one.
    const named = it.title.trim() ? it : { ...it, title: displayName(it) };
    return n === 1 ? named : { ...named, externalId: `${it.externalId}#${n}` };
  });
  const excludedByVault = items.map((it) => it.excludeFromReports === true);
  opts.onPhase?.('scoring');
  const onFirst = opts.onFirstReport;
  const deriving = deriveItems(store, keys, sourceId, items, {
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    ...(onFirst
      ? { onBeforeStrengths: (pre) => previewFirstReport(onFirst, () => firstReport(store, sourceId, pre.map((d, i) => ({ ...d, excludedByVault: excludedByVault[i]! })), Date.now())) }
      : {}),
  });
  let scored: Awaited<typeof deriving>;
  try {
    scored = await untilAborted(deriving, opts.signal);
  } finally {
    // The importer's objects held the passwords: drop them as soon as the features exist (or the import stopped).
    for (const it of result.items) it.password = null;
    for (const it of items) it.password = null;
    items.length = 0;
  }
  const { derived, newStrengths } = scored;
  stopIfAborted(opts.signal);
  opts.onPhase?.('saving');
  // The last moment a Cancel counts: from here the write is one synchronous transaction.
  stopIfAborted(opts.signal);
  const stored = derived.map((d, i) => ({ ...d, excludedByVault: excludedByVault[i]! }));
  replaceSource(store, { id: sourceId, path: file, format: result.format, importedAt: Date.now() }, stored, newStrengths);
  const skipped = result.skipped.map((s) => (s.line === undefined ? { reason: s.reason } : { reason: s.reason, line: s.line }));
  return {
    source: sourceId,
    format: result.format,
    items: derived.length,
    logins: derived.filter((d) => d.kind === 'login').length,
    skipped,
    ...(skipped.length > derived.length
      ? { warning: `Most entries were skipped: ${skipped.length} of ${skipped.length + derived.length}; "skipped" says why for each.` }
      : {}),
  };
}

const cancelled = () => new BastionError('CANCELLED', 'Import cancelled; nothing was changed.');

/** A preview never fails the import it previews (a busy store, a listener that throws). */
function previewFirstReport(listener: (first: FirstReport) => void, make: () => FirstReport): void {
  try {
    listener(make());
  } catch {
    // the full report follows when the import is stored
  }
}

function stopIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled();
}

/**
 * Settles with `p`, or rejects with CANCELLED as soon as the signal fires. The strength workers may finish their batch
 * in the background; their result is dropped and nothing is written.
 */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  stopIfAborted(signal);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => (signal.removeEventListener('abort', onAbort), resolve(v)),
      (e: unknown) => (signal.removeEventListener('abort', onAbort), reject(e)),
    );
  });
}

/**
 * An import that reads nothing never succeeds silently: with every entry skipped (or none there at all) it fails
 * as BAD_FILE naming why, and the store is left as it was (an earlier import of the file is kept).
 */
function refuseEmpty(file: string, result: ImportResult): void {
  if (result.items.length > 0) return;
  const n = result.skipped.length;
  if (n === 0) throw new BastionError('BAD_FILE', `Nothing was imported from ${file}: it holds no entries.`);
  const shown = result.skipped.slice(0, 3).map((s) => s.reason);
  const more = n > 3 ? `; and ${n - 3} more` : '';
  throw new BastionError('BAD_FILE', `Nothing was imported from ${file}: all ${n} ${n === 1 ? 'entry was' : 'entries were'} skipped (${shown.join('; ')}${more}).`);
}
