import { BastionError } from '../core';
import {
  readUserSettings,
  resetUserSetting,
  setUserSetting,
  SETTING_SCHEMAS,
  type EffectiveSettings,
  type SettingKey,
  type UserSettings,
} from '../managed';
import { record } from './audit';

export { SETTING_KEYS } from '../managed';
import type { UseCaseContext } from './context';

// The one settings store (the `settings` table), read and written only here. The managed policy is merged over the
// user's values by a pure function (managed/merge); this layer refuses the changes the policy forbids outright and
// records every change in the audit log.

/** The settings a person changes in the app (and the CLI's `settings`, `history`, `kb folders`). */
export interface AppSettings {
  historyEnabled: boolean;
  hotkey: string;
  hotkeyEnabled: boolean;
  /** The organisation's folders first, then the user's own. */
  knowledgeFolders: string[];
  theme: 'system' | 'light' | 'dark';
  clipboardClearSeconds: number;
  /** Setting keys the managed policy fixes or bounds. */
  managed: string[];
}

export type SettingsPatch = Partial<Omit<AppSettings, 'managed'>>;

export function appSettings(e: EffectiveSettings): AppSettings {
  return {
    historyEnabled: e.history.enabled,
    hotkey: e.hotkey.accelerator,
    hotkeyEnabled: e.hotkey.enabled,
    knowledgeFolders: [...new Set([...e.knowledge.managedFolders, ...e.knowledge.userFolders])],
    theme: e.ui.theme,
    clipboardClearSeconds: e.clipboard.clearSeconds,
    managed: e.managed,
  };
}

export function readSettings(ctx: UseCaseContext): AppSettings {
  return appSettings(ctx.settings());
}

/** The raw user values and what is in force (`bastion settings get`). */
export function readUserAndEffective(ctx: UseCaseContext): { user: UserSettings; effective: EffectiveSettings } {
  return { user: readUserSettings(ctx.store()), effective: ctx.settings() };
}

/** Refuses what the policy forbids outright (rather than storing a value that would silently not apply). */
function assertAllowed(before: EffectiveSettings, key: SettingKey, value: unknown): void {
  if (key === 'history.enabled' && value === true && before.managed.includes('history.enabled') && !before.history.enabled) {
    throw new BastionError('POLICY_DENIED', "Chat history is turned off by your organisation's policy.");
  }
  if (key === 'knowledge.folders' && Array.isArray(value) && value.length > 0 && !before.knowledge.allowUserDocuments) {
    throw new BastionError('POLICY_DENIED', "Adding your own knowledge folders is turned off by your organisation's policy.");
  }
}

/** Validates, applies the policy's hard limits, stores and audits one setting. */
export function writeSetting(ctx: UseCaseContext, key: string, value: unknown): { key: SettingKey; managed: boolean; effective: EffectiveSettings } {
  if (!Object.hasOwn(SETTING_SCHEMAS, key)) throw new BastionError('BAD_INPUT', `Unknown setting "${key}"; known settings: ${Object.keys(SETTING_SCHEMAS).join(', ')}.`);
  const k = key as SettingKey;
  assertAllowed(ctx.settings(), k, value);
  const store = ctx.store();
  store.db.transaction(() => {
    setUserSetting(store, k, value, ctx.now());
    record(ctx, { event: 'setting_changed', detail: { setting: k, value } });
  })();
  const effective = ctx.settings();
  return { key: k, managed: effective.managed.includes(k), effective };
}

export function resetSetting(ctx: UseCaseContext, key: string): boolean {
  const store = ctx.store();
  return store.db.transaction(() => {
    const removed = resetUserSetting(store, key);
    if (removed) record(ctx, { event: 'setting_changed', detail: { setting: key, value: null, reset: true } });
    return removed;
  })();
}

/** The app's Settings screen: several fields at once, each through writeSetting. */
export function updateSettings(ctx: UseCaseContext, patch: SettingsPatch): AppSettings {
  const before = ctx.settings();
  if (patch.historyEnabled !== undefined) writeSetting(ctx, 'history.enabled', patch.historyEnabled);
  if (patch.hotkey !== undefined) writeSetting(ctx, 'hotkey.accelerator', patch.hotkey);
  if (patch.hotkeyEnabled !== undefined) writeSetting(ctx, 'hotkey.enabled', patch.hotkeyEnabled);
  if (patch.theme !== undefined) writeSetting(ctx, 'ui.theme', patch.theme);
  if (patch.clipboardClearSeconds !== undefined) writeSetting(ctx, 'clipboard.clearSeconds', patch.clipboardClearSeconds);
  if (patch.knowledgeFolders !== undefined) {
    // The organisation's folders are shown in the same list but are not the user's to store or remove.
    const own = patch.knowledgeFolders.map((f) => ctx.path(f)).filter((f) => !before.knowledge.managedFolders.includes(f));
    writeSetting(ctx, 'knowledge.folders', [...new Set(own)]);
  }
  return readSettings(ctx);
}
