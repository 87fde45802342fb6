import type { Migration } from '../migration';

// User settings (one JSON value per key; the managed policy is applied over them at read time) and the egress log:
// every network request Bastion made or refused (normally only model downloads the user started).
export const m0005: Migration = {
  version: 5,
  name: 'managed',
  up(db) {
    db.exec(`
      create table settings (
        key text primary key,
        value text not null check (json_valid(value)),
        updated_at integer not null
      ) strict;

      create table egress_log (
        id integer primary key,
        at integer not null,
        url text not null,
        purpose text not null,
        allowed integer not null check (allowed in (0, 1)),
        detail text
      ) strict;
      create index egress_log_at on egress_log (at);
    `);
  },
};
