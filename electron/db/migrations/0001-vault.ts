import type { Migration } from '../migration';

// Vault sources, items and findings. (Owner fills in the schema; STRICT tables only.)
export const m0001: Migration = {
  version: 1,
  name: 'vault',
  up() {},
};
