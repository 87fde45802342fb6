import { describe, expect, it } from 'vitest';
import { kdbxRef, writeFixture, type FixtureItem } from '../fixtures';
import { readVaultFile } from './index';
import { useTempDir } from './test-helpers';

// Issue 20, failure 4: KeePass field references ("Duplicate entry → use references") resolved as KeePass does.

const tmp = useTempDir();
const PW = 'refs';

const base: FixtureItem = {
  id: 'r-base',
  kind: 'login',
  title: 'Mail',
  username: 'pat@example.org',
  password: 'Shared-Secret-9vQ#p2Lx',
  urls: ['https://mail.example.com'],
  notes: 'base notes',
};
const clone: FixtureItem = { id: 'r-clone', kind: 'login', title: 'Mail (clone)', urls: ['https://webmail.example.net'] };

async function read(items: FixtureItem[], rawFields: Record<string, Record<string, string>>) {
  const path = tmp(`refs-${Math.random().toString(36).slice(2)}.kdbx`);
  await writeFixture('kdbx', items, path, { password: PW, rawFields });
  const r = await readVaultFile(path, { password: PW });
  return { ...r, byId: new Map(r.items.map((i) => [i.externalId, i])) };
}

const uuidOf = async (id: string) => (await import('../fixtures/uuid')).fixtureUuid(id);

describe('KeePass field references', () => {
  it('{REF:P@I:…} and {REF:U@I:…} (KeePass "use references") read the referenced entry\'s password and username', async () => {
    const r = await read([base, clone], { 'r-clone': { Password: kdbxRef('P', 'r-base'), UserName: kdbxRef('U', 'r-base') } });
    const c = r.byId.get(await uuidOf('r-clone'))!;
    expect(c.password).toBe(base.password); // not the literal "{REF:…}", which would score as a strong password
    expect(c.username).toBe(base.username);
    expect(c.kind).toBe('login');
  });

  it('title and URL references (T, A), text around a reference, lower-case uuids and search by title (U@T)', async () => {
    const r = await read([base, clone], {
      'r-clone': {
        Title: `${kdbxRef('T', 'r-base')} copy`,
        URL: kdbxRef('A', 'r-base').toLowerCase().replace('{ref:a@i:', '{REF:A@I:'),
        UserName: '{REF:U@T:mail}',
        Password: `x-${kdbxRef('P', 'r-base')}-y`,
      },
    });
    const c = r.byId.get(await uuidOf('r-clone'))!;
    expect(c).toMatchObject({ title: 'Mail copy', urls: ['https://mail.example.com'], username: base.username, password: `x-${base.password}-y` });
  });

  it('chains resolve in the target\'s context; a reference with no target stays literal, as in KeePass', async () => {
    const middle: FixtureItem = { id: 'r-middle', kind: 'login', title: 'Middle', urls: ['https://m.example.com'] };
    const missing = '{REF:P@I:00000000000000000000000000000000}';
    const r = await read([base, middle, clone], {
      'r-middle': { Password: kdbxRef('P', 'r-base') },
      'r-clone': { Password: kdbxRef('P', 'r-middle'), UserName: missing },
    });
    const c = r.byId.get(await uuidOf('r-clone'))!;
    expect(c.password).toBe(base.password);
    expect(c.username).toBe(missing);
  });

  it('a cycle is refused: the entries are skipped with a reason, the rest imports', async () => {
    const a: FixtureItem = { id: 'r-a', kind: 'login', title: 'Loop A', urls: ['https://a.example.com'] };
    const b: FixtureItem = { id: 'r-b', kind: 'login', title: 'Loop B', urls: ['https://b.example.com'] };
    const r = await read([base, a, b], { 'r-a': { Password: kdbxRef('P', 'r-b') }, 'r-b': { Password: kdbxRef('P', 'r-a') } });
    expect(r.items.map((i) => i.title)).toEqual(['Mail']);
    expect(r.skipped.map((s) => s.reason)).toEqual([
      '"Loop A" uses KeePass field references that loop back to themselves, so its fields cannot be read',
      '"Loop B" uses KeePass field references that loop back to themselves, so its fields cannot be read',
    ]);
  });

  it('a self-reference is a cycle too', async () => {
    const r = await read([base, clone], { 'r-clone': { Title: kdbxRef('T', 'r-clone') } });
    expect(r.items.map((i) => i.title)).toEqual(['Mail']);
    expect(r.skipped).toHaveLength(1);
  });

  it('a chain deeper than KeePass\'s 12 levels is refused', async () => {
    const chain: FixtureItem[] = Array.from({ length: 14 }, (_, i) => ({ id: `r-c${i}`, kind: 'login', title: `C${i}`, urls: ['https://c.example.com'] }));
    const raw: Record<string, Record<string, string>> = {};
    for (let i = 0; i < 13; i++) raw[`r-c${i}`] = { Password: kdbxRef('P', `r-c${i + 1}`) };
    const r = await read([base, ...chain.map((c, i) => (i === 13 ? { ...c, password: 'End-of-chain-7hT!q4' } : c))], raw);
    expect(r.skipped.some((s) => /nest deeper than 12 levels/.test(s.reason))).toBe(true);
    // The end of the chain and the entries within reach of it still import.
    expect(r.byId.get(await uuidOf('r-c12'))!.password).toBe('End-of-chain-7hT!q4');
  });
});
