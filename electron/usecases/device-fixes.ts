import {
  defaultFixContext,
  fixFilePermissions,
  osOf,
  overwriteAndUnlink,
  plaintextExportFormat,
  realHost,
  restoreFilePermissions,
  restoreFromTrash,
  SETTINGS_URI_SCHEMES,
  settingsPageFor,
  moveToTrash,
  type FixContext,
  type TrashEntry,
} from '../device';
import type { DeviceFixes } from '../permissions';
import { CHECK_IDS, type CheckId } from '../vocabulary';

// The device-health fixes as the permission layer's port: the gate decides and audits, electron/device acts. A
// settings URI is opened only for the OS settings schemes; everything else is shown as a command to run.

export function deviceFixes(env: NodeJS.ProcessEnv, openUri?: (uri: string) => Promise<void>, fix: FixContext = { ...defaultFixContext(), env, home: env.HOME ?? defaultFixContext().home }): DeviceFixes {
  const host = realHost(env);
  const os = osOf(process.platform);
  return {
    makePrivate: (path) => fixFilePermissions(path, fix),
    restoreMode: (path, oldMode) => void restoreFilePermissions(path, oldMode, fix),
    plaintextExportFormat: (path) => plaintextExportFormat(host, path),
    trash: (path) => {
      const entry = moveToTrash(path, fix);
      return { trashedPath: entry.trashedPath, entry: { ...entry } };
    },
    restoreTrashed: (entry) => restoreFromTrash(entry as unknown as TrashEntry, fix),
    overwriteAndDelete: (path) => ({ bytesOverwritten: overwriteAndUnlink(path, fix).bytesOverwritten }),
    settingsTarget: (checkId) => ((CHECK_IDS as readonly string[]).includes(checkId) && os ? settingsPageFor(checkId as CheckId, os) : null),
    ...(openUri
      ? {
          openSettings: async (uri: string) => {
            if (!SETTINGS_URI_SCHEMES.some((s) => uri.startsWith(s))) throw new Error(`Refusing to open ${uri}: not a system settings address.`);
            await openUri(uri);
          },
        }
      : {}),
  };
}
