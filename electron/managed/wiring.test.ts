import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, listAudit, verifyAudit } from '../audit';
import { loadInstallKeys, openStore, type InstallKeys, type Store } from '../db';
import { modelDownloadGuard } from './download-guard';
import { listEgress } from './egress-log';
import { setUserSetting } from './settings-store';
import { executeWipe, planWipe, recordWipe } from './wipe';

// How the managed layer's pieces are wired into the real store: downloads asked of policy (with the user's settings)
// and written to the egress log; a wipe recorded in the audit log it keeps.

let dir: string;
let store: Store;
let keys: InstallKeys;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-wiring-'));
  store = openStore({ dataDir: dir });
  keys = loadInstallKeys(dir);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('modelDownloadGuard', () => {
  it('asks the policy with the user\'s own settings, which can only tighten it', () => {
    expect(modelDownloadGuard(store, null, {}).canDownload('hf:a/b/c.gguf').allowed).toBe(true);
    setUserSetting(store, 'models.allowDownloads', false);
    expect(modelDownloadGuard(store, null, {}).canDownload('hf:a/b/c.gguf')).toMatchObject({ allowed: false, reason: expect.stringMatching(/turned off/) });
    setUserSetting(store, 'models.allowDownloads', true);
    expect(modelDownloadGuard(store, null, { models: { allowDownloads: false } }).canDownload('hf:a/b/c.gguf').allowed).toBe(false);
  });

  it('checks the catalog digest against an allow-list', () => {
    const sha = 'a'.repeat(64);
    expect(modelDownloadGuard(store, sha, { models: { allowedSha256: [sha] } }).canDownload('hf:x').allowed).toBe(true);
    expect(modelDownloadGuard(store, 'b'.repeat(64), { models: { allowedSha256: [sha] } }).canDownload('hf:x').allowed).toBe(false);
  });

  it('writes each request and refusal to the egress log as a model download, without credentials', () => {
    const g = modelDownloadGuard(store, null, {});
    g.onEgress({ url: 'https://user:pw@models.example/m.gguf?token=abc', allowed: true });
    g.onEgress({ url: 'https://models.example/m.gguf', allowed: false, detail: 'downloads are off' });
    const log = listEgress(store);
    expect(log.map((e) => [e.purpose, e.allowed, e.detail])).toEqual([
      ['model-download', true, null],
      ['model-download', false, 'downloads are off'],
    ]);
    expect(JSON.stringify(log)).not.toMatch(/pw@|token=abc/);
  });
});

describe('recordWipe', () => {
  it('appends a data_wiped record to the kept audit log, which still verifies', () => {
    appendAudit(store, keys, { actor: 'user', event: 'confirmed', action: 'export_report', proposalId: 'pr_1' });
    mkdirSync(join(dir, 'models'));
    writeFileSync(join(dir, 'models', 'm.gguf'), 'GGUF');
    const plan = planWipe(store, { includeAudit: false });
    const done = executeWipe(store, plan);
    recordWipe(store, keys, plan, done);
    const records = listAudit(store).slice().sort((a, b) => a.seq - b.seq);
    expect(records.map((r) => r.event)).toEqual(['confirmed', 'data_wiped']);
    expect(records[1]?.body).toMatchObject({ detail: { files: ['models'] } });
    expect(verifyAudit(store, keys).ok).toBe(true);
  });
});
