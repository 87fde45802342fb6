import { diskFullError, isDiskFull, writeFileAtomic, type InstallKeys, type Store } from '../db';
import { BastionError } from '../core';
import { readAnchor, writeAnchor } from './anchor';
import { canonicalJson, checkpointMac, GENESIS_HASH, macEqual, recordHash, verifyChain, type AuditRow, type CheckpointRow, type VerifyResult } from './chain';

export const AUDIT_ACTORS = ['user', 'model', 'policy', 'system'] as const;
export type AuditActor = (typeof AUDIT_ACTORS)[number];

export const AUDIT_EVENTS = [
  'proposal_created',
  'proposal_invalid',
  'decision',
  'confirmed',
  'confirmation_refused',
  'rejected',
  'execution_started',
  'executed',
  'execution_failed',
  'execution_aborted',
  'undo_started',
  'undone',
  'undo_failed',
  'data_wiped',
  // State changes outside the action catalog, recorded by the use-case layer (electron/usecases).
  'setting_changed',
  'finding_excluded',
  'finding_included',
  'finding_restored',
  'source_forgotten',
  'model_changed',
  'document_removed',
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

/** What a caller records. `args`, `outcome` and `provenance` must never carry secrets (scrubbed again here). */
export interface AuditInput {
  actor: AuditActor;
  event: AuditEvent;
  action?: string | null;
  proposalId?: string | null;
  args?: unknown;
  outcome?: string;
  reason?: string;
  provenance?: unknown;
  detail?: unknown;
}

export interface AuditRecord {
  seq: number;
  ts: number;
  time: string;
  actor: string;
  event: string;
  action: string | null;
  proposalId: string | null;
  body: Record<string, unknown>;
  hash: string;
  prevHash: string;
}

/** Records between keyed checkpoints; the head is re-MACed on every append as well. */
export const CHECKPOINT_EVERY = 16;

const SECRET_KEY = /pass(word|phrase)?|secret|token|otp|totp|typed|key$/i;

/** Defence in depth: drop any field whose name looks secret, whatever the caller meant to record. */
export function scrubSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrubSecrets);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_KEY.test(k) && k !== 'passwordChanged') out[k] = '[redacted]';
      else out[k] = scrubSecrets(v);
    }
    return out;
  }
  return value;
}

/**
 * Appends one record (its own transaction, or a savepoint inside the caller's). Returns the new seq. After the
 * outermost transaction commits, the new head is copied to the anchor file (see anchor.ts).
 */
export function appendAudit(store: Store, keys: InstallKeys, input: AuditInput, now = Date.now()): number {
  try {
    return appendInTransaction(store, keys, input, now);
  } catch (e) {
    if (isDiskFull(e)) throw diskFullError('appending to the audit log', e);
    throw e;
  }
}

function appendInTransaction(store: Store, keys: InstallKeys, input: AuditInput, now: number): number {
  const { db } = store;
  return db.transaction(() => {
    const head = db.prepare<CheckpointRow>('select seq, hash, mac from audit_head where id = 1').get();
    const last = db.prepare<{ seq: number; hash: string }>('select seq, hash from audit_log order by seq desc limit 1').get();
    const seq = (last?.seq ?? 0) + 1;
    const prev_hash = last?.hash ?? GENESIS_HASH;
    if ((head?.seq ?? 0) !== (last?.seq ?? 0)) {
      throw new BastionError('DB_ERROR', 'The audit log does not match its head checkpoint; run `bastion audit verify`.');
    }
    const body = canonicalJson(
      scrubSecrets({ args: input.args, outcome: input.outcome, reason: input.reason, provenance: input.provenance, detail: input.detail }),
    );
    const row = { seq, ts: now, actor: input.actor, event: input.event, action: input.action ?? null, proposal_id: input.proposalId ?? null, body, prev_hash };
    const hash = recordHash(row);
    db.prepare('insert into audit_log (seq, ts, actor, event, action, proposal_id, body, prev_hash, hash) values (?,?,?,?,?,?,?,?,?)').run(
      seq, now, row.actor, row.event, row.action, row.proposal_id, body, prev_hash, hash,
    );
    if (seq % CHECKPOINT_EVERY === 0) {
      db.prepare('insert into audit_checkpoint (seq, hash, mac) values (?,?,?)').run(seq, hash, checkpointMac(keys.audit, seq, hash, 'cp'));
    }
    const mac = checkpointMac(keys.audit, seq, hash, 'head');
    if (head) db.prepare('update audit_head set seq = ?, hash = ?, mac = ? where id = 1').run(seq, hash, mac);
    else db.prepare('insert into audit_head (id, seq, hash, mac) values (1, ?, ?, ?)').run(seq, hash, mac);
    db.afterCommit('audit-anchor', () => writeAnchor(store));
    return seq;
  })();
}

export function readAuditTables(store: Store): { rows: AuditRow[]; checkpoints: CheckpointRow[]; head: CheckpointRow | null } {
  const { db } = store;
  return {
    rows: db.prepare<AuditRow>('select seq, ts, actor, event, action, proposal_id, body, prev_hash, hash from audit_log order by rowid').all(),
    checkpoints: db.prepare<CheckpointRow>('select seq, hash, mac from audit_checkpoint order by seq').all(),
    head: db.prepare<CheckpointRow>('select seq, hash, mac from audit_head where id = 1').get() ?? null,
  };
}

/**
 * Checks the chain, the keyed checkpoints and head, and the anchor file outside the database: a database behind its
 * anchor was rolled back ("rolled back: N records missing"), one that differs from it at the anchored record was
 * rewritten, and a log with records but no anchor lost it.
 */
export function verifyAudit(store: Store, keys: InstallKeys): VerifyResult {
  const { rows, checkpoints, head } = readAuditTables(store);
  const anchor = checkAnchor(store, keys, rows);
  const result = verifyChain(rows, checkpoints, head, keys.audit);
  const lastSeq = rows[rows.length - 1]?.seq ?? 0;
  // Damage inside the stored records is named first; a log that is whole but ends early was rolled back.
  if (!result.ok && result.firstBadSeq <= lastSeq) return result;
  if (anchor) return anchor;
  if (!result.ok) return result;
  // A log emptied together with its head looks like a fresh one; every stored proposal must still have its records.
  const orphan = store.db
    .prepare<{ id: string }>('select p.id from proposals p where not exists (select 1 from audit_log a where a.proposal_id = p.id) limit 1')
    .get();
  if (orphan) return { ok: false, records: rows.length, firstBadSeq: rows.length + 1, reason: `proposal ${orphan.id} has no audit records (records deleted)` };
  return result;
}

/** The anchor's verdict, or null when the database reaches it and agrees with it. */
function checkAnchor(store: Store, keys: InstallKeys, rows: AuditRow[]): Extract<VerifyResult, { ok: false }> | null {
  const bad = (firstBadSeq: number, reason: string, missing?: number) => ({ ok: false as const, records: rows.length, firstBadSeq, reason, ...(missing !== undefined ? { missing } : {}) });
  const a = readAnchor(store.dataDir);
  if (a.kind === 'absent') return rows.length > 0 ? bad(1, 'the audit anchor file (audit.anchor) is missing: records may have been rolled back') : null;
  if (a.kind === 'damaged') return bad(1, `the audit anchor is damaged: ${a.why}`);
  const { seq, hash, mac } = a.head;
  if (!macEqual(checkpointMac(keys.audit, seq, hash, 'head'), mac)) return bad(1, "the audit anchor does not verify with this install's key (forged or from another install)");
  const lastSeq = rows[rows.length - 1]?.seq ?? 0;
  if (seq > lastSeq) {
    const missing = seq - lastSeq;
    return bad(lastSeq + 1, `rolled back: ${missing} record${missing === 1 ? '' : 's'} missing (the database ends at record ${lastSeq}; the anchor outside it was written at record ${seq})`, missing);
  }
  if (seq > 0 && rows.find((r) => r.seq === seq)?.hash !== hash) return bad(1, `record ${seq} differs from the anchor outside the database: the log was rolled back and rewritten`);
  return null;
}

function toRecord(r: AuditRow): AuditRecord {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(r.body) as Record<string, unknown>;
  } catch {
    body = { unparsable: true };
  }
  return {
    seq: r.seq,
    ts: r.ts,
    time: new Date(r.ts).toISOString(),
    actor: r.actor,
    event: r.event,
    action: r.action,
    proposalId: r.proposal_id,
    body,
    hash: r.hash,
    prevHash: r.prev_hash,
  };
}

export function listAudit(store: Store, opts: { limit?: number; proposalId?: string } = {}): AuditRecord[] {
  const limit = opts.limit ?? 1_000_000;
  const rows = opts.proposalId
    ? store.db.prepare<AuditRow>('select * from audit_log where proposal_id = ? order by seq desc limit ?').all(opts.proposalId, limit)
    : store.db.prepare<AuditRow>('select * from audit_log order by seq desc limit ?').all(limit);
  return rows.reverse().map(toRecord);
}

/**
 * JSONL, one record per line, oldest first, then one final line with the keyed head
 * (`{"type":"head","seq","hash","mac"}`) so a collector keeping every export can tell a rewrite: a later export must
 * hold each earlier head's record unchanged. Written to a temp file, fsynced, then renamed over the target.
 */
export function exportAudit(store: Store, path: string): { records: number; path: string; head: CheckpointRow | null } {
  let n = 0;
  const { db } = store;
  // One read transaction: the records and the head are the same snapshot even while another process appends.
  const own = !db.inTransaction;
  if (own) db.exec('begin');
  try {
    const head = db.prepare<CheckpointRow>('select seq, hash, mac from audit_head where id = 1').get() ?? null;
    const rows = db.prepare<AuditRow>('select * from audit_log order by seq');
    writeFileAtomic(path, (function* () {
      for (const r of rows.iterate()) {
        n++;
        yield `${JSON.stringify(toRecord(r))}\n`;
      }
      yield `${JSON.stringify({ type: 'head', seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS_HASH, mac: head?.mac ?? null })}\n`;
    })());
    return { records: n, path, head };
  } finally {
    if (own) db.exec('commit');
  }
}
