import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadInstallKeys, openStore, type InstallKeys, type Store } from '../db';
import { kdbxRef, writeFixture, type FixtureItem } from './fixtures';
import { buildReport, importItems, importVault, listSources } from '.';
import type { ImportedItem } from './types';

// Issue 20: the report oddities seen on real exports, and the rule that an import never skips silently. Each test
// goes through the whole engine (import → store → report) and failed before the fix.

let dir: string;
let store: Store;
let keys: InstallKeys;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-oddities-'));
  store = openStore({ dataDir: join(dir, 'data') });
  keys = loadInstallKeys(join(dir, 'data'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const PW = 'oddities';
const login = (id: string, over: Partial<ImportedItem> = {}): ImportedItem => ({
  externalId: id,
  kind: 'login',
  title: `Title ${id}`,
  username: 'pat',
  urls: [`https://login.${id}-site.org`],
  group: null,
  created: null,
  modified: null,
  passwordChanged: null,
  hasTotp: false,
  password: `Unique-${id}-Zq8!vR4#kLm2`,
  ...over,
});
const bitwarden = (items: ImportedItem[], skipped: { reason: string; line?: number }[] = []) => ({ format: 'bitwarden-json' as const, items, skipped });

describe('report oddities', () => {
  it('duplicate: an entry with no password is not part of a duplicate finding', async () => {
    const site = ['https://shop.example-shop.com'];
    await importItems(store, keys, '/v.json', bitwarden([
      login('a', { urls: site }),
      login('b', { urls: site }),
      login('c', { urls: site, password: null }),
      login('d', { urls: ['https://other.example-other.com'] }),
      login('e', { urls: ['https://other.example-other.com'], password: null }),
    ]));
    const dups = buildReport(store).findings.filter((f) => f.kind === 'duplicate');
    expect(dups.map((f) => f.items.map((i) => i.title).sort())).toEqual([['Title a', 'Title b']]);
  });

  it('reused: logins without a URL are not counted as sites', async () => {
    const pw = 'Shared-Pw-9vQ#p2Lx7!m';
    await importItems(store, keys, '/v.json', bitwarden([
      login('a', { password: pw }),
      ...['b', 'c', 'd', 'e'].map((id) => login(id, { password: pw, urls: [] })),
    ]));
    const reused = buildReport(store).findings.find((f) => f.kind === 'reused')!;
    expect(reused.items).toHaveLength(5);
    expect(reused.reason).toBe('5 logins (4 have no URL) share one password, so one breach exposes them all.');
  });

  it('reused: several sites and some without a URL are both said', async () => {
    const pw = 'Shared-Pw-9vQ#p2Lx7!m';
    await importItems(store, keys, '/v.json', bitwarden([login('a', { password: pw }), login('b', { password: pw }), login('c', { password: pw, urls: [] })]));
    expect(buildReport(store).findings.find((f) => f.kind === 'reused')!.reason).toBe(
      '3 logins for 2 different sites (1 has no URL) share one password, so one breach exposes them all.',
    );
  });

  it('an item whose title is empty and whose URL column is not a URL still has a name in findings', async () => {
    const path = join(dir, 'chrome.csv');
    writeFileSync(path, 'name,url,username,password,note\n,My router,admin,admin,\n,,,letmein,\n,https://a.example.com,,qwerty,\n');
    await importVault(store, keys, path);
    const titles = buildReport(store).findings.flatMap((f) => f.items.map((i) => i.title));
    expect(titles.length).toBeGreaterThan(0);
    expect(titles).not.toContain('');
    expect(new Set(titles)).toEqual(new Set(['My router', 'Untitled login', 'a.example.com']));
  });

  it('KeePass clones made with field references join their reuse group (failure 4, end to end)', async () => {
    const items: FixtureItem[] = [
      { id: 'o-base', kind: 'login', title: 'Mail', username: 'pat', password: 'Reused-Secret-7hT!q4Zp', urls: ['https://mail.example.com'] },
      { id: 'o-clone', kind: 'login', title: 'Mail (copy)', urls: ['https://webmail.example.net'] },
      { id: 'o-other', kind: 'login', title: 'Bank', username: 'pat', password: 'Reused-Secret-7hT!q4Zp', urls: ['https://bank.example.org'] },
    ];
    const path = join(dir, 'refs.kdbx');
    await writeFixture('kdbx', items, path, { password: PW, rawFields: { 'o-clone': { Password: kdbxRef('P', 'o-base'), UserName: kdbxRef('U', 'o-base') } } });
    await importVault(store, keys, path, { password: PW });
    const reused = buildReport(store).findings.filter((f) => f.kind === 'reused');
    expect(reused.map((f) => f.items.map((i) => i.title).sort())).toEqual([['Bank', 'Mail', 'Mail (copy)']]);
    const clone = store.db.prepare<{ username: string; strength: number }>("select username, strength from vault_items where title = 'Mail (copy)'").get()!;
    expect(clone.username).toBe('pat'); // not "{REF:U@I:…}"
  });
});

describe('KeePassXC "exclude from reports"', () => {
  it.each([
    ['KDBX 4.1 (QualityCheck)', 1],
    ['KDBX 4.0 (KnownBad custom data)', 0],
  ] as const)('%s: the item is listed under "Excluded by the vault", not in the findings or the score', async (_name, minor) => {
    const items: FixtureItem[] = [
      { id: 'x-weak', kind: 'login', title: 'Known weak', username: 'pat', password: 'qwerty', urls: ['https://legacy.example-legacy.com'], excludeFromReports: true },
      { id: 'x-fine', kind: 'login', title: 'Fine', username: 'pat', password: 'Fine-Pw-3kR#9xWq-m', urls: ['https://fine.example-fine.org'] },
    ];
    const path = join(dir, `excluded-${minor}.kdbx`);
    await writeFixture('kdbx', items, path, { password: PW, kdbxMinor: minor });
    await importVault(store, keys, path, { password: PW });
    const report = buildReport(store);
    expect(report.findings.flatMap((f) => f.items.map((i) => i.title))).not.toContain('Known weak');
    expect(report.excludedByVault!.map((f) => f.kind).sort()).toEqual(['exposed', 'weak']);
    expect(report.excludedByVault!.every((f) => f.items.every((i) => i.title === 'Known weak'))).toBe(true);
    expect(report.excluded).toEqual([]); // not the user's exclusions
    expect(report.score).toBe(100);
  });
});

describe('an import never skips silently', () => {
  it('every entry skipped → BAD_FILE (exit 3) saying how many and why; the store (and an earlier import) unchanged', async () => {
    const path = join(dir, 'all-bad.json');
    writeFileSync(path, JSON.stringify({ encrypted: false, items: [{ id: 'a', type: 1, name: 'First', login: { password: 'x1' } }] }));
    await importVault(store, keys, path);
    const before = store.db.prepare('select * from vault_items').all();
    writeFileSync(path, JSON.stringify({ encrypted: false, items: [{ id: 'a', type: 'login' }, { id: 'b', type: 'login' }, { type: 5 }] }));
    await expect(importVault(store, keys, path)).rejects.toMatchObject({
      code: 'BAD_FILE',
      message: `Nothing was imported from ${path}: all 3 entries were skipped (item 1 is malformed (type: Invalid input: expected number, received string); item 2 is malformed (type: Invalid input: expected number, received string); item 3 is malformed (id: Invalid input: expected string, received undefined)).`,
    });
    expect(store.db.prepare('select * from vault_items').all()).toEqual(before);
    expect(listSources(store)).toHaveLength(1);
  });

  it('a non-empty file with no entries at all → BAD_FILE, and no source is created', async () => {
    const path = join(dir, 'header-only.csv');
    writeFileSync(path, 'name,url,username,password,note\n');
    await expect(importVault(store, keys, path)).rejects.toMatchObject({ code: 'BAD_FILE', message: `Nothing was imported from ${path}: it holds no entries.` });
    expect(listSources(store)).toEqual([]);
  });

  it('most entries skipped → a warning with the count, beside the reasons (with CSV line numbers)', async () => {
    const path = join(dir, 'mostly-bad.csv');
    writeFileSync(path, 'name,url,username,password\nGood,https://a.example.com,ann,pw-a-7hT!q4\nx\ny\n"Bad,https://b.example.com,bob,"p"w\n');
    const summary = await importVault(store, keys, path);
    expect(summary.items).toBe(1);
    expect(summary.skipped.map((s) => s.line)).toEqual([3, 4, 5]);
    expect(summary.warning).toBe('Most entries were skipped: 3 of 4; "skipped" says why for each.');
  });

  it('a few skipped entries give no warning', async () => {
    const summary = await importItems(store, keys, '/v.json', bitwarden([login('a'), login('b')], [{ reason: 'x is in the trash' }]));
    expect(summary.warning).toBeUndefined();
    expect(summary.skipped).toEqual([{ reason: 'x is in the trash' }]);
  });
});
