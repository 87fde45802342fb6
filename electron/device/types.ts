import { z } from 'zod';
import { CHECK_IDS } from '../vocabulary';

// The device-health report's shape. Zod because the CLI prints it as JSON and IPC carries it to the renderer: both
// validate it at their boundary. Pure (no Node imports) so the renderer may import the types.

export { CHECK_IDS };
export const CheckId = z.enum(CHECK_IDS);
export type CheckId = z.infer<typeof CheckId>;

export const DEVICE_OSES = ['linux', 'macos', 'windows'] as const;
export const DeviceOs = z.enum(DEVICE_OSES);
export type DeviceOs = z.infer<typeof DeviceOs>;

export const CheckStatus = z.enum(['pass', 'fail', 'unknown']);
export type CheckStatus = z.infer<typeof CheckStatus>;

/** Same scale as the vault's findings, so the first screen can combine both. */
export const DeviceSeverity = z.enum(['low', 'medium', 'high', 'critical']);
export type DeviceSeverity = z.infer<typeof DeviceSeverity>;

const path = z.string().min(1).max(4096);

/**
 * What the user may do about a failing check. Names match the permission layer's catalog entries the lead adds:
 * fix_file_permissions (chmod 600, undo restores the mode), delete_plaintext_export (trash by default, or
 * overwrite-then-unlink, irreversible), open_settings_page (opens the OS panel or shows the command to run).
 */
export const DeviceAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('fix_file_permissions'), path }).strict(),
  z.object({ action: z.literal('delete_plaintext_export'), path, format: z.string() }).strict(),
  z.object({ action: z.literal('open_settings_page'), checkId: CheckId }).strict(),
]);
export type DeviceAction = z.infer<typeof DeviceAction>;

export const DeviceCheck = z
  .object({
    id: CheckId,
    title: z.string(),
    status: CheckStatus,
    /** How bad a failure of this check is (for a pass: how bad it would be). Weighs the score. */
    severity: DeviceSeverity,
    /** What was read, one line each (paths, modes, setting values, command outputs summarised). Never a secret. */
    evidence: z.array(z.string()),
    /** Why this status: for a fail why it matters, for unknown what could not be read and why. */
    reason: z.string(),
    /** How to fix it, in words (empty for a pass). */
    fix: z.string(),
    actions: z.array(DeviceAction),
    /** The OSes this check is implemented for. */
    os: z.array(DeviceOs),
    /** Set by applyDevicePolicy: the organisation's managed policy requires this check to pass. */
    required: z.boolean().optional(),
  })
  .strict();
export type DeviceCheck = z.infer<typeof DeviceCheck>;

export const DeviceReport = z
  .object({
    os: DeviceOs,
    checks: z.array(DeviceCheck),
    /** 0–100 over pass/fail weighted by severity; null when no check could tell (all unknown). */
    score: z.number().int().min(0).max(100).nullable(),
    /** How many checks were left out of the score because their status is unknown. */
    unknown: z.number().int().min(0),
  })
  .strict();
export type DeviceReport = z.infer<typeof DeviceReport>;
