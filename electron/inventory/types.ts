// The shape of one described thing Bastion keeps. Every table, file and setting is described with the same five
// answers, so the CLI, the app and docs/data-inventory.md can print them side by side.

export const AREAS = ['vault', 'knowledge', 'assistant', 'actions', 'audit', 'settings', 'enterprise', 'models', 'app'] as const;
export type Area = (typeof AREAS)[number];

export interface Described {
  area: Area;
  /** What it holds, in a sentence. */
  holds: string;
  /** What it never holds (the secrets people ask about first). */
  never: string[];
  /** How long it is kept. */
  retention: string;
  /** How to delete it: the exact command or button. */
  remove: string;
}

export interface TableDoc extends Described {
  /** Every column, with what it holds. A column the schema has and this lacks fails the inventory test. */
  columns: Record<string, string>;
  /** Set for a table created at run time, not by a migration (why and when), so the test does not expect it. */
  createdAtRuntime?: string;
}

export interface FileDoc extends Described {
  /** Stable id (for the app's screen and scripts). */
  id: string;
  title: string;
  /** Paths relative to the data dir: `*` matches within one name, a trailing `/` is a folder (and all under it). */
  patterns: string[];
}

export interface OutsideDoc extends Described {
  id: string;
  title: string;
  /** Where it lives (outside the data dir). */
  where: string;
}

export interface SettingDoc {
  holds: string;
  /** What it never holds, when worth saying beyond "settings hold no secrets". */
  never?: string[];
}

/** What no part of Bastion's storage ever holds. */
export const NEVER_KEPT = [
  'vault passwords',
  'TOTP / 2FA secrets',
  'card numbers and security codes',
  'note bodies and custom-field values',
  'vault master passwords and key files',
  'passwords Bastion generates (shown once, held in memory only)',
] as const;
