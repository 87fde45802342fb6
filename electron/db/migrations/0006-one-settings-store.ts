import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SqliteDb } from '../../../native';
import type { Migration } from '../migration';

// One settings store. Before this, settings lived in four places: the `settings` table, `assistant_setting`
// (`bastion history off` wrote only there), `kb_folders` (CLI knowledge folders, invisible to the app) and the
// desktop app's desktop-settings.json (its theme). Every old value is carried into `settings`, as the JSON the
// settings store validates per key; the two old tables go. A value the user set in both places keeps the stricter
// reading for history (off wins) and the union for folders.

/** The desktop app's old preferences file, beside the database. Only its theme was ever used. */
export const OLD_DESKTOP_SETTINGS = 'desktop-settings.json';

function upsert(db: SqliteDb, key: string, value: unknown): void {
  db.prepare('insert into settings (key, value, updated_at) values (?, ?, ?) on conflict(key) do update set value = excluded.value, updated_at = excluded.updated_at').run(
    key,
    JSON.stringify(value),
    Date.now(),
  );
}

function current(db: SqliteDb, key: string): unknown {
  const row = db.prepare<{ value: string }>('select value from settings where key = ?').get(key);
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return undefined;
  }
}

function oldTheme(db: SqliteDb): string | null {
  if (!db.name || db.name === ':memory:') return null;
  const file = join(dirname(db.name), OLD_DESKTOP_SETTINGS);
  if (!existsSync(file)) return null;
  try {
    const theme = (JSON.parse(readFileSync(file, 'utf8')) as { theme?: unknown }).theme;
    return theme === 'light' || theme === 'dark' || theme === 'system' ? theme : null;
  } catch {
    return null; // a damaged file held nothing worth keeping
  }
}

export const m0006: Migration = {
  version: 6,
  name: 'one-settings-store',
  up(db) {
    const history = db.prepare<{ value: string }>("select value from assistant_setting where key = 'history.enabled'").get();
    if (history?.value === 'off') upsert(db, 'history.enabled', false);

    const folders = db.prepare<{ dir: string }>('select dir from kb_folders order by dir').all().map((r) => r.dir);
    if (folders.length) {
      const before = current(db, 'knowledge.folders');
      const kept = Array.isArray(before) ? before.filter((f): f is string => typeof f === 'string') : [];
      upsert(db, 'knowledge.folders', [...new Set([...kept, ...folders])]);
    }

    const embed = db.prepare<{ value: string }>("select value from kb_settings where key = 'embed_model'").get();
    if (embed) {
      upsert(db, 'knowledge.embedModel', embed.value);
      db.prepare("delete from kb_settings where key = 'embed_model'").run();
    }

    const theme = oldTheme(db);
    if (theme && theme !== 'system') upsert(db, 'ui.theme', theme);

    db.exec('drop table assistant_setting; drop table kb_folders;');
  },
};
