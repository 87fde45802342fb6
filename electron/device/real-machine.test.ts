import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realHost } from './host-real';
import { runDeviceChecks } from './run';
import { CHECK_IDS, DeviceReport } from './types';

// The real run on this machine (CI: Debian in a container). Whatever the machine is like, every check must come back
// with a status, evidence and a reason, and the report must match its schema. What the statuses are is the machine's
// business: many are honestly unknown here (no desktop, no systemd).

describe('device checks on this machine', () => {
  it('does not crash and gives every check a status with a reason', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bastion-data-'));
    try {
      const report = await runDeviceChecks(realHost(), { dataDir });
      expect(DeviceReport.parse(report)).toEqual(report);
      expect(report.checks.map((c) => c.id)).toEqual([...CHECK_IDS]);
      for (const c of report.checks) {
        expect(['pass', 'fail', 'unknown']).toContain(c.status);
        expect(c.reason.length, c.id).toBeGreaterThan(10);
        if (c.status !== 'unknown') expect(c.evidence.length, c.id).toBeGreaterThan(0);
        // A check that crashed reports this; none may.
        expect(c.reason, c.id).not.toMatch(/stopped with an error/);
      }
      expect(report.unknown).toBe(report.checks.filter((c) => c.status === 'unknown').length);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
