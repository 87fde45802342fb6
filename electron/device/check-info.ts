import type { CheckId, CheckStatus, DeviceAction, DeviceCheck, DeviceOs, DeviceSeverity } from './types';

// Per-check constants (title, default severity, supported OSes) and one constructor, so every check reports the same
// shape and no check can forget a field.

interface CheckInfo {
  title: string;
  severity: DeviceSeverity;
  os: DeviceOs[];
}

const ALL: DeviceOs[] = ['linux', 'macos', 'windows'];

export const CHECK_INFO: Record<CheckId, CheckInfo> = {
  disk_encryption: { title: 'Full-disk encryption of the disk holding your home folder', severity: 'high', os: ALL },
  screen_lock: { title: 'Screen locks when idle', severity: 'medium', os: ALL },
  firewall: { title: 'Firewall is on', severity: 'medium', os: ALL },
  system_updates: { title: 'Security updates install automatically', severity: 'high', os: ALL },
  ssh_keys: { title: 'SSH private keys have a passphrase and are private', severity: 'high', os: ALL },
  credential_files: { title: 'No plain-text credential files', severity: 'high', os: ALL },
  plaintext_exports: { title: 'No leftover plain-text vault exports', severity: 'critical', os: ALL },
  bastion_data: { title: "Bastion's data folder and policy file are protected", severity: 'high', os: ['linux', 'macos'] },
};

export interface Verdict {
  status: CheckStatus;
  evidence: string[];
  reason: string;
  fix?: string;
  actions?: DeviceAction[];
  /** Overrides the check's default severity (e.g. a key readable by others is worse than one without a passphrase). */
  severity?: DeviceSeverity;
}

export function result(id: CheckId, v: Verdict): DeviceCheck {
  const info = CHECK_INFO[id];
  return {
    id,
    title: info.title,
    status: v.status,
    severity: v.severity ?? info.severity,
    evidence: v.evidence,
    reason: v.reason,
    fix: v.status === 'pass' ? '' : (v.fix ?? ''),
    actions: v.actions ?? [],
    os: info.os,
  };
}

/** Shorthand for the common "cannot tell" verdict. */
export function unknown(id: CheckId, reason: string, evidence: string[] = [], fix = ''): DeviceCheck {
  return result(id, { status: 'unknown', evidence, reason, fix });
}

/** The open_settings_page action for a check whose fix is a setting only the user can change. */
export function settingsAction(id: CheckId): DeviceAction[] {
  return [{ action: 'open_settings_page', checkId: id }];
}

/** A check's per-OS implementations, picked for the host (an OS outside the list is unknown, never guessed). */
export function perOs<H extends { os: DeviceOs }>(id: CheckId, host: H, impl: Record<DeviceOs, (host: H) => Promise<DeviceCheck>>): Promise<DeviceCheck> {
  const run = Object.hasOwn(impl, host.os) ? impl[host.os] : null;
  return run ? run(host) : Promise.resolve(unknown(id, 'Unsupported operating system.'));
}
