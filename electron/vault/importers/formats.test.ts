import { readFile, writeFile } from 'node:fs/promises';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readVaultFile } from './index';
import { expectBastionError, useTempDir } from './test-helpers';

const tmp = useTempDir();

async function importText(name: string, text: string) {
  const path = tmp(name);
  await writeFile(path, text);
  return readVaultFile(path);
}

describe('Bitwarden JSON', () => {
  it('an encrypted export is refused with advice to export unencrypted JSON', async () => {
    const path = tmp('enc.json');
    await writeFile(path, JSON.stringify({ encrypted: true, passwordProtected: true, salt: 'x', data: 'y' }));
    const e = await expectBastionError(readVaultFile(path), 'BAD_FILE');
    expect(e.message).toContain(path);
    expect(e.message).toMatch(/encrypted Bitwarden export.*\.json/);
  });

  it('organisation exports use collections; SSH keys, trash and malformed items are skipped with reasons', async () => {
    const r = await importText(
      'org.json',
      JSON.stringify({
        encrypted: false,
        collections: [{ id: 'c1', name: 'Shared/Ops' }],
        items: [
          { id: 'a', type: 1, name: 'Ops login', collectionIds: ['c1'], login: { username: 'ops', password: 'pw', uris: [{ uri: 'https://ops.example' }, { uri: null }] } },
          { id: 'b', type: 5, name: 'My key', sshKey: { privateKey: 'SECRET-KEY' } },
          { id: 'c', type: 1, name: 'Gone', deletedDate: '2024-01-01T00:00:00Z', login: {} },
          { type: 1, name: 'no id' },
        ],
      }),
    );
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({ externalId: 'a', group: 'Shared/Ops', urls: ['https://ops.example'], passwordChanged: null, hasTotp: false });
    expect(r.skipped.map((s) => s.reason)).toEqual([
      '"My key" is a Bitwarden SSH key item, which Bastion does not analyse',
      '"Gone" is in the Bitwarden trash',
      'item 4 is malformed (id: Invalid input: expected string, received undefined)',
    ]);
    expect(JSON.stringify(r)).not.toContain('SECRET-KEY');
  });

  it('passwordChanged: passwordRevisionDate, else the newest passwordHistory date, else creationDate', async () => {
    const item = (id: string, extra: object) => ({ id, type: 1, name: id, creationDate: '2019-01-01T00:00:00.000Z', login: { password: 'p' }, ...extra });
    const r = await importText(
      'dates.json',
      JSON.stringify({
        encrypted: false,
        items: [
          item('rev', { login: { password: 'p', passwordRevisionDate: '2023-03-03T00:00:00.000Z' } }),
          item('hist', { passwordHistory: [{ lastUsedDate: '2021-01-01T00:00:00.000Z', password: 'old1' }, { lastUsedDate: '2022-02-02T00:00:00.000Z', password: 'old2' }] }),
          item('none', {}),
        ],
      }),
    );
    const at = (id: string) => r.items.find((i) => i.externalId === id)!.passwordChanged;
    expect(at('rev')).toEqual(new Date('2023-03-03T00:00:00.000Z'));
    expect(at('hist')).toEqual(new Date('2022-02-02T00:00:00.000Z'));
    expect(at('none')).toEqual(new Date('2019-01-01T00:00:00.000Z'));
    expect(JSON.stringify(r)).not.toContain('old1');
  });

  it('a BOM before the JSON is accepted', async () => {
    const r = await importText('bom.json', '\uFEFF' + JSON.stringify({ encrypted: false, items: [{ id: 'x', type: 2, name: 'N', secureNote: { type: 0 }, notes: 'body' }] }));
    expect(r.items[0]).toMatchObject({ kind: 'note', password: null });
  });
});

describe('1Password .1pux', () => {
  function pux(items: unknown[]): Uint8Array {
    return zipSync({ 'export.data': strToU8(JSON.stringify({ accounts: [{ vaults: [{ attrs: { name: 'Private' }, items }] }] })) });
  }

  it('category 005 password items are logins; archived items skipped; unknown categories counted as notes', async () => {
    const path = tmp('cats.1pux');
    await writeFile(
      path,
      pux([
        { uuid: 'p1', categoryUuid: '005', createdAt: 1600000000, updatedAt: 1600000000, state: 'active', details: { password: 'standalone' }, overview: { title: 'Router' } },
        { uuid: 'p2', categoryUuid: '001', state: 'archived', overview: { title: 'Old' }, details: {} },
        { uuid: 'p3', categoryUuid: '110', state: 'active', overview: { title: 'Server' }, details: { sections: [] } },
        {
          uuid: 'p4',
          categoryUuid: '001',
          createdAt: 1500000000,
          updatedAt: 1700000000,
          details: { loginFields: [{ designation: 'password', value: 'x' }], passwordHistory: [{ value: 'a', time: 1550000000 }, { value: 'b', time: 1650000000 }] },
          overview: { title: 'Hist', url: 'https://h.example', urls: [{ url: 'https://h.example' }, { url: 'https://h2.example' }] },
        },
      ]),
    );
    const r = await readVaultFile(path);
    const by = new Map(r.items.map((i) => [i.externalId, i]));
    expect(by.get('p1')).toMatchObject({ kind: 'login', password: 'standalone', group: 'Private', passwordChanged: new Date(1600000000 * 1000) });
    expect(by.get('p3')).toMatchObject({ kind: 'note', password: null });
    expect(by.get('p4')).toMatchObject({ passwordChanged: new Date(1650000000 * 1000), urls: ['https://h.example', 'https://h2.example'] });
    expect(r.skipped).toEqual([{ reason: '"Old" is archived in 1Password' }]);
  });

  it('export.data that is not UTF-8 or not JSON is BAD_FILE', async () => {
    const a = tmp('bad-utf8.1pux');
    await writeFile(a, zipSync({ 'export.data': new Uint8Array([0x7b, 0xff, 0x7d]) }));
    expect((await expectBastionError(readVaultFile(a), 'BAD_FILE')).message).toBe(`${a} is not valid UTF-8 text.`);
    const b = tmp('bad-json.1pux');
    await writeFile(b, zipSync({ 'export.data': strToU8('{"accounts": [') }));
    expect((await expectBastionError(readVaultFile(b), 'BAD_FILE')).message).toContain(b);
  });
});

describe('CSV exports', () => {
  it('Chrome CSV with quoted newlines and commas, blank lines and a BOM', async () => {
    const r = await importText(
      'chrome.csv',
      '\uFEFFname,url,username,password,note\r\n"Site, Inc.",https://site.example/,"bob","pa,ss\nword","multi\nline note"\r\n\r\n,https://nameless.example/,u,p,\r\n',
    );
    expect(r.format).toBe('chrome-csv');
    expect(r.items).toHaveLength(2);
    expect(r.items[0]).toMatchObject({ title: 'Site, Inc.', password: 'pa,ss\nword', username: 'bob' });
    expect(r.items[1]!.title).toBe('nameless.example'); // no name: the host
    expect(JSON.stringify(r.items)).not.toContain('multi');
  });

  it('Firefox CSV: timestamps in ms, guid ids', async () => {
    const r = await importText(
      'ff.csv',
      '"url","username","password","httpRealm","formActionOrigin","guid","timeCreated","timeLastUsed","timePasswordChanged"\n' +
        '"https://a.example","me","pw","","https://a.example","{g-1}","1500000000000","1700000000000","1600000000000"\n',
    );
    expect(r.items[0]).toMatchObject({
      externalId: '{g-1}',
      created: new Date(1500000000000),
      modified: new Date(1600000000000),
      passwordChanged: new Date(1600000000000),
    });
  });

  it('1Password CSV: archived rows skipped, OTPAuth presence only', async () => {
    const r = await importText(
      'op.csv',
      'Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes\nA,https://a.example,u,p,otpauth://totp/a?secret=ABC,false,false,,\nB,https://b.example,u,p,,false,true,,\n',
    );
    expect(r.items).toHaveLength(1);
    expect(r.items[0]!.hasTotp).toBe(true);
    expect(r.skipped).toEqual([{ line: 3, reason: 'line 3: "B" is archived in 1Password' }]);
    expect(JSON.stringify(r)).not.toContain('secret=ABC');
  });

  it('an unterminated quote is BAD_FILE naming the file', async () => {
    const path = tmp('broken.csv');
    await writeFile(path, 'name,url,username,password\n"open,https://x,u,p\n');
    expect((await expectBastionError(readVaultFile(path), 'BAD_FILE')).message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a readable CSV file`));
  });

  it('an unknown CSV header is not a supported export', async () => {
    const path = tmp('bw.csv');
    await writeFile(path, 'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n');
    expect((await expectBastionError(readVaultFile(path), 'BAD_FILE')).message).toMatch(/not a supported vault export/);
    expect((await readFile(path, 'utf8')).length).toBeGreaterThan(0);
  });
});
