import { writeFile } from 'node:fs/promises';
import kdbxweb from 'kdbxweb';
import { describe, expect, it } from 'vitest';
import { SAMPLE_ITEMS, writeFixture } from '../fixtures';
import { installArgon2 } from './argon2';
import { readVaultFile } from './index';
import { readKdbxHeader } from './kdbx-header';
import { expectBastionError, useTempDir } from './test-helpers';

const tmp = useTempDir();
const PW = 'kdbx test password';
const logins = SAMPLE_ITEMS.filter((i) => i.kind === 'login');

describe('KDBX versions and KDFs', () => {
  it.each([
    [4, 'argon2id'],
    [4, 'argon2d'],
    [4, 'aes'],
    [3, 'aes'],
  ] as const)('KDBX %d with %s: header parsed, entries read', async (version, kdf) => {
    const path = tmp(`v${version}-${kdf}.kdbx`);
    await writeFixture('kdbx', SAMPLE_ITEMS, path, { password: PW, kdbxVersion: version, kdf });
    const { readFile } = await import('node:fs/promises');
    const header = readKdbxHeader(new Uint8Array(await readFile(path)), path);
    expect(header.major).toBe(version);
    expect(header.kdf.kind).toBe(kdf);
    const result = await readVaultFile(path, { password: PW });
    expect(result.items.map((i) => i.title).sort()).toEqual(SAMPLE_ITEMS.map((i) => i.title).sort());
    expect(result.items.find((i) => i.title === 'GitHub')!.passwordChanged).toEqual(logins[0]!.passwordChanged);
  });

  it('wrong password → WRONG_PASSWORD "Wrong password or key file for FILE"', async () => {
    const path = tmp('wrong.kdbx');
    await writeFixture('kdbx', SAMPLE_ITEMS, path, { password: PW });
    const e = await expectBastionError(readVaultFile(path, { password: 'not it' }), 'WRONG_PASSWORD');
    // Item 7 of issue 20: the message also says why a YubiKey challenge-response database cannot be opened.
    expect(e.message.startsWith(`Wrong password or key file for ${path}. `)).toBe(true);
    await expectBastionError(readVaultFile(path, {}), 'BAD_INPUT'); // no credentials at all
  });

  it('KDBX 3.1 wrong password is also WRONG_PASSWORD', async () => {
    const path = tmp('wrong3.kdbx');
    await writeFixture('kdbx', SAMPLE_ITEMS, path, { password: PW, kdbxVersion: 3 });
    await expectBastionError(readVaultFile(path, { password: 'nope' }), 'WRONG_PASSWORD');
  });

  it('password + key file: both are needed', async () => {
    const keyFile = await kdbxweb.Credentials.createRandomKeyFile(2);
    const path = tmp('keyfile.kdbx');
    await writeFixture('kdbx', SAMPLE_ITEMS, path, { password: PW, keyFile });
    expect((await readVaultFile(path, { password: PW, keyFile })).items).toHaveLength(SAMPLE_ITEMS.length);
    await expectBastionError(readVaultFile(path, { password: PW }), 'WRONG_PASSWORD');
  });

  it('Recycle Bin entries are skipped with a reason', async () => {
    const path = tmp('bin.kdbx');
    await writeFixture('kdbx', SAMPLE_ITEMS, path, { password: PW, recycledIds: [SAMPLE_ITEMS[1]!.id] });
    const result = await readVaultFile(path, { password: PW });
    expect(result.items).toHaveLength(SAMPLE_ITEMS.length - 1);
    expect(result.skipped).toEqual([{ reason: `"${SAMPLE_ITEMS[1]!.title}" is in the KeePass Recycle Bin` }]);
  });
});

describe('KDBX fields written by other KeePass apps', () => {
  async function build(fill: (db: kdbxweb.Kdbx, add: (title: string, fields: Record<string, string>) => kdbxweb.KdbxEntry) => void) {
    installArgon2();
    const db = kdbxweb.Kdbx.create(new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString(PW)), 'ext');
    db.header.kdfParameters!.set('M', kdbxweb.VarDictionary.ValueType.UInt64, kdbxweb.Int64.from(1024 * 1024));
    const add = (title: string, fields: Record<string, string>) => {
      const e = db.createEntry(db.getDefaultGroup());
      e.fields.set('Title', title);
      for (const [k, v] of Object.entries(fields)) e.fields.set(k, k === 'Password' ? kdbxweb.ProtectedValue.fromString(v) : v);
      return e;
    };
    fill(db, add);
    const path = tmp(`ext-${Math.random().toString(36).slice(2)}.kdbx`);
    await writeFile(path, new Uint8Array(await db.save()));
    return new Map((await readVaultFile(path, { password: PW })).items.map((i) => [i.title, i]));
  }

  it('TOTP: KeePassXC otp, KeePass 2.47 TimeOtp-* (all encodings) and the TOTP Seed plugin field', async () => {
    const items = await build((_db, add) => {
      add('xc', { Password: 'a', otp: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP' });
      add('b32', { Password: 'a', 'TimeOtp-Secret-Base32': 'JBSWY3DPEHPK3PXP' });
      add('hex', { Password: 'a', 'TimeOtp-Secret-Hex': 'deadbeef' });
      add('b64', { Password: 'a', 'TimeOtp-Secret-Base64': '3q2+7w==' });
      add('utf8', { Password: 'a', 'TimeOtp-Secret': 'secret' });
      add('seed', { Password: 'a', 'TOTP Seed': 'JBSWY3DPEHPK3PXP', 'TOTP Settings': '30;6' });
      add('settings-only', { Password: 'a', 'TOTP Settings': '30;6' });
      add('empty-otp', { Password: 'a', otp: '  ' });
    });
    for (const t of ['xc', 'b32', 'hex', 'b64', 'utf8', 'seed']) expect(items.get(t)!.hasTotp, t).toBe(true);
    expect(items.get('settings-only')!.hasTotp).toBe(false);
    expect(items.get('empty-otp')!.hasTotp).toBe(false);
    expect(JSON.stringify([...items.values()])).not.toContain('JBSWY3DPEHPK3PXP');
  });

  it('passwordChanged: newest history state with a different password → the next state time', async () => {
    const t = (s: string) => new Date(s);
    const items = await build((_db, add) => {
      const e = add('h', { Password: 'one', UserName: 'u' });
      const stamp = (d: Date) => {
        e.times.creationTime = t('2019-01-01T00:00:00Z');
        e.times.lastModTime = d;
      };
      stamp(t('2019-01-01T00:00:00Z'));
      e.pushHistory();
      e.fields.set('Password', kdbxweb.ProtectedValue.fromString('two'));
      stamp(t('2020-01-01T00:00:00Z'));
      e.pushHistory();
      e.fields.set('Password', kdbxweb.ProtectedValue.fromString('three'));
      stamp(t('2021-01-01T00:00:00Z'));
      e.pushHistory();
      e.fields.set('UserName', 'u2'); // non-password edit later
      stamp(t('2022-01-01T00:00:00Z'));

      const same = add('same', { Password: 'keep' });
      same.times.creationTime = t('2018-01-01T00:00:00Z');
      same.times.lastModTime = t('2018-06-01T00:00:00Z');
      same.pushHistory();
      same.fields.set('Notes', 'edited');
      same.times.lastModTime = t('2023-01-01T00:00:00Z');
    });
    expect(items.get('h')!.passwordChanged).toEqual(t('2021-01-01T00:00:00Z'));
    expect(items.get('h')!.modified).toEqual(t('2022-01-01T00:00:00Z'));
    expect(items.get('same')!.passwordChanged).toEqual(t('2018-06-01T00:00:00Z'));
  });

  it('kinds: card-number field → card, title-only → note, additional URLs kept', async () => {
    const items = await build((_db, add) => {
      add('card', { 'Card Number': '4111111111111111' });
      add('note', { Notes: 'body' });
      add('web', { Password: 'p', URL: 'https://a.example', KP2A_URL: 'https://b.example', KP2A_URL_1: 'https://c.example' });
      add('user-only', { UserName: 'bob' });
    });
    expect(items.get('card')).toMatchObject({ kind: 'card', password: null });
    expect(items.get('note')).toMatchObject({ kind: 'note', password: null });
    expect(items.get('web')!.urls).toEqual(['https://a.example', 'https://b.example', 'https://c.example']);
    expect(items.get('user-only')!.kind).toBe('login');
  });
});
