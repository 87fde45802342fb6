import { join } from 'node:path';
import { z } from 'zod';
import { readRegularFile, writeFileAtomic, type Store } from '../db';
import type { CheckpointRow } from './chain';

// The audit anchor: the keyed head (seq, hash, MAC) copied to a small file beside the database after every commit.
// A database rolled back behind it — records cut from an emptied or truncated WAL, or every record, the head and the
// checkpoints deleted together — no longer reaches the anchor, and `audit verify` says how many records are missing.

export const AUDIT_ANCHOR_FILE = 'audit.anchor';

const Anchor = z.object({ v: z.literal(1), seq: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{64}$/), mac: z.string().regex(/^[0-9a-f]{64}$/) }).strict();

export type AnchorRead = { kind: 'absent' } | { kind: 'damaged'; why: string } | { kind: 'ok'; head: CheckpointRow };

export function anchorPath(dataDir: string): string {
  return join(dataDir, AUDIT_ANCHOR_FILE);
}

export function readAnchor(dataDir: string): AnchorRead {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(anchorPath(dataDir), { maxBytes: 4096, what: 'audit anchor' });
  } catch (e) {
    if ((e as { code?: string }).code === 'NOT_FOUND') return { kind: 'absent' };
    return { kind: 'damaged', why: (e as Error).message };
  }
  try {
    const a = Anchor.parse(JSON.parse(bytes.toString('utf8')));
    return { kind: 'ok', head: { seq: a.seq, hash: a.hash, mac: a.mac } };
  } catch {
    return { kind: 'damaged', why: `${anchorPath(dataDir)} is not a valid audit anchor` };
  }
}

/**
 * Copies the database's current head to the anchor file (write-then-rename, fsync), unless the file already holds a
 * later record (another process appended meanwhile). Runs after the commit: a transaction that rolls back never moves
 * the anchor ahead of the database. A failure to write it (full disk) is not the append's failure — the record is
 * committed — and the next append writes it again.
 */
export function writeAnchor(store: Store): void {
  const head = store.db.prepare<CheckpointRow>('select seq, hash, mac from audit_head where id = 1').get();
  if (!head) return;
  const current = readAnchor(store.dataDir);
  if (current.kind === 'ok' && current.head.seq >= head.seq) return;
  try {
    writeFileAtomic(anchorPath(store.dataDir), [`${JSON.stringify({ v: 1, seq: head.seq, hash: head.hash, mac: head.mac })}\n`]);
  } catch {
    // See above: the commit stands; the anchor catches up at the next append.
  }
}
