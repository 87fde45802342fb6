import type { Migration } from '../migration';

// The managed policies this machine has run under: one row each time the policy file's digest or status changes
// (first and last time seen). The last valid policy is kept in full so that an invalid new one can be reported as
// "what changed" against it. Policies hold no secrets (admin settings only); a row never holds a file that was not
// valid JSON, only its digest and the one-line problem.
export const m0009: Migration = {
  version: 9,
  name: 'policy-history',
  up(db) {
    db.exec(`
      create table policy_history (
        id integer primary key,
        first_seen_at integer not null,
        last_seen_at integer not null,
        status text not null check (status in ('valid', 'invalid', 'absent')),
        path text not null,
        sha256 text check (sha256 is null or length(sha256) = 64),
        policy text check (policy is null or json_valid(policy)),
        problem text
      ) strict;
    `);
  },
};
