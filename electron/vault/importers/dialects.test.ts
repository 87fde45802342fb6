import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { writeFixture, type FixtureItem } from '../fixtures';
import { readVaultFile } from './index';
import { useTempDir } from './test-helpers';

// Issue 20: what real exports written by other exporters contain. Every file here is built by the project's fixture
// writers in that exporter's dialect; each test failed on the code before the issue was fixed.

const tmp = useTempDir();
const PW = 'dialect fixtures';

const LOGINS: FixtureItem[] = [
  { id: 'd-one', kind: 'login', title: 'One', username: 'ann@example.org', password: 'Kx9!vR2#mQ7$wL4p', urls: ['https://one.example.com'], notes: 'Read the "Starter Kit" first' },
  { id: 'd-two', kind: 'login', title: 'Two "quoted"', username: 'bob', password: 'Zq8!vR4#kLm2pXw7', urls: ['https://two.example.com'] },
  { id: 'd-three', kind: 'login', title: 'Three', username: 'cat', password: 'Pw7$hJ3!nB5@cV1z', urls: ['https://three.example.com'] },
];
const OTHERS: FixtureItem[] = [
  { id: 'd-identity', kind: 'identity', title: 'Me', notes: 'address' },
  { id: 'd-card', kind: 'card', title: 'Visa', username: 'Ann Example', cardNumber: '4111111111111111', notes: '' },
  { id: 'd-note', kind: 'note', title: 'Wi-Fi', notes: 'the "guest" network' },
];

describe('Bitwarden JSON from other exporters', () => {
  it('failure 1: KeePassXC\'s "collectionIds": [null] imports every item', async () => {
    const path = tmp('kpxc-bitwarden.json');
    await writeFixture('bitwarden-json', [...LOGINS, ...OTHERS], path, { bitwardenDialect: 'keepassxc' });
    expect(await readFile(path, 'utf8')).toContain('"collectionIds": [\n        null\n      ]');
    const r = await readVaultFile(path);
    expect(r.skipped).toEqual([]);
    expect(r.items.map((i) => i.title).sort()).toEqual([...LOGINS, ...OTHERS].map((i) => i.title).sort());
    expect(r.items.filter((i) => i.kind === 'login')).toHaveLength(3);
  });
});

describe('1Password .1pux from other exporters', () => {
  it('failure 2: an item without a uuid is imported with an id derived from its identity', async () => {
    const path = tmp('no-uuid.1pux');
    await writeFixture('1pux', LOGINS, path, { omitUuidIds: ['d-two'] });
    const r = await readVaultFile(path);
    expect(r.skipped).toEqual([]);
    const two = r.items.find((i) => i.title === 'Two "quoted"')!;
    expect(two).toMatchObject({ kind: 'login', username: 'bob', password: 'Zq8!vR4#kLm2pXw7' });
    expect(two.externalId).toMatch(/^1pux:/);
    // Stable across reads of the same file (so exclusions and snoozes survive a re-import).
    expect((await readVaultFile(path)).items.find((i) => i.title === two.title)!.externalId).toBe(two.externalId);
  });

  it.each(['flag', 'state'] as const)('trashed items (%s) are skipped with a reason, like archived ones', async (trashedAs) => {
    const path = tmp(`trashed-${trashedAs}.1pux`);
    await writeFixture('1pux', LOGINS, path, { trashedIds: ['d-three'], trashedAs });
    const r = await readVaultFile(path);
    expect(r.items.map((i) => i.title).sort()).toEqual(['One', 'Two "quoted"']);
    expect(r.skipped).toEqual([{ reason: '"Three" is in the trash in 1Password' }]);
  });
});

describe('1Password CSV dialects', () => {
  it('failure 3: 1Password 7 for Mac escapes quotes with a backslash, and its file imports', async () => {
    const path = tmp('1p7-mac.csv');
    await writeFixture('1password-csv', LOGINS, path, { dialect: '1password7-mac' });
    expect(await readFile(path, 'utf8')).toContain('\\"Starter Kit\\"');
    const r = await readVaultFile(path);
    expect(r.skipped).toEqual([]);
    expect(r.items.map((i) => i.title)).toEqual(['One', 'Two "quoted"', 'Three']);
    expect(r.items[0]).toMatchObject({ kind: 'login', username: 'ann@example.org', urls: ['https://one.example.com'], password: 'Kx9!vR2#mQ7$wL4p' });
  });

  it('failure 5: 1Password 8 rows for identities, cards and notes are not logins', async () => {
    const path = tmp('1p8-all.csv');
    await writeFixture('1password-csv', [LOGINS[0]!, ...OTHERS], path, { dialect: '1password8' });
    const r = await readVaultFile(path);
    expect(r.items).toHaveLength(4);
    expect(r.items.filter((i) => i.kind === 'login').map((i) => i.title)).toEqual(['One']);
    expect(r.items.filter((i) => i.kind !== 'login').every((i) => i.password === null)).toBe(true);
  });

  it('failure 5: a 1Password 7 for Mac credit-card export is a card (its type column), not a login', async () => {
    const path = tmp('1p7-mac-card.csv');
    await writeFixture('1password-csv', [OTHERS[1]!], path, { dialect: '1password7-mac' });
    const r = await readVaultFile(path);
    expect(r.items).toEqual([expect.objectContaining({ kind: 'card', title: 'Visa', password: null, username: null })]);
    expect(JSON.stringify(r)).not.toContain('4111111111111111');
  });

  it('1Password 7 for Mac: every type maps to its kind', async () => {
    const path = tmp('1p7-mac-all.csv');
    await writeFixture('1password-csv', [...LOGINS, ...OTHERS], path, { dialect: '1password7-mac' });
    const kinds = Object.fromEntries((await readVaultFile(path)).items.map((i) => [i.title, i.kind]));
    expect(kinds).toEqual({ One: 'login', 'Two "quoted"': 'login', Three: 'login', Me: 'identity', Visa: 'card', 'Wi-Fi': 'note' });
  });
});

describe('one bad CSV row', () => {
  it.each(['firefox-csv', 'chrome-csv', '1password-csv'] as const)(
    'failure 6 (%s): an unbalanced quote skips that row, with its line and reason; the rest imports',
    async (format) => {
      const path = tmp(`broken-row-${format}.csv`);
      await writeFixture(format, LOGINS, path, { brokenRowIds: ['d-two'] });
      const r = await readVaultFile(path);
      expect(r.items.map((i) => i.username)).toEqual(['ann@example.org', 'cat']);
      expect(r.skipped).toEqual([{ line: 3, reason: 'line 3: malformed CSV (a quote inside a quoted field is not escaped)' }]);
      // The reason never quotes the row: it holds a password.
      expect(JSON.stringify(r.skipped)).not.toMatch(/Zq8|kLm2/);
    },
  );

  it('a quote left open mid-file skips its line and keeps the rows after it', async () => {
    const path = tmp('open-quote.csv');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path, 'name,url,username,password\nA,https://a.example,ann,pw-a1\nB,https://b.example,bob,"pw-b\nC,https://c.example,cat,pw-c1\n\nD,https://d.example,dan,"multi\nline"\n');
    const r = await readVaultFile(path);
    expect(r.items.map((i) => i.title)).toEqual(['A', 'C', 'D']);
    expect(r.items[2]!.password).toBe('multi\nline');
    expect(r.skipped).toEqual([{ line: 3, reason: 'line 3: malformed CSV (a quote inside a quoted field is not escaped)' }]);
  });

  it('a row with fewer fields than the header is skipped, not guessed at', async () => {
    const path = tmp('short-row.csv');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path, 'name,url,username,password\nA,https://a.example,ann,pw-a1\nfragment\n');
    const r = await readVaultFile(path);
    expect(r.items.map((i) => i.title)).toEqual(['A']);
    expect(r.skipped).toEqual([{ line: 3, reason: "line 3: only 1 of the header's 4 fields" }]);
  });
});

describe('KeePass entry templates', () => {
  it('entries in the database\'s entry-templates group are skipped with a reason, not counted as items', async () => {
    const path = tmp('templates.kdbx');
    const template: FixtureItem = { id: 'd-template', kind: 'login', title: 'Web login template', username: '', password: '' };
    await writeFixture('kdbx', [...LOGINS, template], path, { password: PW, templateIds: ['d-template'] });
    const r = await readVaultFile(path, { password: PW });
    expect(r.items.map((i) => i.title).sort()).toEqual(['One', 'Three', 'Two "quoted"']);
    expect(r.skipped).toEqual([{ reason: '"Web login template" is an entry template (group "Templates" holds the database\'s templates)' }]);
  });
});
