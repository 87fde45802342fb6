import type { Migration } from '../migration';

// Chat history. (Owner fills in the schema; STRICT tables only.)
export const m0003: Migration = {
  version: 3,
  name: 'assistant',
  up() {},
};
