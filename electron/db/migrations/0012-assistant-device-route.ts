import type { Migration } from '../migration';

// Device answers ("is my laptop secure?", issue 16) are a fourth route, stored with their exchange like the others.
// SQLite cannot alter a CHECK constraint: the message table is rebuilt with the same columns and rows (nothing
// references it; its conversations and context rows are untouched).
export const m0012: Migration = {
  version: 12,
  name: 'assistant-device-route',
  up(db) {
    db.exec(`
      create table assistant_message_new (
        id integer primary key,
        conversation_id text not null references assistant_conversation(id) on delete cascade,
        role text not null check (role in ('user', 'assistant')),
        text text not null,
        route text check (route is null or route in ('vault', 'knowledge', 'chat', 'device')),
        created_ms integer not null
      ) strict;
      insert into assistant_message_new (id, conversation_id, role, text, route, created_ms)
        select id, conversation_id, role, text, route, created_ms from assistant_message;
      drop table assistant_message;
      alter table assistant_message_new rename to assistant_message;
      create index assistant_message_by_conversation on assistant_message(conversation_id, id);
    `);
  },
};
