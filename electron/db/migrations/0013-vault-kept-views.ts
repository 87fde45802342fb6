import type { Migration } from '../migration';

// The last hygiene report and vault health view, kept so that reading them on an unchanged vault does not run every
// check again (issue 18: ~260 ms of a 10k-item `bastion report` is the checks; the dashboard's health view is the same
// work). They are derived from the tables below and hold nothing those do not. Triggers empty the table on every
// write to them, whatever code path or process writes, so a stale view can never be served; time-dependent findings
// (a snooze running out, a password turning "old") bound each row by valid_until_ms.
const SOURCES = ['vault_sources', 'vault_items', 'vault_exclusions', 'vault_finding_state'] as const;
const EVENTS = ['insert', 'update', 'delete'] as const;

export const m0013: Migration = {
  version: 13,
  name: 'vault-kept-views',
  up(db) {
    db.exec(`
      create table vault_kept_views (
        view text primary key check (view in ('report', 'health')),
        format integer not null,
        built_ms integer not null,
        valid_until_ms integer not null,
        body text not null
      ) strict;
    `);
    for (const table of SOURCES) {
      for (const event of EVENTS) {
        db.exec(`create trigger ${table}_${event}_stales_views after ${event} on ${table} begin delete from vault_kept_views; end;`);
      }
    }
  },
};
