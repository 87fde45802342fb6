import type { Migration } from '../migration';

// A title per chat conversation, for the app's conversation list. Null until the user renames it (the list shows the
// first question instead). The user's own words, like the messages it names: deleted with its conversation.
export const m0011: Migration = {
  version: 11,
  name: 'conversation-titles',
  up(db) {
    db.exec(`alter table assistant_conversation add column title text check (title is null or length(title) between 1 and 200);`);
  },
};
