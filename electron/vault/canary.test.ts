import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInstallKeys, openStore } from '../db';
import { CANARIES, SEEDED_VAULT, writeFixture } from './fixtures';
import { addExclusion, buildReport, importVault, markResolved } from '.';
import type { ImportFormat } from './types';

// The no-plaintext proof: import every fixture format seeded with canary secrets (passwords, TOTP secret, note bodies,
// card number), use the store, then read every file in the data dir as bytes and find no canary, UTF-8 or UTF-16LE.

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'bastion-canary-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Which canaries occur in these bytes (as UTF-8 or as UTF-16LE), case-sensitively. */
function canariesIn(bytes: Buffer): string[] {
  return CANARIES.filter((c) => bytes.includes(Buffer.from(c, 'utf8')) || bytes.includes(Buffer.from(c, 'utf16le')));
}

const FORMATS: [ImportFormat, string, Parameters<typeof writeFixture>[3]?][] = [
  ['kdbx', 'c4.kdbx', { password: 'canary-master', kdbxVersion: 4 }],
  ['kdbx', 'c3.kdbx', { password: 'canary-master', kdbxVersion: 3, kdf: 'aes' }],
  ['bitwarden-json', 'c.json'],
  ['1pux', 'c.1pux'],
  ['1password-csv', 'c-1p.csv'],
  ['chrome-csv', 'c-chrome.csv'],
  ['firefox-csv', 'c-firefox.csv'],
];

describe('canary: no secret reaches the data dir', () => {
  it('the search finds canaries where they are (the test can fail)', async () => {
    const path = join(root, 'probe.json');
    await writeFixture('bitwarden-json', SEEDED_VAULT, path);
    expect(canariesIn(readFileSync(path)).sort()).toEqual([...CANARIES].sort());
    expect(canariesIn(Buffer.from(`x${CANARIES[0]}y`, 'utf16le'))).toEqual([CANARIES[0]]);
  });

  it('after importing every format and reporting, no file in the data dir holds any canary', async () => {
    const dataDir = join(root, 'data');
    const store = openStore({ dataDir });
    const keys = loadInstallKeys(dataDir);
    for (const [format, file, opts] of FORMATS) {
      const path = join(root, file);
      await writeFixture(format, SEEDED_VAULT, path, opts);
      await importVault(store, keys, path, { ...(opts?.password ? { password: opts.password } : {}), workers: format === 'kdbx' ? 2 : 0 });
    }
    const report = buildReport(store);
    expect(report.counts.items).toBeGreaterThan(90);
    addExclusion(store, { group: 'Work' });
    markResolved(store, report.findings[0]!.kind, [report.findings[0]!.items[0]!.id]);
    buildReport(store);

    // While open (WAL and shm present), then after close (checkpointed into the main file).
    const scan = () => {
      const files = filesUnder(dataDir);
      expect(files.length).toBeGreaterThan(0);
      return files.flatMap((f) => canariesIn(readFileSync(f)).map((c) => `${f}: ${c}`));
    };
    const whileOpen = scan();
    expect(filesUnder(dataDir).some((f) => f.endsWith('-wal'))).toBe(true);
    store.close();
    expect([...whileOpen, ...scan()]).toEqual([]);
  });
});
