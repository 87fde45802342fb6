import { unknown } from './check-info';
import { checkBastionData } from './checks/bastion-data';
import { checkCredentialFiles } from './checks/credential-files';
import { checkDiskEncryption } from './checks/disk-encryption';
import { type ExportScanLimits } from './checks/export-scan';
import { checkFirewall } from './checks/firewall';
import { checkPlaintextExports } from './checks/plaintext-exports';
import { checkScreenLock } from './checks/screen-lock';
import { checkSshKeys } from './checks/ssh-keys';
import { checkUpdates } from './checks/updates';
import type { Host } from './host';
import { errCode } from './read';
import { scoreChecks } from './score';
import { CHECK_IDS, type CheckId, type DeviceCheck, type DeviceReport } from './types';

// Runs the eight checks (concurrently: most of the time is spent waiting on commands) and scores them. A check that
// throws is reported as unknown with the error's code, never allowed to sink the whole report.

export interface DeviceCheckOptions {
  /** Bastion's data folder, as the caller resolved it (--data-dir, BASTION_DATA_DIR or the OS default). */
  dataDir: string;
  /** More folders to scan for plaintext exports: the folder a vault was just imported from. */
  extraExportDirs?: readonly string[];
  /** Only these checks (default: all). */
  only?: readonly CheckId[];
  exportScanLimits?: ExportScanLimits;
}

export async function runDeviceChecks(host: Host, opts: DeviceCheckOptions): Promise<DeviceReport> {
  const run: Record<CheckId, () => Promise<DeviceCheck>> = {
    disk_encryption: () => checkDiskEncryption(host),
    screen_lock: () => checkScreenLock(host),
    firewall: () => checkFirewall(host),
    system_updates: () => checkUpdates(host),
    ssh_keys: () => checkSshKeys(host),
    credential_files: () => checkCredentialFiles(host),
    plaintext_exports: () => checkPlaintextExports(host, { extraDirs: opts.extraExportDirs ?? [], ...(opts.exportScanLimits ? { limits: opts.exportScanLimits } : {}) }),
    bastion_data: () => checkBastionData(host, { dataDir: opts.dataDir }),
  };
  const ids = CHECK_IDS.filter((id) => !opts.only || opts.only.includes(id));
  const checks = await Promise.all(ids.map((id) => run[id]().catch((e: unknown) => unknown(id, `The check stopped with an error (${errCode(e)}).`))));
  return { os: host.os, checks, ...scoreChecks(checks) };
}
