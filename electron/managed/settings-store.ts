import type { Store } from '../db';
import { BastionError } from '../core';
import { loadManagedPolicy } from './load';
import { mergeSettings, type EffectiveSettings } from './merge';
import type { ManagedPolicy } from './schema';
import { SETTING_KEYS, SETTING_SCHEMAS, isSettingKey, type SettingKey, type UserSettings } from './user-settings';

// The settings table (migration 0005). Values are JSON, validated per key on write and on read: a value that no longer
// validates (edited by hand, or from an older build) is ignored rather than trusted.

export function readUserSettings(store: Store): UserSettings {
  const rows = store.db.prepare<{ key: string; value: string }>('select key, value from settings').all();
  const out: Record<string, unknown> = {};
  for (const { key, value } of rows) {
    if (!isSettingKey(key)) continue;
    const parsed = SETTING_SCHEMAS[key].safeParse(safeJson(value));
    if (parsed.success) out[key] = parsed.data;
  }
  return out as UserSettings;
}

export function setUserSetting(store: Store, key: string, value: unknown, now = Date.now()): void {
  if (!isSettingKey(key)) throw new BastionError('BAD_INPUT', `Unknown setting "${key}"; known settings: ${SETTING_KEYS.join(', ')}.`);
  const parsed = SETTING_SCHEMAS[key as SettingKey].safeParse(value);
  if (!parsed.success) throw new BastionError('BAD_INPUT', `Setting ${key}: ${parsed.error.issues[0]?.message ?? 'invalid value'}.`);
  store.db
    .prepare('insert into settings (key, value, updated_at) values (?, ?, ?) on conflict(key) do update set value = excluded.value, updated_at = excluded.updated_at')
    .run(key, JSON.stringify(parsed.data), now);
}

export function resetUserSetting(store: Store, key: string): boolean {
  if (!isSettingKey(key)) throw new BastionError('BAD_INPUT', `Unknown setting "${key}"; known settings: ${SETTING_KEYS.join(', ')}.`);
  return store.db.prepare('delete from settings where key = ?').run(key).changes > 0;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The settings in force: the machine's managed policy (locked down when invalid) over this store's user settings. */
export function effectiveSettings(store: Store, policy: ManagedPolicy = loadManagedPolicy().policy): EffectiveSettings {
  return mergeSettings(policy, readUserSettings(store));
}
