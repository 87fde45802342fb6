// The vault capability's face: import (engine half; parsing is in ./importers), report, sources, finding state.
export { importVault, importItems, type ImportVaultOptions } from './import';
export { buildReport, type ReportOptions } from './report';
export { getItemRef, listSources, forgetSource } from './store/items';
export {
  addExclusion,
  removeExclusion,
  listExclusions,
  snoozeFinding,
  markResolved,
  clearFindingState,
} from './store/state';
export { importBreachCorpus, type BreachImportSummary } from './breach';
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
export { IMPORT_FORMATS, type ImportFormat, type ItemKind, type ImportedItem, type ImportResult } from './types';
