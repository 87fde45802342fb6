import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { appendAudit, canonicalJson, sha256Hex } from '../audit';
import { BastionError } from '../core';
import { loadInstallKeys, type InstallKeys, type Store } from '../db';
import { ACTION_INFO, ACTION_NAMES, ProposalRequest, type ActionName, type RiskTier } from './catalog';
import { describeEffect, fileTargetOf, itemIdsOf } from './effects';
import { inspectTarget, resolveTargetPath } from './file-target';
import { hasGenerated } from './executors/generate';
import { decide, DEFAULT_ACTION_RULES, type ActionRules, type Decision } from './policy';
import type { ExecutionPorts, VaultAccess } from './ports';
import { rememberedActions } from './grants';

// Proposals: validated, stored with provenance, decided by policy, audited. Invalid ones are recorded and refused,
// never repaired.

export const CONFIRMATION_TTL_MS = 5 * 60_000;

export const Provenance = z
  .object({
    actor: z.enum(['user', 'model']),
    userMessage: z.string().max(20_000).optional(),
    itemIds: z.array(z.string().max(100)).max(10_000).default([]),
    chunkIds: z.array(z.string().max(200)).max(10_000).default([]),
    /** True when untrusted text (vault text, a user document) was in the model's context. */
    untrusted: z.boolean().default(false),
    conversationId: z.string().max(200).optional(),
    /** The proposal this one was derived from (guided rotation steps). */
    parentId: z.string().max(100).optional(),
  })
  .strict();
export type Provenance = z.input<typeof Provenance>;
type ParsedProvenance = z.output<typeof Provenance>;

export const PROPOSAL_STATUSES = ['invalid', 'denied', 'pending', 'executing', 'executed', 'failed', 'rejected', 'expired', 'undoing', 'undone'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export interface ProposalRecord {
  id: string;
  createdAt: number;
  expiresAt: number;
  actor: 'user' | 'model';
  /** The name as proposed; only a catalog name when status is not 'invalid'. */
  action: string;
  args: Record<string, unknown>;
  /** SHA-256 of canonical {action, args}: a confirmation must quote it. */
  argsHash: string;
  risk: RiskTier | null;
  tainted: boolean;
  decision: Decision['decision'] | 'invalid';
  reason: string;
  status: ProposalStatus;
  provenance: ParsedProvenance;
  result: Record<string, unknown> | null;
  undo: Record<string, unknown> | null;
}

export interface ProposalOptions {
  keys?: InstallKeys;
  rules?: ActionRules;
  vault: VaultAccess;
  now?: number;
  /** Ports for auto-executing allowed proposals; without them an allowed proposal that needs a port fails. */
  ports?: Omit<ExecutionPorts, 'vault'>;
  /** The proposer's folder: a relative file target is made absolute against it now, not when confirmed. Default: cwd. */
  cwd?: string;
}

interface Row {
  id: string;
  created_at: number;
  expires_at: number;
  actor: string;
  action: string;
  args: string;
  args_hash: string;
  risk: string | null;
  tainted: number;
  decision: string;
  reason: string;
  status: string;
  provenance: string;
  result: string | null;
  undo: string | null;
}

export function argsHash(action: string, args: unknown): string {
  return sha256Hex(canonicalJson({ action, args }));
}

/** Tainted: untrusted text was in context, or the model made it while vault items (attacker-writable text) were. */
export function isTainted(p: ParsedProvenance): boolean {
  return p.untrusted || (p.actor === 'model' && p.itemIds.length > 0);
}

function fromRow(r: Row): ProposalRecord {
  return {
    id: r.id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    actor: r.actor as 'user' | 'model',
    action: r.action,
    args: JSON.parse(r.args) as Record<string, unknown>,
    argsHash: r.args_hash,
    risk: r.risk as RiskTier | null,
    tainted: r.tainted === 1,
    decision: r.decision as ProposalRecord['decision'],
    reason: r.reason,
    status: r.status as ProposalStatus,
    provenance: JSON.parse(r.provenance) as ParsedProvenance,
    result: r.result ? (JSON.parse(r.result) as Record<string, unknown>) : null,
    undo: r.undo ? (JSON.parse(r.undo) as Record<string, unknown>) : null,
  };
}

export function getProposal(store: Store, id: string): ProposalRecord | null {
  const r = store.db.prepare<Row>('select * from proposals where id = ?').get(id);
  return r ? fromRow(r) : null;
}

export function listProposals(store: Store, opts: { status?: ProposalStatus[]; limit?: number } = {}): ProposalRecord[] {
  const rows = store.db.prepare<Row>('select * from proposals order by created_at desc, rowid desc limit ?').all(opts.limit ?? 200);
  return rows.map(fromRow).filter((p) => !opts.status || opts.status.includes(p.status));
}

export function updateProposal(store: Store, id: string, patch: { status: ProposalStatus; result?: unknown; undo?: unknown; now: number }): void {
  const sets = ['status = ?', 'updated_at = ?'];
  const params: unknown[] = [patch.status, patch.now];
  if (patch.result !== undefined) {
    sets.push('result = ?');
    params.push(JSON.stringify(patch.result));
  }
  if (patch.undo !== undefined) {
    sets.push('undo = ?');
    params.push(JSON.stringify(patch.undo));
  }
  store.db.prepare(`update proposals set ${sets.join(', ')} where id = ?`).run(...params, id);
}

/** What the audit keeps of provenance: references, never the message text itself (its hash instead). */
export function provenanceRefs(p: ParsedProvenance): Record<string, unknown> {
  return {
    actor: p.actor,
    messageSha256: p.userMessage ? sha256Hex(p.userMessage) : null,
    itemIds: p.itemIds,
    chunkIds: p.chunkIds,
    untrusted: p.untrusted,
    conversationId: p.conversationId ?? null,
    parentId: p.parentId ?? null,
  };
}

export interface CreatedProposal {
  proposal: ProposalRecord;
  /** Present unless invalid: what it will do, and the policy's full decision. */
  effect: string | null;
  policy: Decision | null;
}

/**
 * Validates, stores, decides and audits a request (no execution: see createProposal in service.ts). `request` is untrusted (model output): anything that is not
 * exactly a catalog action with valid args naming existing items is stored as 'invalid' with the reason.
 */
export function recordProposal(store: Store, request: unknown, provenance: Provenance, opts: ProposalOptions): CreatedProposal {
  const keys = opts.keys ?? loadInstallKeys(store.dataDir);
  const now = opts.now ?? Date.now();
  const prov = Provenance.parse(provenance);
  const id = `pr_${randomBytes(12).toString('base64url')}`;
  const rawAction = typeof (request as { action?: unknown })?.action === 'string' ? String((request as { action: string }).action).slice(0, 100) : '(none)';
  const rawArgs = (request as { args?: unknown })?.args;
  const tainted = isTainted(prov);
  const refs = provenanceRefs(prov);

  const invalid = (reason: string): CreatedProposal => {
    const args = rawArgs && typeof rawArgs === 'object' && !Array.isArray(rawArgs) ? (rawArgs as Record<string, unknown>) : { value: rawArgs ?? null };
    const canon = canonicalJson(args);
    const safeArgs = canon.length > 4000 ? { truncated: true, sha256: sha256Hex(canon) } : args;
    store.db.transaction(() => {
      insert(store, { id, now, actor: prov.actor, action: rawAction, args: safeArgs, risk: null, tainted, decision: 'invalid', reason, status: 'invalid', prov });
      appendAudit(store, keys, { actor: prov.actor, event: 'proposal_invalid', action: rawAction, proposalId: id, args: safeArgs, reason, provenance: refs }, now);
    })();
    return { proposal: getProposal(store, id)!, effect: null, policy: null };
  };

  const parsed = ProposalRequest.safeParse(request);
  if (!parsed.success) {
    const known = (ACTION_NAMES as string[]).includes(rawAction);
    const issue = parsed.error.issues[0];
    return invalid(known ? `Bad arguments for ${rawAction}: ${issue ? `${issue.path.join('.') || 'args'}: ${issue.message}` : 'invalid'}.` : `Unknown action "${rawAction}".`);
  }
  const req = parsed.data as { action: ActionName; args: Record<string, unknown> };
  const target = fileTargetOf(req);
  if (target !== null) {
    // Stored (and hashed, and shown) as the absolute path: the confirmation binds to this exact file.
    req.args = { ...req.args, path: resolveTargetPath(target, opts.cwd ?? process.cwd()) };
    try {
      inspectTarget(store, String(req.args.path));
    } catch (e) {
      if (e instanceof BastionError) return invalid(e.message);
      throw e;
    }
  }
  const ids = itemIdsOf(req);
  const missing = ids.filter((itemId) => opts.vault.getItemRef(store, itemId) === null);
  if (missing.length > 0) return invalid(`No such vault item: ${missing.join(', ')}.`);
  if (req.action === 'copy_to_clipboard' && !hasGenerated(String(req.args.generatedId), now)) {
    return invalid(`Generated password ${String(req.args.generatedId)} is not available (expired, or generated in another session).`);
  }

  const risk = ACTION_INFO[req.action].risk;
  const policy = decide(req, { risk, tainted, itemCount: ids.length, rules: opts.rules ?? DEFAULT_ACTION_RULES, remembered: rememberedActions(store) });
  const status: ProposalStatus = policy.decision === 'deny' ? 'denied' : 'pending';
  const effect = describeEffect(req, { store, vault: opts.vault });
  store.db.transaction(() => {
    insert(store, { id, now, actor: prov.actor, action: req.action, args: req.args, risk, tainted, decision: policy.decision, reason: policy.reason, status, prov });
    appendAudit(store, keys, { actor: prov.actor, event: 'proposal_created', action: req.action, proposalId: id, args: req.args, provenance: refs, detail: { risk, tainted, effect } }, now);
    appendAudit(store, keys, { actor: 'policy', event: 'decision', action: req.action, proposalId: id, outcome: policy.decision, reason: policy.reason }, now);
  })();
  return { proposal: getProposal(store, id)!, effect, policy };
}

function insert(
  store: Store,
  p: { id: string; now: number; actor: string; action: string; args: unknown; risk: RiskTier | null; tainted: boolean; decision: string; reason: string; status: ProposalStatus; prov: ParsedProvenance },
): void {
  store.db
    .prepare(
      'insert into proposals (id, created_at, expires_at, actor, action, args, args_hash, risk, tainted, decision, reason, status, provenance, result, undo, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,null,null,?)',
    )
    .run(p.id, p.now, p.now + CONFIRMATION_TTL_MS, p.actor, p.action, canonicalJson(p.args), argsHash(p.action, p.args), p.risk, p.tainted ? 1 : 0, p.decision, p.reason, p.status, JSON.stringify(p.prov), p.now);
}

export function rejectProposal(store: Store, id: string, opts: { keys?: InstallKeys; now?: number } = {}): ProposalRecord {
  const keys = opts.keys ?? loadInstallKeys(store.dataDir);
  const now = opts.now ?? Date.now();
  const p = getProposal(store, id);
  if (!p) throw new BastionError('NOT_FOUND', `No proposal ${id}; see \`bastion proposals\`.`);
  if (p.status !== 'pending') throw new BastionError('CONFLICT', `Proposal ${id} is ${p.status}, not pending.`);
  store.db.transaction(() => {
    updateProposal(store, id, { status: 'rejected', now });
    appendAudit(store, keys, { actor: 'user', event: 'rejected', action: p.action, proposalId: id }, now);
  })();
  return getProposal(store, id)!;
}
