import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Settings, type SettingsT } from './contract';

// The desktop app's own preferences (theme, hotkey, history switch, knowledge folders), one small JSON file in the
// data dir written with write-then-rename. Managed policy is applied on top by the handlers; it is never stored here.

export const SETTINGS_FILE = 'desktop-settings.json';
export const DEFAULT_SETTINGS: SettingsT = {
  historyEnabled: true,
  hotkey: 'CommandOrControl+Shift+Space',
  hotkeyEnabled: true,
  knowledgeFolders: [],
  theme: 'system',
};

export interface SettingsStore {
  get(): SettingsT;
  set(patch: Partial<SettingsT>): SettingsT;
}

export function createSettingsStore(dataDir: string): SettingsStore {
  const path = join(dataDir, SETTINGS_FILE);
  let current: SettingsT | undefined;
  const load = (): SettingsT => {
    if (current) return current;
    if (!existsSync(path)) return (current = { ...DEFAULT_SETTINGS });
    // A damaged file falls back to defaults field by field rather than locking the user out of the app.
    let raw: unknown = {};
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      raw = {};
    }
    const parsed = Settings.partial().safeParse(raw);
    return (current = { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}) });
  };
  return {
    get: () => ({ ...load() }),
    set(patch) {
      const next = Settings.parse({ ...load(), ...z.object({}).loose().parse(patch) });
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
      renameSync(tmp, path);
      current = next;
      return { ...next };
    },
  };
}
