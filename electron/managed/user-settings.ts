import { z } from 'zod';
import { ACTION_NAMES, RISK_TIERS, type ActionName } from '../permissions';
import { TIER_RULES } from './schema';

// The user's own settings (settings table, one JSON value per key). Each is validated on write and on read; the
// managed policy is applied over them by mergeSettings, so nothing here can loosen what the policy sets.

const actionList = z.array(z.enum(ACTION_NAMES as [ActionName, ...ActionName[]]));

export const SETTING_SCHEMAS = {
  'models.allowDownloads': z.boolean(),
  'actions.allow': actionList,
  'actions.deny': actionList,
  'actions.tiers': z.object(Object.fromEntries(RISK_TIERS.map((t) => [t, z.enum(TIER_RULES).optional()]))).strict(),
  'actions.maxBatch': z.number().int().min(1).max(1000),
  'actions.allowRemember': z.boolean(),
  'actions.allowNonInteractive': z.boolean(),
  'history.enabled': z.boolean(),
  /** null: keep history until cleared. */
  'history.retentionDays': z.number().int().min(1).max(3650).nullable(),
  'knowledge.folders': z.array(z.string().min(1).max(4096)),
  'hotkey.enabled': z.boolean(),
  'hotkey.accelerator': z.string().min(1).max(100),
  'updates.enabled': z.boolean(),
  /** The embedding model for hybrid knowledge search (a GGUF path); absent or null: keyword search only. */
  'knowledge.embedModel': z.string().min(1).max(4096).nullable(),
  /** Seconds before a copied password is cleared from the clipboard (if the clipboard still holds it). */
  'clipboard.clearSeconds': z.number().int().min(5).max(600),
  'ui.theme': z.enum(['system', 'light', 'dark']),
} as const;

export const DEFAULT_CLIPBOARD_CLEAR_SECONDS = 30;

export type SettingKey = keyof typeof SETTING_SCHEMAS;
export const SETTING_KEYS = Object.keys(SETTING_SCHEMAS) as SettingKey[];
export type UserSettings = { -readonly [K in SettingKey]?: z.infer<(typeof SETTING_SCHEMAS)[K]> };

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTING_SCHEMAS, key);
}
