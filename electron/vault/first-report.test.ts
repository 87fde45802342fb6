import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadInstallKeys, openStore, type InstallKeys, type Store } from '../db';
import { SEEDED_VAULT, writeFixture } from './fixtures';
import { buildReport, importVault, listSources, type FirstReport, type Report } from '.';

// Time to first report (issue 18): while strengths are estimated, every other check is shown. The preview must agree
// with the report the import then stores on every kind but `weak`, and must never store anything or fail the import.

let root: string;
let store: Store;
let keys: InstallKeys;
beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'bastion-first-report-'));
  store = openStore({ dataDir: join(root, 'data') });
  keys = loadInstallKeys(join(root, 'data'));
  await writeFixture('bitwarden-json', SEEDED_VAULT, join(root, 'seed.json'));
  await writeFixture('kdbx', SEEDED_VAULT, join(root, 'seed.kdbx'), { password: 'pw', kdbxVersion: 4, kdf: 'aes' });
});
afterEach(() => {
  store.close();
  rmSync(root, { recursive: true, force: true });
});

/** kind → the item ids it names, sorted: what a person sees per finding kind. */
const byKind = (r: Report) => {
  const out: Record<string, string[]> = {};
  for (const f of r.findings) (out[f.kind] ??= []).push(...f.items.map((i) => i.id));
  for (const k of Object.keys(out)) out[k]!.sort();
  return out;
};

describe('the first report of an import', () => {
  it('comes before anything is stored and agrees with the stored report on every check but strength', async () => {
    const firsts: FirstReport[] = [];
    let storedWhenTold = -1;
    await importVault(store, keys, join(root, 'seed.json'), {
      workers: 1,
      onFirstReport: (f) => {
        firsts.push(f);
        storedWhenTold = listSources(store).length;
      },
    });
    expect(firsts).toHaveLength(1);
    expect(storedWhenTold).toBe(0);
    const first = firsts[0]!;
    expect(first.pendingStrengths).toBeGreaterThan(0);
    const full = byKind(buildReport(store));
    const early = byKind(first.report);
    const { weak: fullWeak = [], ...fullRest } = full;
    const { weak: earlyWeak = [], ...earlyRest } = early;
    expect(earlyRest).toEqual(fullRest);
    expect(Object.keys(fullRest).length).toBeGreaterThanOrEqual(5);
    // Weak ones known early (short passwords) stay weak; the estimates only add.
    for (const id of earlyWeak) expect(fullWeak).toContain(id);
    expect(fullWeak.length).toBeGreaterThan(earlyWeak.length);
    expect(first.report.counts).toEqual(buildReport(store).counts);
  });

  it('is not told when every strength is already cached (the same passwords in another export)', async () => {
    await importVault(store, keys, join(root, 'seed.json'), { workers: 0 });
    const firsts: FirstReport[] = [];
    await importVault(store, keys, join(root, 'seed.kdbx'), { password: 'pw', workers: 0, onFirstReport: (f) => firsts.push(f) });
    expect(firsts).toHaveLength(0);
  });

  it("spans the vault's other sources: a password reused across two exports is reused in the first report", async () => {
    await importVault(store, keys, join(root, 'seed.json'), { workers: 0 });
    store.db.prepare('delete from vault_strength_cache').run(); // so the second import has estimates to wait for
    const firsts: FirstReport[] = [];
    await importVault(store, keys, join(root, 'seed.kdbx'), { password: 'pw', workers: 1, onFirstReport: (f) => firsts.push(f) });
    expect(firsts).toHaveLength(1);
    const sourcesOf = (r: Report) => new Set(r.findings.filter((f) => f.kind === 'reused').flatMap((f) => f.items.map((i) => i.id)));
    const early = sourcesOf(firsts[0]!.report);
    expect(early).toEqual(sourcesOf(buildReport(store)));
    expect(early.size).toBeGreaterThan(0);
  });

  it('a listener that throws does not fail the import', async () => {
    const summary = await importVault(store, keys, join(root, 'seed.json'), {
      workers: 1,
      onFirstReport: () => {
        throw new Error('listener broke');
      },
    });
    expect(summary.items).toBeGreaterThan(0);
    expect(buildReport(store).findings.length).toBeGreaterThan(0);
  });
});
