import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BastionError } from '../core';
import { loadInstallKeys, openStore, type InstallKeys, type Store } from '../db';
import { estimateMany } from './analysis/strength-pool';
import { estimateStrength, loadZxcvbn } from './analysis/zxcvbn';
import {
  addExclusion,
  buildReport,
  clearFindingState,
  forgetSource,
  getItemRef,
  importBreachCorpus,
  importItems,
  listSources,
  markResolved,
  removeExclusion,
  snoozeFinding,
  FINDING_KINDS,
  type Report,
} from '.';
import type { ImportedItem, ImportResult } from './types';

let dir: string;
let store: Store;
let keys: InstallKeys;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-vault-'));
  store = openStore({ dataDir: dir });
  keys = loadInstallKeys(dir);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const login = (externalId: string, over: Partial<ImportedItem> = {}): ImportedItem => ({
  externalId,
  kind: 'login',
  title: `Title ${externalId}`,
  username: `user-${externalId}`,
  urls: [`https://${externalId}.example.com`],
  group: 'Root/Personal',
  created: new Date(Date.now() - 100 * 86_400_000),
  modified: new Date(Date.now() - 5 * 86_400_000),
  passwordChanged: new Date(Date.now() - 5 * 86_400_000),
  hasTotp: false,
  password: `Unique-${externalId}-Zq8!vR4#kLm2`,
  ...over,
});
const result = (items: ImportedItem[]): ImportResult => ({ format: 'bitwarden-json', items, skipped: [] });

/** Every row of every vault table, in a stable order: "the store's content". */
function snapshot(): unknown {
  const tables = store.db.prepare<{ name: string }>("select name from sqlite_master where type = 'table' and name like 'vault_%' order by name").all();
  return tables.map((t) => [t.name, store.db.prepare(`select * from ${t.name} order by 1, 2`).all()]);
}
const kindsOf = (r: Report, itemId: string) => r.findings.filter((f) => f.items.some((i) => i.id === itemId)).map((f) => f.kind).sort();

describe('import', () => {
  it('stores derived features only and gives stable it_ ids', async () => {
    const summary = await importItems(store, keys, '/vaults/a.json', result([login('a'), login('b', { password: 'password' }), { ...login('n'), kind: 'note', password: null }]));
    expect(summary).toMatchObject({ format: 'bitwarden-json', items: 3, logins: 2, skipped: [] });
    expect(summary.source).toMatch(/^src_/);
    const rows = store.db.prepare<{ id: string; strength: number | null; fingerprint: Buffer | null; exposed: number }>('select id, strength, fingerprint, exposed from vault_items order by external_id').all();
    expect(rows.map((r) => r.id).every((id) => /^it_[A-Za-z0-9_-]{6,64}$/.test(id))).toBe(true);
    expect(rows[1]).toMatchObject({ strength: 0, exposed: 1 });
    expect(rows[1]!.fingerprint).toHaveLength(32);
    expect(rows[2]).toMatchObject({ strength: null, fingerprint: null });
    const ref = getItemRef(store, rows[0]!.id)!;
    expect(ref).toMatchObject({ title: 'Title a', externalId: 'a', sourcePath: '/vaults/a.json', format: 'bitwarden-json', kind: 'login', group: 'Root/Personal' });
    expect(getItemRef(store, 'it_doesnotexist')).toBeNull();
  });

  it('re-importing a source replaces its items (same ids), never duplicates', async () => {
    await importItems(store, keys, '/vaults/a.json', result([login('a'), login('b'), login('c')]));
    const before = store.db.prepare('select id from vault_items order by id').all();
    await importItems(store, keys, '/vaults/a.json', result([login('a'), login('b', { title: 'Renamed' })]));
    const after = store.db.prepare<{ id: string; title: string }>('select id, title from vault_items order by id').all();
    expect(after).toHaveLength(2);
    expect(before).toEqual(expect.arrayContaining(after.map((a) => ({ id: a.id }))));
    expect(after.map((a) => a.title)).toContain('Renamed');
    expect(listSources(store)).toHaveLength(1);
    expect(listSources(store)[0]).toMatchObject({ items: 2, logins: 2 });
  });

  it('a failing import leaves the store exactly as before', async () => {
    await importItems(store, keys, '/vaults/a.json', result([login('a', { password: 'qwerty' }), login('b')]));
    snoozeFinding(store, 'weak', [buildReport(store).findings[0]!.items[0]!.id], Date.now() + 86_400_000);
    const before = snapshot();
    // The third item breaks a CHECK constraint after two rows of the replacement were written.
    const bad = result([login('a'), login('x'), { ...login('y'), kind: 'bogus' as never }]);
    await expect(importItems(store, keys, '/vaults/a.json', bad)).rejects.toThrow();
    expect(snapshot()).toEqual(before);
  });

  it('computes the same strength in workers as in this thread, and caches it by fingerprint', async () => {
    const pws = Array.from({ length: 40 }, (_, i) => (i % 3 ? `word${i}horse` : `Zk!${i}q9#Lm2vR${i}`));
    const inWorkers = await estimateMany(pws, { workers: 2 });
    await loadZxcvbn();
    expect(inWorkers).toEqual(pws.map(estimateStrength));
    await importItems(store, keys, '/v.json', result(pws.map((p, i) => login(`k${i}`, { password: p }))), { workers: 2 });
    expect((store.db.prepare('select count(*) as c from vault_strength_cache').get() as { c: number }).c).toBe(40);
    const stored = store.db.prepare<{ strength: number }>('select strength from vault_items order by rowid').all();
    expect(stored.map((s) => s.strength)).toEqual(inWorkers.map((s) => s.score));
  });

  it('forget removes a source and everything derived from it', async () => {
    await importItems(store, keys, '/vaults/a.json', result([login('a', { password: 'qwerty' })]));
    await importItems(store, keys, '/vaults/b.json', result([login('b')]));
    const id = buildReport(store).findings[0]!.items[0]!.id;
    markResolved(store, 'weak', [id]);
    addExclusion(store, { itemId: id, kind: 'exposed' });
    const gone = forgetSource(store, '/vaults/a.json');
    expect(gone.items).toBe(1);
    expect(listSources(store).map((s) => s.path)).toEqual(['/vaults/b.json']);
    for (const t of ['vault_items where source_id = ?', 'vault_finding_state where item_id in (select ?)', 'vault_exclusions where target = ?']) {
      const arg = t.includes('source_id') ? gone.id : id;
      expect(store.db.prepare(`select count(*) as c from ${t}`).get(arg)).toEqual({ c: 0 });
    }
    expect(() => forgetSource(store, '/vaults/a.json')).toThrow(BastionError);
  });
});

describe('report state', () => {
  it('exclusions by item and by group move findings to `excluded`, per kind, and include undoes them', async () => {
    await importItems(
      store,
      keys,
      '/v.json',
      result([
        login('w1', { password: 'qwerty', group: 'Root/Work/Old' }),
        login('w2', { password: 'qwerty', group: 'Root/Work' }),
        login('p1', { password: 'qwerty', group: 'Root/Personal' }),
      ]),
    );
    const ids = Object.fromEntries(store.db.prepare<{ id: string; external_id: string }>('select id, external_id from vault_items').all().map((r) => [r.external_id, r.id]));
    const base = buildReport(store);
    expect(kindsOf(base, ids.w1!)).toEqual(['exposed', 'reused', 'weak']);

    addExclusion(store, { group: 'Work', kind: 'weak' });
    let r = buildReport(store);
    expect(kindsOf(r, ids.w1!)).toEqual(['exposed', 'reused']);
    expect(kindsOf(r, ids.p1!)).toEqual(['exposed', 'reused', 'weak']);
    expect(r.excluded.filter((f) => f.kind === 'weak').flatMap((f) => f.items.map((i) => i.id)).sort()).toEqual([ids.w1, ids.w2].sort());

    // A group finding keeps its other items; the excluded part is listed separately.
    addExclusion(store, { itemId: ids.p1! });
    r = buildReport(store);
    expect(kindsOf(r, ids.p1!)).toEqual([]);
    const reused = r.findings.find((f) => f.kind === 'reused')!;
    expect(reused.items.map((i) => i.id).sort()).toEqual([ids.w1, ids.w2].sort());
    expect(r.excluded.find((f) => f.kind === 'reused')!.items.map((i) => i.id)).toEqual([ids.p1]);
    expect(r.score).toBeGreaterThan(base.score);

    // Narrowing a '*' exclusion: include for one kind only.
    removeExclusion(store, { itemId: ids.p1!, kind: 'exposed' }, FINDING_KINDS);
    expect(kindsOf(buildReport(store), ids.p1!)).toEqual(['exposed']);
    removeExclusion(store, { itemId: ids.p1! }, FINDING_KINDS);
    removeExclusion(store, { group: 'Work' }, FINDING_KINDS);
    expect(buildReport(store)).toEqual(base);

    expect(() => addExclusion(store, { group: 'Nope' })).toThrow(/No imported item/);
    expect(() => addExclusion(store, { itemId: 'it_missing1' })).toThrow(/No item/);
  });

  it('snoozes expire and resolved marks hold only while the password is unchanged', async () => {
    await importItems(store, keys, '/v.json', result([login('a', { password: 'qwerty' })]));
    const id = buildReport(store).findings[0]!.items[0]!.id;
    const now = Date.now();
    snoozeFinding(store, 'weak', [id], now + 10 * 86_400_000);
    expect(kindsOf(buildReport(store, { now }), id)).toEqual(['exposed']);
    expect(buildReport(store, { now }).suppressed.map((s) => [s.kind, s.state])).toEqual([['weak', 'snoozed']]);
    expect(kindsOf(buildReport(store, { now: now + 11 * 86_400_000 }), id)).toEqual(['exposed', 'weak']);

    clearFindingState(store, 'weak', [id]);
    markResolved(store, 'weak', [id]);
    expect(kindsOf(buildReport(store), id)).toEqual(['exposed']);
    // Same item, new (still weak) password: the mark no longer applies.
    await importItems(store, keys, '/v.json', result([login('a', { password: 'dragon1' })]));
    expect(kindsOf(buildReport(store), id)).toEqual(['exposed', 'weak']);
    expect(() => snoozeFinding(store, 'weak', [id], now - 1)).toThrow(BastionError);
  });
});

describe('breach corpus', () => {
  const sha1 = (s: string) => createHash('sha1').update(s).digest('hex').toUpperCase();

  it('imports HIBP lines compactly, marks breached passwords at vault import, and rejects a bad file whole', async () => {
    const file = join(dir, 'hibp.txt');
    writeFileSync(file, `${sha1('Unique-a-Zq8!vR4#kLm2')}:4242\r\n${sha1('something else')}:7\n\n`);
    const s = await importBreachCorpus(store, file);
    expect(s).toMatchObject({ lines: 2, stored: 2 });
    expect(s.note).toMatch(/re-import/);
    await importItems(store, keys, '/v.json', result([login('a'), login('b')]));
    const exposed = buildReport(store).findings.filter((f) => f.kind === 'exposed');
    expect(exposed).toHaveLength(1);
    expect(exposed[0]!.reason).toContain('4242 times');
    // The stored key is the corpus hash, 20 bytes; no other copy of the password hash is kept with the item.
    expect(store.db.prepare('select length(sha1) as l from vault_breach_hashes limit 1').get()).toEqual({ l: 20 });

    const before = snapshot();
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, `${sha1('x')}:1\nnot a hash line\n`);
    await expect(importBreachCorpus(store, bad)).rejects.toThrow(/line 2/);
    expect(snapshot()).toEqual(before);
    await expect(importBreachCorpus(store, join(dir, 'missing.txt'))).rejects.toThrow(/no such file/);
  });
});
