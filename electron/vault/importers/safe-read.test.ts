import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadInstallKeys, openStore } from '../../db';
import { hostile, SAMPLE_ITEMS, writeFixture } from '../fixtures';
import { importBreachCorpus, importVault } from '../index';
import { readVaultFile } from './index';
import { LIMITS } from './limits';
import { readBounded } from './safe-read';
import { expectBastionError, useTempDir } from './test-helpers';

// Issue 12 item 5: every file the vault capability reads is opened without blocking, checked on the opened
// descriptor (regular file, size cap) before a byte is read. A FIFO or /dev/zero must fail fast, never hang or fill
// memory; a hostile JSON nesting must be a clear BAD_FILE that stores nothing.

const tmp = useTempDir();
const PW = 'bounded';

describe('bounded reads', () => {
  it('a FIFO as the vault fails at once, naming the path and what it is', async () => {
    const fifo = hostile.makeFifo(tmp('vault.fifo'));
    const e = await expectBastionError(readVaultFile(fifo), 'BAD_FILE');
    expect(e.message).toBe(`${fifo} is a FIFO (named pipe), not a regular file; a vault export must be a regular file.`);
  });

  it('a FIFO key file fails at once', async () => {
    const vault = tmp('k.kdbx');
    await writeFixture('kdbx', SAMPLE_ITEMS, vault, { password: PW });
    const fifo = hostile.makeFifo(tmp('key.fifo'));
    const e = await expectBastionError(readVaultFile(vault, { password: PW, keyFilePath: fifo }), 'BAD_FILE');
    expect(e.message).toMatch(/is a FIFO \(named pipe\), not a regular file; a key file must be a regular file\.$/);
  });

  it('--key-file /dev/zero and /dev/zero as the vault are refused from fstat, without reading', async () => {
    const vault = tmp('z.kdbx');
    await writeFixture('kdbx', SAMPLE_ITEMS, vault, { password: PW });
    const e = await expectBastionError(readVaultFile(vault, { password: PW, keyFilePath: '/dev/zero' }), 'BAD_FILE');
    expect(e.message).toBe('/dev/zero is a character device, not a regular file; a key file must be a regular file.');
    await expectBastionError(readVaultFile('/dev/zero'), 'BAD_FILE');
  });

  it('a directory, a missing file and an oversized key file each get their own one-line error', async () => {
    const dir = tmp('a-dir');
    mkdirSync(dir);
    expect((await expectBastionError(readVaultFile(dir), 'BAD_FILE')).message).toBe(
      `${dir} is a directory, not a regular file; a vault export must be a regular file.`,
    );
    await expectBastionError(readVaultFile(tmp('missing.kdbx')), 'NOT_FOUND');
    const bigKey = await hostile.writeSparseFile(tmp('big.key'), LIMITS.maxKeyFileBytes + 1);
    const vault = tmp('bk.kdbx');
    await writeFixture('kdbx', SAMPLE_ITEMS, vault, { password: PW });
    expect((await expectBastionError(readVaultFile(vault, { password: PW, keyFilePath: bigKey }), 'TOO_LARGE')).message).toMatch(
      /larger than the 1 MiB a key file may be/,
    );
  });

  it('readBounded reads a regular file whole (positive control)', async () => {
    const p = tmp('plain.txt');
    writeFileSync(p, 'hello');
    expect(new TextDecoder().decode(await readBounded(p, { maxBytes: 10, what: 'test file' }))).toBe('hello');
    await expectBastionError(readBounded(p, { maxBytes: 4, what: 'test file' }), 'TOO_LARGE');
  });
});

describe('JSON nesting depth', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('a 200,000-deep "Bitwarden export" is BAD_FILE naming the depth, and creates no source', async () => {
    const path = await hostile.writeDeepJson(tmp('deep.json'), 200_000);
    const e = await expectBastionError(readVaultFile(path), 'BAD_FILE');
    expect(e.message).toBe(`${path} nests JSON more than ${LIMITS.maxJsonDepth} levels deep, so it is not a Bitwarden export.`);
    const dataDir = mkdtempSync(join(tmpdir(), 'bastion-deep-'));
    dirs.push(dataDir);
    const store = openStore({ dataDir });
    try {
      await expectBastionError(importVault(store, loadInstallKeys(dataDir), path), 'BAD_FILE');
      expect(store.db.prepare('select count(*) as n from vault_sources').get()).toEqual({ n: 0 });
    } finally {
      store.close();
    }
  });

  it('ordinary nesting (brackets inside strings do not count) still imports', async () => {
    const path = tmp('brackets.json');
    writeFileSync(path, JSON.stringify({ encrypted: false, items: [{ id: 'a', type: 1, name: '[[[[{{{{"', login: { password: 'x]]]]}}}}' } }] }));
    expect((await readVaultFile(path)).items).toHaveLength(1);
  });
});

describe('the HIBP breach corpus', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it.each([
    ['a FIFO', (): string => hostile.makeFifo(tmp('hibp.fifo')), /is a FIFO \(named pipe\), not a regular file; a breach corpus must be a regular file\.$/],
    ['/dev/zero', (): string => '/dev/zero', /^\/dev\/zero is a character device, not a regular file/],
  ] as const)('%s is refused at once, and nothing is stored', async (_name, make, msg) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bastion-hibp-'));
    dirs.push(dataDir);
    const store = openStore({ dataDir });
    try {
      const e = await expectBastionError(importBreachCorpus(store, make()), 'BAD_FILE');
      expect(e.message).toMatch(msg);
      expect(store.db.prepare('select count(*) as n from vault_breach_hashes').get()).toEqual({ n: 0 });
    } finally {
      store.close();
    }
  });
});
