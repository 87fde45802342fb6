import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The one directory Bastion keeps data in. Matches Electron's app.getPath('userData') for an app named "Bastion",
 * so the CLI and the desktop app share a store. `--data-dir` beats BASTION_DATA_DIR beats the OS default.
 */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (flag) return resolve(flag);
  if (env.BASTION_DATA_DIR) return resolve(env.BASTION_DATA_DIR);
  return join(osAppDataDir(env, platform), 'Bastion');
}

function osAppDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  switch (platform) {
    case 'win32':
      return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support');
    default:
      return env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
  }
}
