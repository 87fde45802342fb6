import type { CheckId, DeviceReport } from './types';

// Applies the managed policy's `device.require` (electron/managed's schema, over the shared check names): admins
// require checks; the UI shows a required check as "required by your organisation". Denying the fix actions needs
// no new key: actions.deny lists fix_file_permissions, delete_plaintext_export or open_settings_page.

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
