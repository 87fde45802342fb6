import type { Store } from '../db';
import { SETTING_KEYS, isAuditTable, type UserSettings } from '../managed';
import { backupsBeside, scanDataDir, type FoundFile } from './files-scan';
import { FILES, OUTSIDE } from './files';
import { measureTables, type TableSize } from './measure';
import { coverageProblems, readSchema } from './schema';
import { SETTING_NEVER, SETTING_REMOVE, SETTING_RETENTION, SETTINGS } from './settings';
import { TABLES } from './tables';
import { NEVER_KEPT, type Described, type FileDoc, type OutsideDoc } from './types';

// `bastion data`: the inventory with this machine's numbers — every table with its rows and bytes, every file in the
// data dir with its size, the backups beside imported vaults, which settings are set — and anything found that the
// inventory does not describe.

export interface TableEntry extends Described {
  name: string;
  /** False for a described table this database does not have (yet): created at run time, or no database. */
  present: boolean;
  rows: number;
  rowsEstimated: boolean;
  bytes: number | null;
  /** Kept by `bastion wipe` (the audit trail). */
  keptOnWipe: boolean;
  columns: { name: string; type: string | null; holds: string }[];
}

export interface FileEntry extends FileDoc {
  found: FoundFile[];
  bytes: number;
}

export interface OutsideEntry extends OutsideDoc {
  found: FoundFile[];
}

export interface SettingEntry {
  key: string;
  holds: string;
  never: string[];
  retention: string;
  remove: string;
  /** You have set it (otherwise the default, or the managed policy, applies). */
  set: boolean;
  /** The managed policy fixes or bounds it. */
  managed: boolean;
}

export interface DataInventory {
  dataDir: string;
  /** Bytes of everything in the data dir. */
  totalBytes: number;
  neverKept: string[];
  tables: TableEntry[];
  files: FileEntry[];
  outside: OutsideEntry[];
  settings: SettingEntry[];
  /** Found here but not described by the inventory (a newer build's table, a file someone else put there). */
  undescribed: { tables: string[]; files: FoundFile[]; problems: string[] };
}

export interface InventoryInput {
  dataDir: string;
  /** The open store, or null when this data dir has no database. */
  store: Store | null;
  user: UserSettings;
  managedKeys: readonly string[];
}

export function takeInventory(input: InventoryInput): DataInventory {
  const { dataDir, store } = input;
  const live = store ? readSchema(store.db) : [];
  const sizes = store ? measureTables(store.db, live) : new Map<string, TableSize>();
  const tables: TableEntry[] = Object.entries(TABLES).map(([name, doc]) => {
    const l = live.find((t) => t.name === name);
    const size = sizes.get(name);
    const { columns, createdAtRuntime: _runtime, ...described } = doc;
    return {
      name,
      ...described,
      present: Boolean(l),
      rows: size?.rows ?? 0,
      rowsEstimated: size?.rowsEstimated ?? false,
      bytes: size?.bytes ?? (l ? null : 0),
      keptOnWipe: isAuditTable(name),
      columns: Object.entries(columns).map(([c, holds]) => ({ name: c, type: l?.columns.find((x) => x.name === c)?.type ?? null, holds })),
    };
  });
  const scan = scanDataDir(dataDir, FILES);
  const files: FileEntry[] = FILES.map((doc, i) => ({ ...doc, found: scan.matched[i]!, bytes: scan.matched[i]!.reduce((n, f) => n + f.bytes, 0) }));
  const sources = store ? store.db.prepare<{ path: string }>('select path from vault_sources').all().map((r) => r.path) : [];
  const outside: OutsideEntry[] = OUTSIDE.map((doc) => ({ ...doc, found: doc.id === 'vault_backups' ? backupsBeside(sources) : [] }));
  const settings: SettingEntry[] = SETTING_KEYS.map((key) => ({
    key,
    holds: SETTINGS[key].holds,
    never: SETTINGS[key].never ?? SETTING_NEVER,
    retention: SETTING_RETENTION,
    remove: SETTING_REMOVE.replace('KEY', key),
    set: Object.hasOwn(input.user, key),
    managed: input.managedKeys.includes(key),
  }));
  const described = new Set(Object.keys(TABLES));
  return {
    dataDir,
    totalBytes: [...files, { bytes: scan.undescribed.reduce((n, f) => n + f.bytes, 0) }].reduce((n, f) => n + f.bytes, 0),
    neverKept: [...NEVER_KEPT],
    tables,
    files,
    outside,
    settings,
    undescribed: { tables: live.filter((t) => !described.has(t.name)).map((t) => t.name), files: scan.undescribed, problems: store ? coverageProblems(live) : [] },
  };
}
