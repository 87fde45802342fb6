// The vault capability's face: import (engine half; parsing is in ./importers), report, sources, finding state.
export { importVault, importItems, IMPORT_PHASES, type ImportPhase, type ImportVaultOptions } from './import';
export type { FirstReport } from './first-report';
export { buildReport, type ReportOptions } from './report';
export { cachedReport, cachedReportJson, cachedVaultHealth, type KeptViewOptions } from './kept-views';
export {
  nextStep,
  readItemHealth,
  readVaultHealth,
  type HealthItem,
  type ItemFinding,
  type ItemHealthDetail,
  type NextStep,
  type PlanEntry,
  type VaultHealth,
} from './health';
export { listHealthHistory, recordHealthSnapshot, type HealthSnapshot } from './store/history';
export { getItemRef, listSources, forgetSource } from './store/items';
export { listItemSummaries, type ItemSummary } from './item-list';
export {
  addExclusion,
  removeExclusion,
  listExclusions,
  snoozeFinding,
  markResolved,
  clearFindingState,
} from './store/state';
export { importBreachCorpus, type BreachImportSummary } from './breach';
/** A KDBX key file read the bounded way (regular file, ≤ 1 MiB, FIFOs refused): for adapters that read --key-file. */
export { readKeyFile } from './importers/safe-read';
/** The zxcvbn worker pool: start it ahead of an import (the app at start-up), close it on quit. */
export { warmStrengthPool, disposeStrengthPool } from './analysis/strength-pool';
export { TWO_FACTOR_DOMAINS } from './analysis/two-factor';
export {
  FINDING_KINDS,
  isFindingKind,
  type Exclusion,
  type Finding,
  type FindingKind,
  type ImportSummary,
  type ItemRef,
  type Report,
  type Severity,
  type SourceInfo,
  type SuppressedFinding,
} from './model';
/** Registers hash-wasm's Argon2 with kdbxweb (fixture writers need it to save KDBX 4). */
export { installArgon2 as installKdbxArgon2 } from './importers/argon2';
/** Which export a file is, from its content only (device health uses it to find leftover plaintext exports). */
// From its own module: the importers' face would link every importer (and kdbxweb) into every command.
export { detectFormat } from './importers/detect';
export { IMPORT_FORMATS, type ImportFormat, type ItemKind, type ImportedItem, type ImportResult } from './types';
