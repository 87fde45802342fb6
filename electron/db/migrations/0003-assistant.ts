import type { Migration } from '../migration';

// Chat history (local only; `bastion history off` stops writing it, `history clear` wipes it) and the assistant's
// own settings. Messages hold the user's question and the answer shown — never vault secrets, which never reach
// the assistant at all.
export const m0003: Migration = {
  version: 3,
  name: 'assistant',
  up(db) {
    db.exec(`
      create table assistant_conversation (
        id text primary key,
        created_ms integer not null,
        updated_ms integer not null
      ) strict;
      create table assistant_message (
        id integer primary key,
        conversation_id text not null references assistant_conversation(id) on delete cascade,
        role text not null check (role in ('user', 'assistant')),
        text text not null,
        route text check (route is null or route in ('vault', 'knowledge', 'chat')),
        created_ms integer not null
      ) strict;
      create index assistant_message_by_conversation on assistant_message(conversation_id, id);
      create table assistant_setting (
        key text primary key,
        value text not null
      ) strict;
    `);
  },
};
