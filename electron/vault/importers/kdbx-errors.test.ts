import { readFile, writeFile } from 'node:fs/promises';
import kdbxweb from 'kdbxweb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hostile, keyFileXml, SAMPLE_ITEMS, writeFixture } from '../fixtures';
import { readVaultFile } from './index';
import { readKdbxHeader } from './kdbx-header';
import { expectBastionError, useTempDir } from './test-helpers';

// Errors that blame the right thing (issue 20 item 7; issue 12 item 6 for damaged KDBX files).

const tmp = useTempDir();
const PW = 'errors';

afterEach(() => vi.restoreAllMocks());

describe('key files', () => {
  const key = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff);

  it.each([
    ['XML 2.0 (.keyx)', keyFileXml(key, '2.0')],
    ['XML 1.0 (.key)', keyFileXml(key, '1.0')],
    ['32 raw bytes', key],
    ['64 hex digits', new TextEncoder().encode(Buffer.from(key).toString('hex'))],
  ] as const)('a key file of the form %s, read from its path, opens its database (positive control)', async (name, bytes) => {
    const keyPath = tmp(`good-${name.replace(/\W+/g, '-')}.key`);
    await writeFile(keyPath, bytes);
    const path = tmp(`key-${name.replace(/\W+/g, '-')}.kdbx`);
    await writeFixture('kdbx', SAMPLE_ITEMS, path, { password: PW, keyFile: bytes });
    const r = await readVaultFile(path, { password: PW, keyFilePath: keyPath });
    expect(r.items).toHaveLength(SAMPLE_ITEMS.length);
    await expectBastionError(readVaultFile(path, { password: PW }), 'WRONG_PASSWORD'); // the key file is needed
  });

  it('a damaged .keyx is a key-file error naming the key file, not a corrupted database', async () => {
    const keyPath = tmp('damaged.keyx');
    await writeFile(keyPath, keyFileXml(key, '2.0', true));
    const path = tmp('keyx2.kdbx');
    await writeFixture('kdbx', SAMPLE_ITEMS, path, { password: PW, keyFile: keyFileXml(key, '2.0') });
    const load = vi.spyOn(kdbxweb.KdbxFormat.prototype, 'load');
    const e = await expectBastionError(readVaultFile(path, { password: PW, keyFilePath: keyPath }), 'BAD_FILE');
    expect(e.message).toBe(`The key file ${keyPath} is damaged: its key data does not match the checksum stored in it.`);
    expect(load).not.toHaveBeenCalled(); // the database was never tried
  });

  it('an XML key file that no longer parses is named in the wrong-password message', async () => {
    const keyPath = tmp('cut.keyx');
    await writeFile(keyPath, keyFileXml(key, '2.0').subarray(0, 150));
    const path = tmp('keyx3.kdbx');
    await writeFixture('kdbx', SAMPLE_ITEMS, path, { password: PW, keyFile: keyFileXml(key, '2.0') });
    const e = await expectBastionError(readVaultFile(path, { password: PW, keyFilePath: keyPath }), 'WRONG_PASSWORD');
    expect(e.message).toContain(`The key file ${keyPath} looks like a KeePass XML key file but cannot be parsed`);
  });
});

describe('databases Bastion cannot open say why', () => {
  it('a YubiKey challenge-response database: "not supported" and why', async () => {
    const path = tmp('yubikey.kdbx');
    await writeFixture('kdbx', SAMPLE_ITEMS, path, { password: PW, yubikeySecret: new Uint8Array(20).fill(7) });
    const e = await expectBastionError(readVaultFile(path, { password: PW }), 'WRONG_PASSWORD');
    expect(e.message).toMatch(/YubiKey \(challenge-response\) is not supported: Bastion never talks to hardware keys/);
  });

  it.each([4, 3] as const)('Twofish (KDBX %d) is refused naming Twofish, before any key derivation', async (version) => {
    const path = await hostile.writeTwofishKdbx(tmp(`twofish-${version}.kdbx`), PW, version);
    const load = vi.spyOn(kdbxweb.KdbxFormat.prototype, 'load');
    const e = await expectBastionError(readVaultFile(path, { password: PW }), 'UNSUPPORTED');
    expect(e.message).toMatch(/is encrypted with Twofish, which Bastion cannot decrypt/);
    expect(load).not.toHaveBeenCalled();
  });

  it('KDBX 3.0 is refused with a message naming the version', async () => {
    const path = tmp('v30.kdbx');
    await writeFixture('kdbx', SAMPLE_ITEMS, path, { password: PW, kdbxVersion: 3, kdbxMinor: 0 });
    const e = await expectBastionError(readVaultFile(path, { password: PW }), 'UNSUPPORTED');
    expect(e.message).toBe(`${path} is KDBX version 3.0; only KDBX 3.1 and 4.x (4.0, 4.1) are supported.`);
  });

  it('KDBX 4.1 and 3.1 import (the versions the message promises), and KDBX 4 with ChaCha20', async () => {
    for (const [version, minor, cipher] of [[4, 1, 'aes'], [3, 1, 'aes'], [4, 1, 'chacha20']] as const) {
      const path = tmp(`v${version}${minor}-${cipher}.kdbx`);
      await writeFixture('kdbx', SAMPLE_ITEMS, path, { password: PW, kdbxVersion: version, kdbxMinor: minor, cipher });
      const bytes = new Uint8Array(await readFile(path));
      expect([bytes[8], bytes[10]]).toEqual([minor, version]);
      expect(readKdbxHeader(bytes, path).cipher).toBe(cipher);
      expect((await readVaultFile(path, { password: PW })).items).toHaveLength(SAMPLE_ITEMS.length);
    }
  });
});

describe('a damaged KDBX opened with the right password is "damaged", not "wrong password" (issue 12 item 6)', () => {
  const damaged = /is damaged: /;

  it.each([
    ['KDBX 3.1 cut mid-block', 3, (n: number, h: number) => h + Math.floor((n - h) / 2) + 5],
    ['KDBX 3.1 cut on a block boundary', 3, (n: number, h: number) => h + 16 * Math.floor((n - h) / 32)],
    ['KDBX 3.1 missing its last block', 3, (n: number) => n - 16],
    ['KDBX 4 cut inside its header HMAC', 4, (_n: number, h: number) => h + 40],
    ['KDBX 4 cut in the encrypted body', 4, (n: number) => n - 100],
  ] as const)('%s: right password → BAD_FILE damaged; wrong password → WRONG_PASSWORD', async (name, version, cut) => {
    const path = tmp(`${name.replace(/\W+/g, '-')}.kdbx`);
    await writeFixture('kdbx', SAMPLE_ITEMS, path, { password: PW, kdbxVersion: version });
    const bytes = new Uint8Array(await readFile(path));
    await writeFile(path, bytes.subarray(0, cut(bytes.length, hostile.kdbxHeaderEnd(bytes))));
    const e = await expectBastionError(readVaultFile(path, { password: PW }), 'BAD_FILE');
    expect(e.message).toMatch(damaged);
    expect(e.message).toContain(path);
    if (!name.includes('HMAC')) await expectBastionError(readVaultFile(path, { password: 'not the password' }), 'WRONG_PASSWORD');
  });

  it.each([3, 4] as const)('KDBX %d with a flipped byte mid-body: right password → damaged, wrong → WRONG_PASSWORD', async (version) => {
    const path = tmp(`flipped-${version}.kdbx`);
    await writeFixture('kdbx', SAMPLE_ITEMS, path, { password: PW, kdbxVersion: version });
    const bytes = new Uint8Array(await readFile(path));
    bytes[Math.floor((bytes.length + hostile.kdbxHeaderEnd(bytes)) / 2)]! ^= 0x01;
    await writeFile(path, bytes);
    expect((await expectBastionError(readVaultFile(path, { password: PW }), 'BAD_FILE')).message).toMatch(damaged);
    await expectBastionError(readVaultFile(path, { password: 'not the password' }), 'WRONG_PASSWORD');
  });

  it('KDBX 3.1 with its last byte flipped (a padding failure inside kdbxweb) is damaged, not a wrong password', async () => {
    const path = await hostile.writeFlippedKdbx(tmp('flipped-last-3.kdbx'), PW, 3, 1);
    expect((await expectBastionError(readVaultFile(path, { password: PW }), 'BAD_FILE')).message).toMatch(damaged);
  });
});
