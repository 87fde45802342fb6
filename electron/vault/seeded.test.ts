import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInstallKeys, openStore } from '../db';
import { hostOf } from './analysis/site';
import { SEEDED_VAULT, seededExpectations, writeFixture, type FixtureItem } from './fixtures';
import { buildReport, getItemRef, importVault, type Report } from '.';
import type { ImportFormat } from './types';

// End to end: the seeded vault written in every format by the fixture writers, read by the importers, analysed by
// the engine. Every seeded problem must be found and nothing reported on clean items (per what each format can say).

const CASES: { name: string; format: ImportFormat; file: string; opts?: Parameters<typeof writeFixture>[3] }[] = [
  { name: 'KDBX 4 (Argon2id)', format: 'kdbx', file: 'seed4.kdbx', opts: { password: 'fixture-pw', kdbxVersion: 4 } },
  { name: 'KDBX 3.1 (AES-KDF)', format: 'kdbx', file: 'seed3.kdbx', opts: { password: 'fixture-pw', kdbxVersion: 3, kdf: 'aes' } },
  { name: 'Bitwarden JSON', format: 'bitwarden-json', file: 'seed.json' },
  { name: '1Password 1PUX', format: '1pux', file: 'seed.1pux' },
  { name: '1Password CSV', format: '1password-csv', file: 'seed-1p.csv' },
  { name: 'Chrome CSV', format: 'chrome-csv', file: 'seed-chrome.csv' },
  { name: 'Firefox CSV', format: 'firefox-csv', file: 'seed-firefox.csv' },
];

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'bastion-seeded-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Logins by (username, host) — unique in the seeded vault and expressible in every format; others by title. */
const keyOfFixture = (f: FixtureItem) => (f.kind === 'login' ? `${f.username}|${hostOf(f.urls![0]!)}` : `other|${f.title}`);

describe.each(CASES)('seeded vault as $name', ({ format, file, opts }) => {
  it('reports every seeded problem and nothing on clean items', async () => {
    const dataDir = join(root, `data-${file}`);
    const path = join(root, file);
    await writeFixture(format, SEEDED_VAULT, path, opts);
    const store = openStore({ dataDir });
    const keys = loadInstallKeys(dataDir);
    try {
      const summary = await importVault(store, keys, path, { format: 'auto', ...(opts?.password ? { password: opts.password } : {}) });
      const exp = seededExpectations(format);
      expect(summary).toMatchObject({ format, items: exp.counts.items, logins: exp.counts.logins });
      const report = buildReport(store);
      expect(report.counts).toEqual(exp.counts);
      expect(report.excluded).toEqual([]);

      // Map stored items back to fixture ids.
      const fixtureByKey = new Map(SEEDED_VAULT.map((f) => [keyOfFixture(f), f.id]));
      const ids = store.db.prepare<{ id: string }>('select id from vault_items').all().map((r) => r.id);
      const fixtureOf = new Map<string, string>();
      for (const id of ids) {
        const ref = getItemRef(store, id)!;
        const key = ref.kind === 'login' ? `${ref.username}|${hostOf(ref.urls[0] ?? '')}` : `other|${ref.title}`;
        const fid = fixtureByKey.get(key);
        expect(fid, `stored item ${key} maps to a fixture`).toBeDefined();
        expect(ref.kind, `kind of ${fid}`).toBe(exp.itemKinds[fid!]);
        fixtureOf.set(id, fid!);
      }
      expect([...fixtureOf.values()].sort()).toEqual([...exp.present].sort());

      const kindsByFixture = new Map<string, string[]>();
      for (const f of report.findings) for (const i of f.items) kindsByFixture.set(fixtureOf.get(i.id)!, [...(kindsByFixture.get(fixtureOf.get(i.id)!) ?? []), f.kind]);
      for (const fid of exp.present) {
        expect((kindsByFixture.get(fid) ?? []).sort(), `findings on ${fid}`).toEqual([...(exp.kinds[fid] ?? [])].sort());
      }
      for (const fid of exp.clean) expect(kindsByFixture.has(fid), `${fid} stays clean`).toBe(false);

      // Group findings: one finding holding both items of each seeded pair.
      const groupOf = (r: Report, kind: string) => r.findings.filter((f) => f.kind === kind).map((f) => f.items.map((i) => fixtureOf.get(i.id)).sort());
      expect(groupOf(report, 'reused')).toEqual([exp.groups.reused]);
      expect(groupOf(report, 'duplicate')).toEqual([exp.groups.duplicate]);
      for (const f of report.findings) {
        expect(f.reason.length).toBeGreaterThan(10);
        expect(['low', 'medium', 'high', 'critical']).toContain(f.severity);
      }
      expect(report.score).toBeGreaterThan(0);
      expect(report.score).toBeLessThan(100);

      // Re-import of the same file replaces: same counts, same ids, same report.
      await importVault(store, keys, path, { ...(opts?.password ? { password: opts.password } : {}) });
      expect(buildReport(store)).toEqual(report);
    } finally {
      store.close();
    }
  });
});
