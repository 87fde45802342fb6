// The seam between importers (parse a file) and the vault engine (derive features, store, analyse).

export type ItemKind = 'login' | 'note' | 'card' | 'identity';

export { IMPORT_FORMATS, type ImportFormat } from '../vocabulary';
import type { ImportFormat } from '../vocabulary';

/**
 * One entry as an importer read it. `password` is the only secret carried, and only in memory: the engine derives
 * features from it and drops it. TOTP secrets, card numbers and note bodies are never carried at all — importers
 * reduce them to booleans (`hasTotp`) before returning.
 */
export interface ImportedItem {
  /** Stable within the source: the entry's own UUID/id where the format has one, else a hash of its identity. */
  externalId: string;
  kind: ItemKind;
  title: string;
  username: string | null;
  /** http(s) and other URLs as written in the source, primary first. */
  urls: string[];
  /** Folder / group path, e.g. "Root/Work/Email" (KeePass) or a Bitwarden folder name. */
  group: string | null;
  created: Date | null;
  modified: Date | null;
  /** When the password last changed, where the format records it (KeePass history, 1Password passwordHistory…). */
  passwordChanged: Date | null;
  hasTotp: boolean;
  /**
   * The source vault itself keeps this item out of its reports (KeePassXC "Exclude from database reports"). Such
   * items are analysed, and their findings listed as excluded by the vault, never dropped.
   */
  excludeFromReports?: boolean;
  /** Transient: never stored, logged or sent to a model. */
  password: string | null;
}

export interface SkippedEntry {
  /** Why, in one phrase that names the entry (never its secret). */
  reason: string;
  /** The 1-based line the entry starts on, for line-based formats (CSV). */
  line?: number;
}

export interface ImportResult {
  format: ImportFormat;
  items: ImportedItem[];
  skipped: SkippedEntry[];
}

export interface ImportOptions {
  /** KDBX master password (from --password-env or a prompt). */
  password?: string;
  /** KDBX key file contents. */
  keyFile?: Uint8Array;
  /** Where the key file is: read from here (bounded) when `keyFile` is not given, and named in key-file errors. */
  keyFilePath?: string;
}

export type LengthClass = 'short' | 'medium' | 'long' | 'very_long';
/** 0 = not found; 1 = in the shipped common-password list; 2 = in the imported HIBP corpus. */
export type Exposure = 0 | 1 | 2;

/** What is kept of an item: everything but the secret. */
export interface DerivedItem {
  id: string;
  sourceId: string;
  externalId: string;
  kind: ItemKind;
  title: string;
  username: string | null;
  urls: string[];
  site: string | null;
  group: string | null;
  createdMs: number | null;
  modifiedMs: number | null;
  passwordChangedMs: number | null;
  hasTotp: boolean;
  hasPassword: boolean;
  strength: number | null;
  guessesLog10: number | null;
  lengthClass: LengthClass | null;
  fingerprint: Buffer | null;
  exposed: Exposure;
  breachCount: number | null;
}
