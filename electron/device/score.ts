import type { DeviceCheck, DeviceSeverity } from './types';

// The device score: the severity-weighted share of decided checks that pass. Unknown checks are left out (and
// counted separately), so a machine Bastion cannot read is not scored as safe or as unsafe.

export const SEVERITY_WEIGHT: Record<DeviceSeverity, number> = { low: 1, medium: 2, high: 3, critical: 4 };

export function scoreChecks(checks: readonly DeviceCheck[]): { score: number | null; unknown: number } {
  let passed = 0;
  let total = 0;
  let unknown = 0;
  for (const c of checks) {
    if (c.status === 'unknown') {
      unknown++;
      continue;
    }
    total += SEVERITY_WEIGHT[c.severity];
    if (c.status === 'pass') passed += SEVERITY_WEIGHT[c.severity];
  }
  return { score: total === 0 ? null : Math.round((100 * passed) / total), unknown };
}
