import type { Migration } from '../migration';

// Items their own vault keeps out of its reports (KeePassXC "Exclude from database reports": KDBX 4.1 QualityCheck
// or the older KnownBad custom data). Kept apart from the user's exclusions (vault_exclusions): `bastion include`
// cannot undo what the source vault says, and the report lists them under "Excluded by the vault".
export const m0007: Migration = {
  version: 7,
  name: 'vault-excluded-by-source',
  up(db) {
    db.exec(`
      alter table vault_items add column excluded_by_vault integer not null default 0 check (excluded_by_vault in (0, 1));
    `);
  },
};
