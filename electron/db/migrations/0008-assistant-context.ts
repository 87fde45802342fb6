import type { Migration } from '../migration';

// What a conversation remembers between turns, so follow-ups ("which of those are old?", "open the first one",
// "why?") work across `bastion ask --conversation ID` runs and app restarts: the last intent, finding kind, the ids
// of the last list shown and the last knowledge query. Ids and kinds only — no vault text, nothing secret. Written
// only while chat history is on; deleted with its conversation.
export const m0008: Migration = {
  version: 8,
  name: 'assistant-context',
  up(db) {
    db.exec(`
      create table assistant_context (
        conversation_id text primary key references assistant_conversation(id) on delete cascade,
        state text not null,
        updated_ms integer not null
      ) strict;
    `);
  },
};
