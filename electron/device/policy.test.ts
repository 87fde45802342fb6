import { describe, expect, it } from 'vitest';
import { result } from './check-info';
import { ManagedPolicy } from '../managed';
import { applyDevicePolicy } from './policy';
import type { DeviceReport } from './types';

const report: DeviceReport = {
  os: 'linux',
  checks: [
    result('disk_encryption', { status: 'fail', evidence: [], reason: '' }),
    result('firewall', { status: 'unknown', evidence: [], reason: '' }),
    result('ssh_keys', { status: 'pass', evidence: [], reason: '' }),
  ],
  score: 50,
  unknown: 1,
};

describe('device policy', () => {
  it("the managed policy's device section validates strictly: known check ids only, no unknown keys", () => {
    expect(ManagedPolicy.parse({ device: { require: ['disk_encryption'] } }).device).toEqual({ require: ['disk_encryption'] });
    expect(ManagedPolicy.safeParse({ device: { require: ['disk_encrypton'] } }).success).toBe(false);
    expect(ManagedPolicy.safeParse({ device: { requires: [] } }).success).toBe(false);
  });

  it('marks required checks and lists those not passing (unknown counts as unmet), leaving the input alone', () => {
    const out = applyDevicePolicy(report, ['disk_encryption', 'firewall', 'ssh_keys']);
    expect(out.unmet).toEqual(['disk_encryption', 'firewall']);
    expect(out.report.checks.map((c) => c.required)).toEqual([true, true, true]);
    expect(report.checks.some((c) => c.required)).toBe(false);
    expect(applyDevicePolicy(report, []).unmet).toEqual([]);
  });
});
