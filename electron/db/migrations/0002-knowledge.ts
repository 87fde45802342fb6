import type { Migration } from '../migration';

// Knowledge documents, chunks, FTS5 and vec0. (Owner fills in the schema; STRICT tables only.)
export const m0002: Migration = {
  version: 2,
  name: 'knowledge',
  up() {},
};
