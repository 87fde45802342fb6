// What Bastion keeps, described once: every table and column (checked against the migrated schema), every file in the
// data dir and beside it, every setting — what each holds, never holds, how long it is kept and how to delete it.
// `bastion data`, the app's data:inventory channel and docs/data-inventory.md are all rendered from here.
export { AREAS, NEVER_KEPT, type Area, type Described, type FileDoc, type OutsideDoc, type SettingDoc, type TableDoc } from './types';
export { TABLES } from './tables';
export { FILES, OUTSIDE } from './files';
export { SETTINGS } from './settings';
export { coverageProblems, migratedSchema, readSchema, type LiveColumn, type LiveTable } from './schema';
export { BACKUP_INFIX, matchFile, scanDataDir, type FoundFile } from './files-scan';
export { takeInventory, type DataInventory, type FileEntry, type InventoryInput, type OutsideEntry, type SettingEntry, type TableEntry } from './take';
export { INVENTORY_DOC, renderInventoryMarkdown } from './markdown';
