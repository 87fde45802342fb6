// Device health: deterministic posture checks of the computer the vault lives on (disk encryption, screen lock,
// firewall, updates, SSH keys, credential files, leftover plaintext exports, Bastion's own files), read through a
// host port, plus the fix primitives the permission layer's gate executes. Local only: no network, no privileges.
export {
  CHECK_IDS,
  CheckId,
  CheckStatus,
  DEVICE_OSES,
  DeviceAction,
  DeviceCheck,
  DeviceOs,
  DeviceReport,
  DeviceSeverity,
} from './types';
export { CHECK_INFO } from './check-info';
export { ALLOWED_COMMANDS, commandAllowed, osOf, type CommandResult, type FileInfo, type Host, type HostFs, type RunOptions } from './host';
export { realHost } from './host-real';
export { runDeviceChecks, type DeviceCheckOptions } from './run';
export { SEVERITY_WEIGHT, scoreChecks } from './score';
export { EXPORT_SCAN_LIMITS, plaintextExportFormat, type ExportScanLimits } from './checks/export-scan';
export { applyDevicePolicy, type PolicyOutcome } from './policy';
export { defaultFixContext, type FixContext } from './fixes/guard';
export { fixFilePermissions, restoreFilePermissions, type PermissionFix } from './fixes/permissions';
export { moveToTrash, restoreFromTrash, trashDir, type TrashEntry } from './fixes/trash';
export { overwriteAndUnlink, type OverwriteResult } from './fixes/overwrite';
export { SETTINGS_URI_SCHEMES, SettingsTarget, settingsPageFor } from './fixes/settings-page';
