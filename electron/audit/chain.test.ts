import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkpointMac, GENESIS_HASH, recordHash, verifyChain, type AuditRow, type CheckpointRow } from './chain';

// Property tests on the pure chain: any single edit, deletion, insertion, reordering or truncation is detected,
// and a chain recomputed without the key fails at a checkpoint.

const KEY = randomBytes(32);
const EVERY = 4;

interface Log {
  rows: AuditRow[];
  checkpoints: CheckpointRow[];
  head: CheckpointRow | null;
}

function build(bodies: string[], key = KEY): Log {
  const rows: AuditRow[] = [];
  const checkpoints: CheckpointRow[] = [];
  let prev = GENESIS_HASH;
  bodies.forEach((body, i) => {
    const seq = i + 1;
    const base = { seq, ts: 1_700_000_000_000 + seq, actor: 'user', event: 'decision', action: 'export_report', proposal_id: `pr_${seq}`, body, prev_hash: prev };
    const hash = recordHash(base);
    rows.push({ ...base, hash });
    if (seq % EVERY === 0) checkpoints.push({ seq, hash, mac: checkpointMac(key, seq, hash, 'cp') });
    prev = hash;
  });
  const last = rows[rows.length - 1];
  return { rows, checkpoints, head: last ? { seq: last.seq, hash: last.hash, mac: checkpointMac(key, last.seq, last.hash, 'head') } : null };
}

/** What someone without the key can do: recompute every hash (and forge nothing keyed). */
function rechain(rows: AuditRow[]): AuditRow[] {
  let prev = GENESIS_HASH;
  return rows.map((r, i) => {
    const base = { ...r, seq: i + 1, prev_hash: prev };
    const hash = recordHash(base);
    prev = hash;
    return { ...base, hash };
  });
}

const verify = (l: Log) => verifyChain(l.rows, l.checkpoints, l.head, KEY);
const bodiesArb = fc.array(fc.json({ maxDepth: 2 }), { minLength: 1, maxLength: 20 });
const FIELDS = ['seq', 'ts', 'actor', 'event', 'action', 'proposal_id', 'body', 'prev_hash', 'hash'] as const;

function flipChar(s: string, at: number, bit: number): string {
  const i = at % Math.max(1, s.length);
  if (s.length === 0) return 'x';
  const c = s.charCodeAt(i) ^ (1 << (bit % 7));
  return s.slice(0, i) + String.fromCharCode(c === s.charCodeAt(i) ? c + 1 : c) + s.slice(i + 1);
}

describe('audit chain', () => {
  it('an untouched log verifies', () => {
    fc.assert(
      fc.property(bodiesArb, (bodies) => {
        expect(verify(build(bodies))).toMatchObject({ ok: true, records: bodies.length });
      }),
    );
    expect(verify(build([]))).toEqual({ ok: true, records: 0, checkpoints: 0 });
  });

  it('flipping any single bit of any field of any record is detected at that record', () => {
    fc.assert(
      fc.property(bodiesArb, fc.nat(), fc.constantFrom(...FIELDS), fc.nat(), fc.nat(7), (bodies, pick, field, at, bit) => {
        const log = build(bodies);
        const idx = pick % log.rows.length;
        const row = { ...log.rows[idx]! } as Record<string, unknown>;
        const v = row[field];
        row[field] = typeof v === 'number' ? v ^ (1 << bit) : flipChar(String(v ?? ''), at, bit);
        log.rows[idx] = row as unknown as AuditRow;
        const r = verify(log);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.firstBadSeq).toBeLessThanOrEqual(idx + 2);
        if (!r.ok && field !== 'hash' && field !== 'seq') expect(r.firstBadSeq).toBe(idx + 1);
      }),
    );
  });

  it('flipping a bit in a checkpoint or the head is detected', () => {
    fc.assert(
      fc.property(bodiesArb, fc.nat(), fc.constantFrom('hash', 'mac', 'seq'), fc.nat(), fc.boolean(), (bodies, at, field, bit, head) => {
        const log = build(bodies);
        if (!head && log.checkpoints.length === 0) return;
        const target = head ? log.head! : log.checkpoints[at % log.checkpoints.length]!;
        const t = { ...target } as Record<string, unknown>;
        t[field] = field === 'seq' ? (t.seq as number) ^ (1 << (bit % 5)) : flipChar(String(t[field]), at, bit);
        if (head) log.head = t as unknown as CheckpointRow;
        else log.checkpoints[at % log.checkpoints.length] = t as unknown as CheckpointRow;
        expect(verify(log).ok).toBe(false);
      }),
    );
  });

  it('deleting, inserting or reordering records is detected and the first bad record is named', () => {
    fc.assert(
      fc.property(bodiesArb, fc.nat(), fc.nat(), fc.constantFrom('delete', 'insert', 'swap'), (bodies, a, b, op) => {
        const log = build(bodies);
        const n = log.rows.length;
        const i = a % n;
        if (op === 'delete') log.rows.splice(i, 1);
        if (op === 'insert') log.rows.splice(i, 0, { ...log.rows[i]!, body: '"forged"' });
        if (op === 'swap') {
          const j = b % n;
          if (i === j) return;
          [log.rows[i], log.rows[j]] = [log.rows[j]!, log.rows[i]!];
        }
        const r = verify(log);
        expect(r.ok).toBe(false);
        if (!r.ok && op !== 'swap') expect(r.firstBadSeq).toBe(i + 1);
        if (!r.ok && op === 'swap') expect(r.firstBadSeq).toBe(Math.min(i, b % n) + 1);
      }),
    );
  });

  it('truncating the log is detected (the keyed head remembers the end)', () => {
    fc.assert(
      fc.property(bodiesArb, fc.nat(), (bodies, cut) => {
        const log = build(bodies);
        const keep = cut % log.rows.length;
        log.rows = log.rows.slice(0, keep);
        const r = verify(log);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.firstBadSeq).toBe(keep + 1);
      }),
    );
  });

  it('recomputing the chain after an edit, without the key, fails at a checkpoint or the head', () => {
    fc.assert(
      fc.property(bodiesArb, fc.nat(), fc.constantFrom('edit', 'delete', 'insert', 'truncate-and-forge-head'), (bodies, a, op) => {
        const log = build(bodies);
        const i = a % log.rows.length;
        let rows = [...log.rows];
        if (op === 'edit') rows[i] = { ...rows[i]!, body: '"rewritten"' };
        if (op === 'delete') rows.splice(i, 1);
        if (op === 'insert') rows.splice(i, 0, { ...rows[i]!, body: '"inserted"' });
        // (Truncating to nothing and deleting the head too is indistinguishable from a fresh install in the chain
        // alone; verifyAudit catches it by cross-checking the proposals table — see log.test.ts.)
        if (op === 'truncate-and-forge-head') rows = rows.slice(0, Math.max(1, i));
        if (rows.length === 0) return; // see above: an emptied log is checked against the proposals table
        rows = rechain(rows);
        const last = rows[rows.length - 1];
        // The forger may also rewrite the head with a MAC made with a guessed key.
        const head = last ? { seq: last.seq, hash: last.hash, mac: checkpointMac(randomBytes(32), last.seq, last.hash, 'head') } : null;
        const cps = log.checkpoints.filter((c) => c.seq <= rows.length);
        const r = verifyChain(rows, cps, head, KEY);
        expect(r.ok).toBe(false);
        // Nothing before the last checkpoint preceding the edit is blamed.
        const lastGood = Math.floor(i / EVERY) * EVERY;
        if (!r.ok) expect(r.firstBadSeq).toBeLessThanOrEqual(Math.max(lastGood + 1, rows.length + 1));
      }),
    );
  });

  it('the same log verifies only with its own key', () => {
    const log = build(['1', '2', '3', '4', '5']);
    expect(verifyChain(log.rows, log.checkpoints, log.head, randomBytes(32)).ok).toBe(false);
  });
});
