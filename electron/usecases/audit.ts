import { appendAudit, exportAudit, listAudit, verifyAudit, type AuditInput, type AuditRecord } from '../audit';
import { BastionError } from '../core';
import { rotateIfNeeded } from '../managed';
import type { UseCaseContext } from './context';

// The audit log as the user sees it (list, verify, export), and the one helper every other use case records with.

/** Appends one record for a state change a use case made (settings, exclusions, sources, models, wipes). */
export function record(ctx: UseCaseContext, input: Omit<AuditInput, 'actor'> & { actor?: AuditInput['actor'] }): void {
  appendAudit(ctx.store(), ctx.keys(), { actor: 'user', ...input }, ctx.now());
}

export function listRecords(ctx: UseCaseContext, opts: { limit?: number } = {}): AuditRecord[] {
  return listAudit(ctx.store(), opts.limit !== undefined ? { limit: opts.limit } : {});
}

export interface VerifyOutcome {
  ok: boolean;
  records: number;
  checkpoints: number;
  firstBadSeq: number | null;
  reason: string | null;
  /** One line for a person. */
  message: string;
}

export function verify(ctx: UseCaseContext): VerifyOutcome {
  const r = verifyAudit(ctx.store(), ctx.keys());
  if (r.ok) {
    return { ok: true, records: r.records, checkpoints: r.checkpoints, firstBadSeq: null, reason: null, message: `Audit log intact: ${r.records} records, ${r.checkpoints} checkpoints; hash chain and keyed checkpoints verified.` };
  }
  return {
    ok: false,
    records: r.records,
    checkpoints: 0,
    firstBadSeq: r.firstBadSeq,
    reason: r.reason,
    message: `Audit log TAMPERED at record #${r.firstBadSeq}: ${r.reason}.`,
  };
}

/** Writes the log as JSONL; without a path, the managed policy's `audit.exportPath` (rotated as it says). */
export function exportRecords(ctx: UseCaseContext, opts: { path?: string } = {}): { path: string; records: number; rotated: { from: string; to: string }[] } {
  const audit = ctx.settings().audit;
  const target = opts.path ?? audit.exportPath;
  if (!target) throw new BastionError('BAD_INPUT', 'Name the file to write the audit log to; no default export path is set by policy.');
  const path = ctx.path(target);
  const rotated = audit.rotation ? rotateIfNeeded(path, audit.rotation) : [];
  const out = exportAudit(ctx.store(), path);
  return { ...out, rotated };
}
