import { writeFile } from 'node:fs/promises';
import kdbxweb from 'kdbxweb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hostile, SAMPLE_ITEMS, writeFixture } from '../fixtures';
import { readVaultFile } from './index';
import { LIMITS } from './limits';
import { expectBastionError, useTempDir } from './test-helpers';

const tmp = useTempDir();
const PW = 'pw';

afterEach(() => vi.restoreAllMocks());

describe('hostile zips (.1pux)', () => {
  it('refuses a zip bomb from the central directory, before inflating', async () => {
    const path = await hostile.writeZipBomb(tmp('bomb.1pux'), 16);
    const e = await expectBastionError(readVaultFile(path), 'TOO_LARGE');
    expect(e.message).toContain(path);
    expect(e.message).toMatch(/zip bomb/);
  });

  it('stops inflating an entry that outgrows its declared size', async () => {
    const path = await hostile.writeLyingZip(tmp('lying.1pux'));
    const e = await expectBastionError(readVaultFile(path), 'TOO_LARGE');
    expect(e.message).toContain(path);
    expect(e.message).toMatch(/beyond its declared/);
  });

  it('refuses a total declared size over the cap', async () => {
    const path = await hostile.writeOversizeZip(tmp('oversize.1pux'), 3, 90);
    expect(3 * 90 * 2 ** 20).toBeGreaterThan(LIMITS.maxZipUncompressedBytes);
    const e = await expectBastionError(readVaultFile(path, { format: '1pux' }), 'TOO_LARGE');
    expect(e.message).toContain(path);
    expect(e.message).toMatch(/would expand to 270 MiB/);
  });

  it.each(['../../evil.sh', '/etc/passwd', 'files/../../x', 'C:/win.ini', 'a\\..\\b'])('refuses the unsafe path %s', async (name) => {
    const path = await hostile.writeTraversalZip(tmp(`trav-${name.replace(/\W/g, '_')}.1pux`), name);
    const e = await expectBastionError(readVaultFile(path), 'BAD_FILE');
    expect(e.message).toContain(path);
    expect(e.message).toMatch(/unsafe path/);
  });

  it('refuses more entries than the cap', async () => {
    const path = await hostile.writeManyEntriesZip(tmp('many.1pux'), LIMITS.maxZipEntries + 1);
    const e = await expectBastionError(readVaultFile(path), 'TOO_LARGE');
    expect(e.message).toContain(path);
  });

  it('a zip without export.data is not a supported export', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const path = tmp('plain.zip');
    await writeFile(path, zipSync({ 'readme.txt': strToU8('hello') }));
    const e = await expectBastionError(readVaultFile(path), 'BAD_FILE');
    expect(e.message).toMatch(/not a supported vault export/);
  });
});

describe('hostile KDBX', () => {
  it.each([
    ['M', 64 * 2 ** 30, /MiB of Argon2 memory/],
    ['I', 1_000_000, /Argon2 iterations/],
    ['P', 4096, /parallelism/],
  ] as const)('refuses Argon2 %s=%d from the header, without starting the KDF', async (param, value, msg) => {
    const path = await hostile.writeHostileArgon2Kdbx(tmp(`argon-${param}.kdbx`), PW, param, value);
    const load = vi.spyOn(kdbxweb.KdbxFormat.prototype, 'load');
    const e = await expectBastionError(readVaultFile(path, { password: PW }), 'TOO_LARGE');
    expect(e.message).toContain(path);
    expect(e.message).toMatch(msg);
    expect(load).not.toHaveBeenCalled();
  });

  it('positive control: a sound KDBX does go through KdbxFormat.load, so the spies here would see a KDF start', async () => {
    const path = tmp('sound.kdbx');
    await writeFixture('kdbx', SAMPLE_ITEMS, path, { password: PW });
    const load = vi.spyOn(kdbxweb.KdbxFormat.prototype, 'load');
    await readVaultFile(path, { password: PW });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('refuses absurd AES-KDF rounds in a KDBX 3.1 header', async () => {
    const path = await hostile.writeHostileAesKdbx(tmp('aes.kdbx'), PW, 10_000_000_000);
    const load = vi.spyOn(kdbxweb.KdbxFormat.prototype, 'load');
    const e = await expectBastionError(readVaultFile(path, { password: PW }), 'TOO_LARGE');
    expect(e.message).toMatch(/AES-KDF rounds/);
    expect(load).not.toHaveBeenCalled();
  });

  it.each([0.6, 0.95, 0.02])('a KDBX truncated to %s of its length is BAD_FILE naming the file', async (fraction) => {
    const path = await hostile.writeTruncatedKdbx(tmp(`trunc-${fraction}.kdbx`), PW, fraction);
    const e = await expectBastionError(readVaultFile(path, { password: PW }), 'BAD_FILE');
    expect(e.message).toContain(path);
  });

  it('a corrupted byte in the encrypted body is reported, not crashed on', async () => {
    const path = tmp('flipped.kdbx');
    await writeFixture('kdbx', SAMPLE_ITEMS, path, { password: PW });
    const { readFile } = await import('node:fs/promises');
    const bytes = new Uint8Array(await readFile(path));
    bytes[bytes.length - 40]! ^= 0xff;
    await writeFile(path, bytes);
    const e = await readVaultFile(path, { password: PW }).then(
      () => null,
      (x: unknown) => x as { code: string; message: string },
    );
    expect(e?.code).toMatch(/^(BAD_FILE|WRONG_PASSWORD)$/);
    expect(e?.message).toContain(path);
  });
});

describe('hostile text and sizes', () => {
  it('invalid UTF-8 is BAD_FILE "not valid UTF-8", even with an explicit format', async () => {
    const path = await hostile.writeInvalidUtf8Csv(tmp('bad-utf8.csv'));
    for (const format of ['auto', 'chrome-csv'] as const) {
      const e = await expectBastionError(readVaultFile(path, { format }), 'BAD_FILE');
      expect(e.message).toBe(`${path} is not valid UTF-8 text.`);
    }
  });

  it('a 1 GiB (sparse) file is refused from its size, before reading', async () => {
    const path = await hostile.writeSparseFile(tmp('huge.kdbx'), 2 ** 30);
    const e = await expectBastionError(readVaultFile(path, { password: PW }), 'TOO_LARGE');
    expect(e.message).toContain(path);
    expect(e.message).toMatch(/1024 MiB/);
  });

  it('empty, missing, directory and binary-garbage inputs each get a clear error', async () => {
    const empty = tmp('empty.json');
    await writeFile(empty, '');
    expect((await expectBastionError(readVaultFile(empty), 'BAD_FILE')).message).toBe(`${empty} is empty.`);
    await expectBastionError(readVaultFile(tmp('nope.kdbx')), 'NOT_FOUND');
    await expectBastionError(readVaultFile(tmp('')), 'BAD_FILE');
    const garbage = tmp('garbage.bin');
    await writeFile(garbage, new Uint8Array([0, 1, 2, 3, 0xff, 0xfe, 0, 0]));
    expect((await expectBastionError(readVaultFile(garbage), 'BAD_FILE')).message).toMatch(/not a supported vault export/);
  });

  it('broken JSON and a wrong JSON shape are BAD_FILE naming the file', async () => {
    const broken = tmp('broken.json');
    await writeFile(broken, '{"encrypted": false, "items": [ {');
    expect((await expectBastionError(readVaultFile(broken), 'BAD_FILE')).message).toContain(broken);
    const shape = tmp('shape.json');
    await writeFile(shape, JSON.stringify({ encrypted: false, items: 'nope' }));
    expect((await expectBastionError(readVaultFile(shape), 'BAD_FILE')).message).toMatch(/items/);
  });
});
