import type { Migration } from '../migration';

// Proposals, confirmations and the audit chain. (Owner fills in the schema; STRICT tables only.)
export const m0004: Migration = {
  version: 4,
  name: 'audit',
  up() {},
};
