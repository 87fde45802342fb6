import type { Migration } from '../migration';

// Settings and the egress log. (Owner fills in the schema; STRICT tables only.)
export const m0005: Migration = {
  version: 5,
  name: 'managed',
  up() {},
};
