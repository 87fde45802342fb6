import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, listAudit, verifyAudit } from '../audit';
import { loadInstallKeys, openStore, type Store } from '../db';
import { fillDisk, mountTmpfs, tmpfsUnavailable, type Tmpfs } from '../db/testing';
import { confirmProposal, createProposal, getProposal, vaultAccess } from '../permissions';
import { FIXTURE_ITEMS } from '../permissions/testing';
import { importVault, listSources } from '../vault';
import { writeFixture } from '../vault/fixtures';

// Issue 12, observation 6 and fault injection: a full filesystem. Import, audit append and report export fail with
// "disk full while …; nothing was changed" (DISK_FULL, its own exit code), and the store still verifies afterwards.
// Needs root to mount a small tmpfs; skipped with the reason otherwise.

const why = tmpfsUnavailable();
const DISK_FULL = { code: 'DISK_FULL', message: expect.stringMatching(/^disk full while .+; nothing was changed/) };

let fs: Tmpfs | undefined;
let outside: string | undefined;
afterEach(() => {
  fs?.unmount();
  fs = undefined;
  if (outside) rmSync(outside, { recursive: true, force: true });
  outside = undefined;
});

async function vaultFile(dir: string, name: string, tag: string): Promise<string> {
  const f = join(dir, name);
  await writeFixture('bitwarden-json', FIXTURE_ITEMS.map((it) => ({ ...it, id: `${it.id}-${tag}`, title: `${it.title} ${tag}` })), f);
  return f;
}

describe.skipIf(why !== null)(`a full disk${why ? ` (skipped: ${why})` : ''}`, () => {
  it('opening the store on a full disk (SQLite cannot make its WAL index) is DISK_FULL, never "damaged"', async () => {
    fs = mountTmpfs(4096);
    outside = mkdtempSync(join(tmpdir(), 'bastion-full-'));
    const dataDir = join(fs.dir, 'data');
    const store = openStore({ dataDir });
    await importVault(store, loadInstallKeys(dataDir), await vaultFile(outside, 'one.json', 'one'), { workers: 0 });
    store.close(); // the last connection: SQLite removes its -wal and -shm files
    const filler = fillDisk(fs.dir);
    expect(() => openStore({ dataDir })).toThrow(expect.objectContaining({ code: 'DISK_FULL', message: expect.stringMatching(/^disk full while opening the Bastion database; nothing was changed/) }));
    rmSync(filler);
    const again = openStore({ dataDir }); // with space again, the same file opens and checks clean
    expect(listSources(again).map((s) => s.name)).toEqual(['one.json']);
    again.close();
  });

  it('under the data dir: import, audit append and confirm fail with DISK_FULL, and nothing was changed', async () => {
    fs = mountTmpfs(4096);
    outside = mkdtempSync(join(tmpdir(), 'bastion-full-'));
    const dataDir = join(fs.dir, 'data');
    let store: Store = openStore({ dataDir });
    const keys = loadInstallKeys(dataDir);
    await importVault(store, keys, await vaultFile(outside, 'one.json', 'one'), { workers: 0 });
    const { proposal } = await createProposal(store, { action: 'export_report', args: { format: 'csv', path: join(outside, 'r.csv') } }, { actor: 'user' }, { keys, vault: vaultAccess });
    const records = listAudit(store).length;
    store.db.pragma('wal_checkpoint(TRUNCATE)'); // no reusable WAL space: the next commit must grow a file
    const filler = fillDisk(fs.dir);

    await expect(importVault(store, keys, await vaultFile(outside, 'two.json', 'two'), { workers: 0 })).rejects.toMatchObject(DISK_FULL);
    expect(() => appendAudit(store, keys, { actor: 'user', event: 'decision' })).toThrow(expect.objectContaining(DISK_FULL));
    await expect(confirmProposal(store, keys, { id: proposal.id, argsHash: proposal.argsHash }, { vault: vaultAccess })).rejects.toMatchObject(DISK_FULL);
    expect(existsSync(join(outside, 'r.csv'))).toBe(false);

    rmSync(filler);
    store.close();
    store = openStore({ dataDir }); // quick_check
    try {
      expect(listSources(store).map((s) => s.name)).toEqual(['one.json']);
      expect(listAudit(store)).toHaveLength(records);
      expect(getProposal(store, proposal.id)!.status).toBe('pending'); // the claim rolled back: it can be confirmed later
      expect(verifyAudit(store, keys)).toMatchObject({ ok: true, records });
    } finally {
      store.close();
    }
  }, 120_000);

  it('under the export target: DISK_FULL, the old file untouched, no temp file left, the failure audited', async () => {
    fs = mountTmpfs(512);
    outside = mkdtempSync(join(tmpdir(), 'bastion-full-'));
    const dataDir = join(outside, 'data');
    const store = openStore({ dataDir });
    const keys = loadInstallKeys(dataDir);
    try {
      await importVault(store, keys, await vaultFile(outside, 'one.json', 'one'), { workers: 0 });
      const existing = join(fs.dir, 'old.csv');
      writeFileSync(existing, 'keep me\n');
      const filler = fillDisk(fs.dir);
      for (const target of [join(fs.dir, 'new.csv'), existing]) {
        const { proposal } = await createProposal(store, { action: 'export_report', args: { format: 'html', path: target } }, { actor: 'user' }, { keys, vault: vaultAccess });
        await expect(confirmProposal(store, keys, { id: proposal.id, argsHash: proposal.argsHash }, { vault: vaultAccess })).rejects.toMatchObject(DISK_FULL);
        expect(getProposal(store, proposal.id)!.status).toBe('failed');
        expect(listAudit(store, { proposalId: proposal.id }).map((r) => r.event)).toContain('execution_failed');
      }
      expect(readFileSync(existing, 'utf8')).toBe('keep me\n');
      expect(readdirSync(fs.dir).sort()).toEqual(['filler', 'old.csv']);
      rmSync(filler);
      expect(verifyAudit(store, keys).ok).toBe(true);
    } finally {
      store.close();
    }
  }, 120_000);
});
