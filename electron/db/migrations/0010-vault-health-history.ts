import type { Migration } from '../migration';

// One row per vault import: the health score and the count of items with an open finding of each kind, right after
// the import, so the dashboard can draw the trend. Aggregates only: no item, title, path or source id (forgetting a
// source leaves nothing here to forget).
export const m0010: Migration = {
  version: 10,
  name: 'vault-health-history',
  up(db) {
    db.exec(`
      create table vault_health_history (
        id integer primary key,
        at integer not null,
        score integer not null check (score between 0 and 100),
        items integer not null check (items >= 0),
        logins integer not null check (logins >= 0),
        exposed integer not null check (exposed >= 0),
        reused integer not null check (reused >= 0),
        weak integer not null check (weak >= 0),
        insecure_url integer not null check (insecure_url >= 0),
        missing_2fa integer not null check (missing_2fa >= 0),
        duplicate integer not null check (duplicate >= 0),
        old integer not null check (old >= 0)
      ) strict;
      create index vault_health_history_at on vault_health_history(at);
    `);
  },
};
