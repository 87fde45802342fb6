import type { Migration } from '../migration';

// Proposals, remembered grants and the audit chain. The audit tables are append-only: triggers refuse UPDATE and
// DELETE (the hash chain + keyed checkpoints catch anyone who edits the file directly instead).
export const m0004: Migration = {
  version: 4,
  name: 'audit',
  up(db) {
    db.exec(`
      create table audit_log (
        seq integer primary key,
        ts integer not null,
        actor text not null,
        event text not null,
        action text,
        proposal_id text,
        body text not null,
        prev_hash text not null,
        hash text not null
      ) strict;
      create index audit_log_proposal on audit_log(proposal_id);

      -- Every N records: HMAC(keys.audit, seq|hash). Append-only like the log.
      create table audit_checkpoint (
        seq integer primary key,
        hash text not null,
        mac text not null
      ) strict;

      -- The single moving checkpoint "at the end": last seq, its hash, and a MAC over both (catches truncation).
      create table audit_head (
        id integer primary key check (id = 1),
        seq integer not null,
        hash text not null,
        mac text not null
      ) strict;

      create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit log is append-only'); end;
      create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit log is append-only'); end;
      create trigger audit_cp_no_update before update on audit_checkpoint begin select raise(abort, 'audit log is append-only'); end;
      create trigger audit_cp_no_delete before delete on audit_checkpoint begin select raise(abort, 'audit log is append-only'); end;
      create trigger audit_head_no_delete before delete on audit_head begin select raise(abort, 'audit log is append-only'); end;
      create trigger audit_head_forward before update on audit_head when new.seq <= old.seq
        begin select raise(abort, 'audit head only moves forward'); end;

      create table proposals (
        id text primary key,
        created_at integer not null,
        expires_at integer not null,
        actor text not null,
        action text not null,
        args text not null,
        args_hash text not null,
        risk text,
        tainted integer not null,
        decision text not null,
        reason text not null,
        status text not null,
        provenance text not null,
        result text,
        undo text,
        updated_at integer not null
      ) strict;
      create index proposals_status on proposals(status, created_at);

      create table permission_grants (
        action text primary key,
        created_at integer not null
      ) strict;
    `);
  },
};
