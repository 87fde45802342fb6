import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// The pure half of the audit log: canonical encoding, the SHA-256 chain, checkpoint MACs and verification.
// Kept free of SQLite so property tests can tamper with plain arrays quickly.

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRow {
  seq: number;
  ts: number;
  actor: string;
  event: string;
  action: string | null;
  proposal_id: string | null;
  body: string;
  prev_hash: string;
  hash: string;
}

export interface CheckpointRow {
  seq: number;
  hash: string;
  mac: string;
}

export type VerifyResult =
  | { ok: true; records: number; checkpoints: number }
  | { ok: false; records: number; firstBadSeq: number; reason: string; /** Records the database lacks behind the anchor (rolled back). */ missing?: number };

/** JSON with sorted keys and no whitespace: the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortDeep(value));
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as Record<string, unknown>).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortDeep(v);
    }
    return out;
  }
  return value;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** hash_n = SHA-256(prev_hash || canonical(all other columns)). */
export function recordHash(row: Omit<AuditRow, 'hash'>): string {
  const content = canonicalJson([row.seq, row.ts, row.actor, row.event, row.action, row.proposal_id, row.body]);
  return sha256Hex(`${row.prev_hash}\n${content}`);
}

export function checkpointMac(key: Buffer, seq: number, hash: string, kind: 'cp' | 'head'): string {
  return createHmac('sha256', key).update(`bastion-audit/${kind}/${seq}/${hash}`).digest('hex');
}

export function macEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Checks the whole log. Names the first record that is out of place: an edited record fails its own hash, a
 * deleted or inserted one breaks seq continuity or the next record's prev_hash, a reordering does both, a
 * truncation falls short of the keyed head, and a chain recomputed without the key fails at the first checkpoint
 * it covers (the records since the previous good checkpoint are then untrusted; the first of them is named).
 */
export function verifyChain(rows: AuditRow[], checkpoints: CheckpointRow[], head: CheckpointRow | null, key: Buffer): VerifyResult {
  const bad = (firstBadSeq: number, reason: string): VerifyResult => ({ ok: false, records: rows.length, firstBadSeq, reason });
  let prev = GENESIS_HASH;
  const hashAt = new Map<number, string>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const expectedSeq = i + 1;
    if (r.seq !== expectedSeq) {
      return r.seq > expectedSeq
        ? bad(expectedSeq, `record ${expectedSeq} is missing (next stored record is ${r.seq})`)
        : bad(r.seq, `record ${r.seq} is out of order or duplicated`);
    }
    if (r.prev_hash !== prev) return bad(r.seq, `record ${r.seq} does not follow record ${r.seq - 1} (chain broken: deleted, inserted or reordered)`);
    if (recordHash(r) !== r.hash) return bad(r.seq, `record ${r.seq} was modified (its hash does not match its content)`);
    hashAt.set(r.seq, r.hash);
    prev = r.hash;
  }
  const last = rows.length;
  let lastGoodCp = 0;
  const sortedCps = [...checkpoints].sort((a, b) => a.seq - b.seq);
  for (const cp of sortedCps) {
    const firstUntrusted = lastGoodCp + 1;
    if (cp.seq > last) return bad(last + 1, `records after ${last} are missing (a checkpoint covers record ${cp.seq}; log truncated)`);
    if (hashAt.get(cp.seq) !== cp.hash || !macEqual(checkpointMac(key, cp.seq, cp.hash, 'cp'), cp.mac)) {
      return bad(firstUntrusted, `checkpoint at record ${cp.seq} does not verify with this install's key: records ${firstUntrusted}–${cp.seq} were rewritten`);
    }
    lastGoodCp = cp.seq;
  }
  if (last === 0 && head === null) return { ok: true, records: 0, checkpoints: 0 };
  if (head === null) return bad(1, 'the head checkpoint is missing (log rewritten or tampered)');
  if (head.seq > last) return bad(last + 1, `records ${last + 1}–${head.seq} are missing (log truncated)`);
  if (!macEqual(checkpointMac(key, head.seq, head.hash, 'head'), head.mac)) {
    return bad(lastGoodCp + 1, `the head checkpoint does not verify with this install's key: records ${lastGoodCp + 1}–${last} are untrusted`);
  }
  if (head.seq < last) return bad(head.seq + 1, `record ${head.seq + 1} was appended outside Bastion (after the last keyed checkpoint)`);
  if (hashAt.get(head.seq) !== head.hash) return bad(lastGoodCp + 1, `the head checkpoint does not match record ${head.seq}: records ${lastGoodCp + 1}–${last} were rewritten`);
  return { ok: true, records: last, checkpoints: sortedCps.length };
}
