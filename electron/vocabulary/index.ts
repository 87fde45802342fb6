// The words every layer shares: finding kinds, import formats, id formats, action names and their titles. Pure data
// and tiny pure functions (no Node, no zod), so the engine, the CLI, the IPC contract and the renderer all spell them
// the same way and a person never sees an internal id or a snake_case name.

export const FINDING_KINDS = ['weak', 'reused', 'exposed', 'insecure_url', 'missing_2fa', 'duplicate', 'old'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function isFindingKind(s: string): s is FindingKind {
  return (FINDING_KINDS as readonly string[]).includes(s);
}

/** Plural headings ("Weak passwords") for lists, and one item's label ("Weak password") for chips. */
export const FINDING_TITLES: Record<FindingKind, { plural: string; one: string }> = {
  exposed: { plural: 'Exposed passwords', one: 'Exposed password' },
  reused: { plural: 'Reused passwords', one: 'Reused password' },
  weak: { plural: 'Weak passwords', one: 'Weak password' },
  insecure_url: { plural: 'Insecure (http://) login pages', one: 'Insecure login page' },
  missing_2fa: { plural: 'Two-factor authentication not set up', one: 'No two-factor' },
  duplicate: { plural: 'Duplicate entries', one: 'Duplicate entry' },
  old: { plural: 'Old passwords', one: 'Old password' },
};

export const IMPORT_FORMATS = ['kdbx', 'bitwarden-json', '1pux', '1password-csv', 'chrome-csv', 'firefox-csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const FORMAT_TITLES: Record<ImportFormat, string> = {
  kdbx: 'KeePass database',
  'bitwarden-json': 'Bitwarden export',
  '1pux': '1Password export (1PUX)',
  '1password-csv': '1Password CSV export',
  'chrome-csv': 'Chrome or Edge CSV export',
  'firefox-csv': 'Firefox CSV export',
};

// Id formats. Ids are for machines: the UI and the CLI's prose show titles instead.
export const ITEM_ID_PATTERN = '^it_[A-Za-z0-9_-]{6,64}$';
export const GENERATED_ID_PATTERN = '^gen_[A-Za-z0-9_-]{6,64}$';
export const ITEM_ID_RE = new RegExp(ITEM_ID_PATTERN);
export const GENERATED_ID_RE = new RegExp(GENERATED_ID_PATTERN);
/** Any internal id or leaked object text that must never be rendered to a person. */
export const INTERNAL_TEXT_RE = /\b(it|pr|src|gen|cv)_[A-Za-z0-9_-]{6,}|\[object Object\]/;

export const isItemId = (s: string): boolean => ITEM_ID_RE.test(s);

/** The vault item ids an action's arguments name (`itemId` or `itemIds`), for lookups, batch size and provenance. */
export function itemIdsOf(args: Readonly<Record<string, unknown>> | null | undefined): string[] {
  if (!args) return [];
  const ids = [typeof args.itemId === 'string' ? args.itemId : null, ...(Array.isArray(args.itemIds) ? args.itemIds : [])];
  return [...new Set(ids.filter((x): x is string => typeof x === 'string'))];
}

/** The device-health checks (electron/device), named here so the managed policy can require them. */
export const CHECK_IDS = [
  'disk_encryption',
  'screen_lock',
  'firewall',
  'system_updates',
  'ssh_keys',
  'credential_files',
  'plaintext_exports',
  'bastion_data',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export const RISK_TIERS = ['read_only', 'local_state', 'sensitive', 'external', 'file_write', 'vault_write', 'destructive'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

/** What each tier means to a person (the confirm dialog and the audit view say this, never the tier's name). */
export const RISK_TITLES: Record<RiskTier, string> = {
  read_only: 'Changes nothing',
  local_state: "Changes only Bastion's own notes",
  sensitive: 'Touches the clipboard',
  external: 'Opens a web page',
  file_write: 'Writes a file',
  vault_write: 'Changes your password vault',
  destructive: 'Removes an entry',
};

export const ACTION_NAMES = [
  'generate_password',
  'copy_to_clipboard',
  'open_change_password_page',
  'rotate_password',
  'move_to_recycle_bin',
  'export_report',
  'snooze_finding',
  'mark_resolved',
  'fix_file_permissions',
  'delete_plaintext_export',
  'open_settings_page',
] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

export interface ActionInfo {
  risk: RiskTier;
  /** One line for the palette and the confirm dialog's heading. */
  title: string;
  /**
   * Whether the action can be undone through `bastion undo` — for some executions only: export_report when it
   * replaced a file (it keeps a backup), delete_plaintext_export when it moved the file to the trash.
   */
  undoable: boolean;
  /** Its `path` argument names a file it writes: checked when proposed and again when run (permissions/file-target). */
  writesFile?: true;
}

export const ACTION_INFO: Record<ActionName, ActionInfo> = {
  generate_password: { risk: 'read_only', title: 'Generate a strong password', undoable: false },
  copy_to_clipboard: { risk: 'sensitive', title: 'Copy a generated password to the clipboard', undoable: false },
  open_change_password_page: { risk: 'external', title: "Open the site's change-password page", undoable: false },
  rotate_password: { risk: 'vault_write', title: 'Rotate a password in the KeePass vault', undoable: true },
  move_to_recycle_bin: { risk: 'destructive', title: 'Move a KeePass entry to the recycle bin', undoable: true },
  export_report: { risk: 'file_write', title: 'Export the findings report to a file', undoable: true, writesFile: true },
  snooze_finding: { risk: 'local_state', title: 'Snooze a finding', undoable: true },
  mark_resolved: { risk: 'local_state', title: 'Mark a finding as resolved', undoable: true },
  fix_file_permissions: { risk: 'file_write', title: 'Make a file readable by you only', undoable: true },
  // Undoable when moved to the trash (the default); overwriting is irreversible and the dialog says so.
  delete_plaintext_export: { risk: 'destructive', title: 'Delete a plain-text vault export', undoable: true },
  open_settings_page: { risk: 'external', title: 'Open a system settings page', undoable: false },
};

export function isActionName(s: unknown): s is ActionName {
  return typeof s === 'string' && (ACTION_NAMES as readonly string[]).includes(s);
}

/** An action's title for any stored name (an unknown one is shown as "an unknown action", never raw). */
export function actionTitle(name: string): string {
  return isActionName(name) ? ACTION_INFO[name].title : 'An unknown action';
}

// Why Bastion fell back to a safer, plainer path (the `fallback` field of answers, imports, knowledge summaries and
// the policy status), each with the title a person sees.
export const FALLBACK_REASONS = ['no_model', 'model_rejected', 'locked_down', 'document_unreadable', 'entries_skipped'] as const;
export type FallbackReason = (typeof FALLBACK_REASONS)[number];
export const FALLBACK_TITLES: Record<FallbackReason, string> = {
  no_model: 'Answered without a model',
  model_rejected: "The model's output was not used",
  locked_down: 'Locked down by an invalid managed policy',
  document_unreadable: 'Some documents could not be read',
  entries_skipped: 'Some entries were not imported',
};

/** Why a password counts as exposed: on zxcvbn's common-password list, or found in an imported breach corpus. */
export const EXPOSURES = ['common', 'breach'] as const;
export type Exposure = (typeof EXPOSURES)[number];
export const EXPOSURE_TITLES: Record<Exposure, string> = {
  common: 'Common password',
  breach: 'Found in a breach',
};

/** zxcvbn's 0–4 score in words. */
export const STRENGTH_TITLES = ['Very weak', 'Weak', 'Fair', 'Good', 'Strong'] as const;

/**
 * How long guessing a password would take, in coarse buckets a person reads at a glance: zxcvbn's guess count at
 * 10,000 guesses a second (an attacker with a stolen, slowly hashed password database).
 */
export const GUESS_TIMES = ['seconds', 'minutes', 'hours', 'days', 'months', 'years', 'centuries'] as const;
export type GuessTime = (typeof GUESS_TIMES)[number];
const GUESS_BOUNDS_S: readonly number[] = [60, 3600, 86_400, 30 * 86_400, 365 * 86_400, 100 * 365 * 86_400];

export function guessTimeOf(guessesLog10: number): GuessTime {
  const seconds = 10 ** guessesLog10 / 10_000;
  const i = GUESS_BOUNDS_S.findIndex((b) => seconds < b);
  return GUESS_TIMES[i < 0 ? GUESS_TIMES.length - 1 : i]!;
}

export const GUESS_TIME_WORDS: Record<GuessTime, string> = {
  seconds: 'could be guessed in seconds',
  minutes: 'could be guessed in minutes',
  hours: 'could be guessed in hours',
  days: 'could be guessed in days',
  months: 'could be guessed in months',
  years: 'would take years to guess',
  centuries: 'would take centuries to guess',
};
