import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION_INFO, ACTION_NAMES } from '../permissions';
import { LOCKED_DOWN_POLICY, MAX_POLICY_BYTES, loadManagedPolicy, policyPath } from './load';
import { mergeSettings } from './merge';
import { canDownloadModel } from './model-policy';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-policy-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function withPolicy(content: string | Buffer) {
  const path = join(dir, 'policy.json');
  writeFileSync(path, content);
  return loadManagedPolicy({ BASTION_POLICY: path });
}

function expectLockedDown(state: ReturnType<typeof loadManagedPolicy>, mentions: RegExp) {
  expect(state.status).toBe('invalid');
  expect(state.locked).toBe(true);
  expect(state.policy).toBe(LOCKED_DOWN_POLICY);
  expect(state.message).toMatch(mentions);
  expect(state.message).toContain(state.path);
  expect(state.message).toMatch(/locked down/);
  const eff = mergeSettings(state.policy);
  expect(eff.models.allowDownloads).toBe(false);
  expect(eff.history.enabled).toBe(false);
  for (const a of ACTION_NAMES) expect(eff.actions.deny.includes(a)).toBe(ACTION_INFO[a].risk !== 'read_only');
  expect(canDownloadModel('https://models.corp.example/x.gguf', undefined, state.policy).allowed).toBe(false);
}

describe('policyPath', () => {
  it('uses the OS-standard machine-wide location, and BASTION_POLICY over it', () => {
    expect(policyPath({}, 'linux')).toBe('/etc/bastion/policy.json');
    expect(policyPath({}, 'darwin')).toBe('/Library/Application Support/Bastion/policy.json');
    expect(policyPath({ ProgramData: 'D:\\PD' }, 'win32')).toBe(join('D:\\PD', 'Bastion', 'policy.json'));
    expect(policyPath({ BASTION_POLICY: '/x/p.json' }, 'linux')).toBe('/x/p.json');
  });
});

describe('LOCKED_DOWN_POLICY', () => {
  it('cannot be loosened by mutation', () => {
    expect(() => {
      (LOCKED_DOWN_POLICY.models as { allowDownloads: boolean }).allowDownloads = true;
    }).toThrow(TypeError);
    expect(() => (LOCKED_DOWN_POLICY.actions!.deny as string[]).pop()).toThrow(TypeError);
  });
});

describe('loadManagedPolicy', () => {
  it('treats a missing machine policy as unmanaged', () => {
    const state = loadManagedPolicy({ ProgramData: join(dir, 'none') }, 'win32');
    expect(state).toMatchObject({ status: 'absent', locked: false, message: null, policy: {} });
  });

  it('loads a valid policy', () => {
    const state = withPolicy(JSON.stringify({ models: { allowDownloads: false }, history: { retentionDays: 7 } }));
    expect(state).toMatchObject({ status: 'valid', locked: false, message: null });
    expect(state.policy.history).toEqual({ retentionDays: 7 });
  });

  it('accepts a UTF-8 byte-order mark (Windows editors write one)', () => {
    expect(withPolicy(`\uFEFF${JSON.stringify({ hotkey: { enabled: false } })}`).status).toBe('valid');
  });

  it('fails closed on invalid JSON', () => expectLockedDown(withPolicy('{"models": {'), /not valid JSON/));
  it('fails closed on an unknown key, naming it', () => expectLockedDown(withPolicy('{"models": {"allowDownload": true}}'), /unknown key "allowDownload".*|models/));
  it('fails closed on a wrong type, naming the key', () => expectLockedDown(withPolicy('{"actions": {"maxBatch": "ten"}}'), /actions\.maxBatch/));
  it('fails closed on invalid UTF-8', () => expectLockedDown(withPolicy(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), /UTF-8/));
  it('fails closed on an oversized file', () => expectLockedDown(withPolicy(' '.repeat(MAX_POLICY_BYTES + 1)), /larger than/));
  it('fails closed when the path is a directory', () => {
    mkdirSync(join(dir, 'policy.d'));
    expectLockedDown(loadManagedPolicy({ BASTION_POLICY: join(dir, 'policy.d') }), /not a regular file/);
  });
  it('fails closed when BASTION_POLICY names a missing file', () => {
    expectLockedDown(loadManagedPolicy({ BASTION_POLICY: join(dir, 'missing.json') }), /does not exist/);
  });
  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('fails closed on an unreadable file', () => {
    const path = join(dir, 'policy.json');
    writeFileSync(path, '{}');
    chmodSync(path, 0o000);
    expectLockedDown(loadManagedPolicy({ BASTION_POLICY: path }), /cannot be read/);
  });
  it('fails closed when the machine policy under a parent that is a file cannot be read', () => {
    writeFileSync(join(dir, 'Bastion'), 'not a folder');
    // ProgramData/Bastion is a file, so ProgramData/Bastion/policy.json gives ENOTDIR: unreadable, not absent.
    expectLockedDown(loadManagedPolicy({ ProgramData: dir }, 'win32'), /cannot be read \(ENOTDIR\)/);
  });
});
