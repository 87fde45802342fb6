import { z } from 'zod';
import { CheckId, type DeviceReport } from './types';

// The managed policy's `device` section, defined here so electron/managed can plug it into its strict schema as
// `device: DevicePolicy.optional()`. Admins require checks; the UI shows a required check as "required by your
// organisation". Denying the fix actions needs no new key: actions.deny lists fix_file_permissions,
// delete_plaintext_export or open_settings_page once the catalog has them.

export const DevicePolicy = z
  .object({
    require: z.array(CheckId).optional().describe('Device checks the organisation requires to pass; shown as "required by your organisation".'),
  })
  .strict();
export type DevicePolicy = z.infer<typeof DevicePolicy>;

export interface PolicyOutcome {
  report: DeviceReport;
  /** Required checks that do not pass (fail or unknown): what an admin dashboard or the first screen flags. */
  unmet: CheckId[];
}

/** Marks the required checks in a report (a new object; the input is not changed). */
export function applyDevicePolicy(report: DeviceReport, required: readonly CheckId[]): PolicyOutcome {
  const want = new Set(required);
  const checks = report.checks.map((c) => (want.has(c.id) ? { ...c, required: true } : c));
  return { report: { ...report, checks }, unmet: checks.filter((c) => c.required && c.status !== 'pass').map((c) => c.id) };
}
