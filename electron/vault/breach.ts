import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { BastionError } from '../core';
import type { Store } from '../db';
import { LIMITS } from './importers/limits';
import { openBounded } from './importers/safe-read';

export interface BreachImportSummary {
  file: string;
  /** Hash lines read from the file. */
  lines: number;
  /** Distinct hashes now stored (all imports together). */
  stored: number;
  /** Breach membership is computed from the password at vault import time only. */
  note: string;
}

const LINE = /^([0-9A-Fa-f]{40}):(\d{1,12})$/;

/**
 * Imports an HIBP "Pwned Passwords" file (`SHA1:COUNT` per line, as from the HIBP downloader) into the store as
 * 20-byte keys, streaming, in one transaction: a bad line anywhere rejects the whole file and stores nothing.
 * Counts merge with earlier imports (the larger count wins).
 */
export async function importBreachCorpus(
  store: Store,
  path: string,
  opts: { onProgress?: (bytes: number, total: number) => void } = {},
): Promise<BreachImportSummary> {
  const file = resolve(path);
  // Opened non-blocking and checked on the descriptor: a FIFO or a device is refused before anything is read.
  const { handle, size: total } = await openBounded(file, { maxBytes: LIMITS.maxBreachFileBytes, what: 'breach corpus' }).catch((e: unknown) => {
    throw e instanceof BastionError && e.code === 'NOT_FOUND' ? new BastionError('NOT_FOUND', `Cannot read ${file}: no such file.`) : e;
  });
  const { db } = store;
  const put = db.prepare(
    'insert into vault_breach_hashes (sha1, count) values (?, ?) on conflict(sha1) do update set count = max(count, excluded.count)',
  );
  // Never past the size fstat reported: a file that keeps growing cannot keep the import going.
  const stream = handle.createReadStream({ start: 0, end: Math.max(0, total - 1), autoClose: true });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  let lineNo = 0;
  db.exec('begin immediate');
  try {
    for await (const raw of lines) {
      lineNo++;
      const line = raw.trim();
      if (!line) continue;
      const m = LINE.exec(line);
      if (!m) throw new BastionError('BAD_FILE', `${file} line ${lineNo} is not an HIBP "SHA1:COUNT" line.`);
      put.run(Buffer.from(m[1]!, 'hex'), Number(m[2]));
      n++;
      if (opts.onProgress && n % 100_000 === 0) opts.onProgress(stream.bytesRead, total);
    }
    if (n === 0) throw new BastionError('BAD_FILE', `${file} has no "SHA1:COUNT" lines.`);
    db.prepare('insert into vault_breach_imports (file, imported_at, lines) values (?, ?, ?)').run(file, Date.now(), n);
    db.exec('commit');
  } catch (e) {
    db.exec('rollback');
    stream.destroy();
    if (e instanceof BastionError) throw e;
    throw new BastionError('BAD_FILE', `Cannot read ${file}: ${(e as Error).message}`, { cause: e });
  }
  opts.onProgress?.(total, total);
  const stored = (db.prepare('select count(*) as c from vault_breach_hashes').get() as { c: number }).c;
  return {
    file,
    lines: n,
    stored,
    note: 'Breach membership is checked when a vault is imported; re-import your vaults (bastion import FILE) to check them against this corpus.',
  };
}
