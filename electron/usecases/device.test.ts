import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli';
import { DeviceReport } from '../device';
import { fixtureMachine, FIXTURE_DATA_DIR, type Fixture } from '../device/testing';
import { createContext } from './context';
import { deviceHealth } from './device';

// `bastion device` and the app's Device health screen share deviceHealth: seeded problems reported on a fixture
// machine, nothing on a clean one, the organisation's required checks marked, and a real run here that only reports.

let dir: string;
let fx: Fixture | null = null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-device-uc-'));
});
afterEach(() => {
  fx?.cleanup();
  fx = null;
  rmSync(dir, { recursive: true, force: true });
});

function ctxWith(policy: unknown) {
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(policy));
  return createContext({ dataDir: FIXTURE_DATA_DIR, env: { ...process.env, BASTION_POLICY: join(dir, 'policy.json') } });
}

describe('device health (use case)', () => {
  it('reports each seeded problem, and marks what the organisation requires', async () => {
    fx = await fixtureMachine(false);
    const r = await deviceHealth(ctxWith({ device: { require: ['disk_encryption', 'ssh_keys'] } }), { host: fx.host });
    expect(r.checks.filter((c) => c.status === 'fail').map((c) => c.id).sort()).toEqual(r.checks.map((c) => c.id).sort());
    expect(r.checks.filter((c) => c.required).map((c) => c.id)).toEqual(['disk_encryption', 'ssh_keys']);
    expect(r.unmet).toEqual(['disk_encryption', 'ssh_keys']);
  });

  it('reports nothing on a clean machine', async () => {
    fx = await fixtureMachine(true);
    const r = await deviceHealth(ctxWith({}), { host: fx.host });
    expect(r.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(r).toMatchObject({ score: 100, unmet: [] });
  });

  it('`bastion device --json` on this machine exits 0 with a status and a reason for every check', async () => {
    let out = '';
    let code = 0;
    await runCli(['--data-dir', join(dir, 'data'), '--json', 'device'], { setExitCode: (c) => (code = c), writeErr: () => {}, writeOut: (t) => void (out += t) });
    expect(code).toBe(0);
    const r = DeviceReport.loose().parse(JSON.parse(out));
    expect(r.checks).toHaveLength(8);
    for (const c of r.checks) expect(['pass', 'fail', 'unknown']).toContain(c.status), expect(c.reason.length).toBeGreaterThan(0);
  }, 120_000);
});
