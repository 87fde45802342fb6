import { afterEach, describe, expect, it } from 'vitest';
import { runDeviceChecks } from './run';
import { fixtureMachine, FIXTURE_DATA_DIR, type Fixture } from './testing';
import { CHECK_IDS, DeviceReport } from './types';

let fx: Fixture | null = null;
afterEach(() => fx?.cleanup());

describe('runDeviceChecks on whole fixture machines', () => {
  it('a clean machine: every check passes, score 100, nothing unknown', async () => {
    fx = await fixtureMachine(true);
    const r = await runDeviceChecks(fx.host, { dataDir: FIXTURE_DATA_DIR });
    expect(DeviceReport.parse(r)).toEqual(r);
    expect(r.checks.map((c) => c.id)).toEqual([...CHECK_IDS]);
    expect(r.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.reason}`)).toEqual([]);
    expect(r.checks.every((c) => c.actions.length === 0 && c.fix === '')).toBe(true);
    expect(r).toMatchObject({ score: 100, unknown: 0 });
  });

  it('a seeded machine: each seeded problem is reported, score 0', async () => {
    fx = await fixtureMachine(false);
    const r = await runDeviceChecks(fx.host, { dataDir: FIXTURE_DATA_DIR });
    expect(Object.fromEntries(r.checks.map((c) => [c.id, c.status]))).toEqual(Object.fromEntries(CHECK_IDS.map((id) => [id, 'fail'])));
    expect(r).toMatchObject({ score: 0, unknown: 0 });
    const actions = r.checks.flatMap((c) => c.actions);
    expect(actions).toContainEqual({ action: 'fix_file_permissions', path: '/home/alice/.aws/credentials' });
    expect(actions).toContainEqual({ action: 'delete_plaintext_export', path: '/home/alice/Downloads/stuff.json', format: 'bitwarden-json' });
    expect(actions).toContainEqual({ action: 'open_settings_page', checkId: 'firewall' });
  });

  it('runs only the checks asked for, and a check that throws is unknown without quoting the error text', async () => {
    fx = await fixtureMachine(true);
    const readdir = fx.host.fs.readdir;
    fx.host.fs.readdir = (p) => (p.endsWith('/Bastion') ? Promise.reject(new Error('Cnry-in-an-error-message')) : readdir(p));
    const r = await runDeviceChecks(fx.host, { dataDir: FIXTURE_DATA_DIR, only: ['bastion_data', 'ssh_keys'] });
    expect(r.checks.map((c) => [c.id, c.status])).toEqual([
      ['ssh_keys', 'pass'],
      ['bastion_data', 'unknown'],
    ]);
    expect(r.checks[1]!.reason).toBe('Cannot read the permissions: Error.');
    expect(JSON.stringify(r)).not.toContain('Cnry-in-an-error-message');
    expect(r).toMatchObject({ score: 100, unknown: 1 });
  });
});
