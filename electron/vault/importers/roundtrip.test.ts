import { describe, expect, it } from 'vitest';
import { DEFAULT_1PUX_VAULT, SAMPLE_ITEMS, writeFixture } from '../fixtures';
import type { ImportedItem, ImportFormat } from '../types';
import { readVaultFile } from './index';
import { expectBastionError, useTempDir } from './test-helpers';

const tmp = useTempDir();
const [github, forum, note, card, identity] = SAMPLE_ITEMS as [typeof SAMPLE_ITEMS[0], typeof SAMPLE_ITEMS[0], typeof SAMPLE_ITEMS[0], typeof SAMPLE_ITEMS[0], typeof SAMPLE_ITEMS[0]];
const PASSWORD = 'fixture master password';

async function roundTrip(format: ImportFormat): Promise<Map<string, ImportedItem>> {
  const path = tmp(`vault-${format}`);
  await writeFixture(format, SAMPLE_ITEMS, path, { password: PASSWORD });
  const result = await readVaultFile(path, { format, password: PASSWORD });
  expect(result.format).toBe(format);
  expect(result.skipped).toEqual([]);
  // Nothing secret but the login password survives import: no TOTP secret, card number or note body.
  const withoutPasswords = JSON.stringify(result.items.map(({ password: _p, ...rest }) => rest));
  for (const secret of [github.totpSecret!, card.cardNumber!, 'SAMPLE-NOTE', github.password!, forum.password!]) {
    expect(withoutPasswords).not.toContain(secret);
  }
  return new Map(result.items.map((i) => [i.title, i]));
}

describe('round trip: writeFixture → readVaultFile', () => {
  it('KDBX 4 keeps ids, kinds, groups, URLs, dates from history and TOTP presence', async () => {
    const items = await roundTrip('kdbx');
    expect(items.size).toBe(5);
    expect(items.get('GitHub')).toEqual({
      externalId: github.id,
      kind: 'login',
      title: 'GitHub',
      username: 'octo@example.org',
      urls: ['https://github.com/login', 'https://gist.github.com'],
      group: 'Work/Dev',
      created: github.created,
      modified: github.modified,
      passwordChanged: github.passwordChanged, // from entry history, not the later non-password edit
      hasTotp: true,
      password: github.password,
    });
    const f = items.get(forum.title)!;
    expect(f).toMatchObject({ group: null, hasTotp: false, password: 'hunter2', urls: ['http://forum.example.com/'] });
    expect(f.passwordChanged).toEqual(forum.modified); // no history: last modification
    expect(items.get('Wi-Fi note')).toMatchObject({ kind: 'note', group: 'Home', password: null, passwordChanged: null });
    expect(items.get('Visa')).toMatchObject({ kind: 'card', group: 'Finance', password: null });
    // KeePass has no identity type: an entry with only a title reads back as a note (documented rule).
    expect(items.get(identity.title)).toMatchObject({ kind: 'note', externalId: identity.id });
  });

  it('Bitwarden JSON keeps every kind, folders and passwordRevisionDate', async () => {
    const items = await roundTrip('bitwarden-json');
    expect(items.get('GitHub')).toEqual({
      externalId: github.id,
      kind: 'login',
      title: 'GitHub',
      username: 'octo@example.org',
      urls: ['https://github.com/login', 'https://gist.github.com'],
      group: 'Work/Dev',
      created: github.created,
      modified: github.modified,
      passwordChanged: github.passwordChanged,
      hasTotp: true,
      password: github.password,
    });
    expect(items.get(forum.title)!.passwordChanged).toEqual(forum.created); // never revised: as old as the item
    expect([...items.values()].map((i) => i.kind).sort()).toEqual(['card', 'identity', 'login', 'login', 'note']);
    expect(items.get('Visa')).toMatchObject({ password: null, username: null, hasTotp: false });
  });

  it('1Password .1pux keeps categories, vault as group, passwordHistory and TOTP', async () => {
    const items = await roundTrip('1pux');
    expect(items.get('GitHub')).toMatchObject({
      kind: 'login',
      username: 'octo@example.org',
      urls: ['https://github.com/login', 'https://gist.github.com'],
      group: 'Work/Dev',
      created: github.created,
      modified: github.modified,
      passwordChanged: github.passwordChanged,
      hasTotp: true,
      password: github.password,
    });
    expect(items.get(forum.title)).toMatchObject({ group: DEFAULT_1PUX_VAULT, passwordChanged: forum.created, hasTotp: false });
    expect(items.get('Wi-Fi note')!.kind).toBe('note');
    expect(items.get('Visa')!.kind).toBe('card');
    expect(items.get(identity.title)!.kind).toBe('identity');
    expect(new Set([...items.values()].map((i) => i.externalId)).size).toBe(5);
  });

  it('1Password CSV: logins only, OTPAuth → hasTotp, no dates', async () => {
    const items = await roundTrip('1password-csv');
    expect([...items.keys()].sort()).toEqual(['GitHub', forum.title]);
    expect(items.get('GitHub')).toMatchObject({ username: 'octo@example.org', urls: ['https://github.com/login'], hasTotp: true, password: github.password, created: null });
    expect(items.get(forum.title)).toMatchObject({ username: 'alice', password: 'hunter2', hasTotp: false });
  });

  it('Chrome CSV: logins only, titles with quotes and commas survive', async () => {
    const items = await roundTrip('chrome-csv');
    expect([...items.keys()].sort()).toEqual(['GitHub', forum.title]);
    expect(items.get(forum.title)).toMatchObject({ kind: 'login', urls: ['http://forum.example.com/'], username: 'alice', password: 'hunter2', passwordChanged: null });
  });

  it('Firefox CSV: guid as id, origin URL, ms timestamps', async () => {
    const items = await roundTrip('firefox-csv');
    const g = items.get('github.com')!;
    expect(g).toMatchObject({ externalId: `{${github.id}}`, urls: ['https://github.com'], username: 'octo@example.org', password: github.password });
    expect(g.created).toEqual(github.created);
    expect(g.passwordChanged).toEqual(github.passwordChanged);
    expect(items.get('forum.example.com')!.passwordChanged).toEqual(forum.created);
  });

  it('CSV ids are stable across re-export in another row order, and unique for identical rows', async () => {
    const a = tmp('order-a.csv');
    const b = tmp('order-b.csv');
    const twin = { ...forum, id: 'twin' };
    await writeFixture('chrome-csv', [github, forum, twin], a);
    await writeFixture('chrome-csv', [forum, github], b);
    const ra = await readVaultFile(a);
    const rb = await readVaultFile(b);
    const idOf = (items: ImportedItem[], title: string) => items.find((i) => i.title === title)!.externalId;
    expect(idOf(ra.items, 'GitHub')).toBe(idOf(rb.items, 'GitHub'));
    expect(idOf(ra.items, forum.title)).toBe(idOf(rb.items, forum.title));
    expect(new Set(ra.items.map((i) => i.externalId)).size).toBe(3);
  });

  it('a wrong explicit format is a BAD_FILE naming the file', async () => {
    const path = tmp('really-bitwarden.json');
    await writeFixture('bitwarden-json', SAMPLE_ITEMS, path);
    const e = await expectBastionError(readVaultFile(path, { format: 'chrome-csv' }), 'BAD_FILE');
    expect(e.message).toContain(path);
    await expectBastionError(readVaultFile(path, { format: 'kdbx', password: 'x' }), 'BAD_FILE');
    const kdbx = tmp('really.kdbx');
    await writeFixture('kdbx', SAMPLE_ITEMS, kdbx, { password: PASSWORD });
    const b = await expectBastionError(readVaultFile(kdbx, { format: 'bitwarden-json' }), 'BAD_FILE');
    expect(b.message).toBe(`${kdbx} is a binary KeePass file, not a bitwarden-json export.`);
  });
});
