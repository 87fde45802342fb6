import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BastionError } from '../core';
import { openStore, type Store } from '../db';
import { m0005 } from '../db/migrations/0005-managed';
import { listEgress, recordEgress, redactUrl } from './egress-log';
import { canDownloadModel, canUseModel } from './model-policy';
import { effectiveSettings, readUserSettings, resetUserSetting, setUserSetting } from './settings-store';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-managed-'));
  store = openStore({ dataDir: dir, migrations: [m0005] });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('egress log', () => {
  it('records and lists requests without credentials, queries or fragments', () => {
    recordEgress(store, { url: 'https://user:pw@models.example/m.gguf?token=SECRET#x', purpose: 'model-download', allowed: true }, 1000);
    recordEgress(store, { url: 'https://evil.example/beacon', purpose: 'blocked-web-request', allowed: false, detail: 'renderer' }, 2000);
    const entries = listEgress(store);
    expect(entries).toEqual([
      { id: 1, at: 1000, time: new Date(1000).toISOString(), url: 'https://models.example/m.gguf', purpose: 'model-download', allowed: true, blocked: false, detail: null },
      { id: 2, at: 2000, time: new Date(2000).toISOString(), url: 'https://evil.example/beacon', purpose: 'blocked-web-request', allowed: false, blocked: true, detail: 'renderer' },
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/SECRET|pw@/);
  });

  it('accepts the kind/blocked aliases and refuses a record without a URL', () => {
    const e = recordEgress(store, { url: 'https://cdn.example/x.js', kind: 'renderer', blocked: true } as never);
    expect(e).toMatchObject({ purpose: 'renderer', allowed: false, blocked: true });
    expect(() => recordEgress(store, { url: '', purpose: 'x', allowed: true })).toThrow(BastionError);
  });

  it('keeps a malformed URL visible but bounded', () => {
    expect(redactUrl('not a url')).toBe('not a url');
    expect(redactUrl('x'.repeat(5000))).toHaveLength(2048);
    expect(redactUrl('hf:org/repo/file.gguf')).toBe('hf:org/repo/file.gguf');
  });
});

describe('user settings', () => {
  it('round-trips valid values and refuses unknown keys and bad values', () => {
    setUserSetting(store, 'history.retentionDays', 14);
    setUserSetting(store, 'actions.deny', ['export_report']);
    expect(readUserSettings(store)).toEqual({ 'history.retentionDays': 14, 'actions.deny': ['export_report'] });
    expect(() => setUserSetting(store, 'telemetry.enabled', true)).toThrow(BastionError);
    expect(() => setUserSetting(store, 'history.retentionDays', 'forever')).toThrow(/history.retentionDays/);
    expect(() => setUserSetting(store, 'actions.deny', ['format_disk'])).toThrow(BastionError);
    expect(resetUserSetting(store, 'history.retentionDays')).toBe(true);
    expect(resetUserSetting(store, 'history.retentionDays')).toBe(false);
    expect(readUserSettings(store)).toEqual({ 'actions.deny': ['export_report'] });
  });

  it('ignores a stored value that no longer validates instead of trusting it', () => {
    store.db.prepare('insert into settings values (?, ?, 0)').run('models.allowDownloads', '"yes please"');
    expect(readUserSettings(store)).toEqual({});
  });

  it('applies the policy over stored settings', () => {
    setUserSetting(store, 'models.allowDownloads', true);
    setUserSetting(store, 'history.retentionDays', 400);
    const eff = effectiveSettings(store, { models: { allowDownloads: false }, history: { retentionDays: 30 } });
    expect(eff.models.allowDownloads).toBe(false);
    expect(eff.history.retentionDays).toBe(30);
    expect(eff.managed).toContain('models.allowDownloads');
  });
});

describe('model provisioning rules', () => {
  const SHA = 'a'.repeat(64);
  it('allows any download without a policy, and honours the user turning downloads off', () => {
    expect(canDownloadModel('hf:org/repo/m.gguf', undefined, {}).allowed).toBe(true);
    expect(canDownloadModel('hf:org/repo/m.gguf', undefined, {}, { 'models.allowDownloads': false }).allowed).toBe(false);
  });
  it('refuses downloads the policy turns off, even when the user turns them on', () => {
    const d = canDownloadModel('hf:org/repo/m.gguf', SHA, { models: { allowDownloads: false } }, { 'models.allowDownloads': true });
    expect(d.allowed).toBe(false);
    expect(d.reason).toMatch(/models import/);
  });
  it('checks sources by URI prefix and models by sha256', () => {
    const policy = { models: { allowedSources: ['https://models.corp.example/'], allowedSha256: [SHA] } };
    expect(canDownloadModel('https://models.corp.example/m.gguf', SHA.toUpperCase(), policy).allowed).toBe(true);
    expect(canDownloadModel('https://models.corp.example.evil.com/m.gguf', SHA, policy).allowed).toBe(false);
    expect(canDownloadModel('hf:org/repo/m.gguf', SHA, policy).allowed).toBe(false);
    expect(canDownloadModel('https://models.corp.example/m.gguf', 'b'.repeat(64), policy).allowed).toBe(false);
    expect(canDownloadModel('https://models.corp.example/m.gguf', undefined, policy).allowed).toBe(false);
  });
  it('enforces a pinned model for downloads and local use', () => {
    const policy = { models: { pinnedModel: '/opt/bastion/chat.gguf' } };
    expect(canDownloadModel('hf:org/repo/m.gguf', SHA, policy).allowed).toBe(false);
    expect(canUseModel('/opt/bastion/chat.gguf', SHA, policy).allowed).toBe(true);
    expect(canUseModel('/home/u/other.gguf', SHA, policy).allowed).toBe(false);
    expect(canUseModel('/home/u/other.gguf', SHA, { models: { allowedSha256: ['c'.repeat(64)] } }).allowed).toBe(false);
  });
});
