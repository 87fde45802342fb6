import { BastionError } from '../core';
import { describeChunks } from '../knowledge';
import {
  confirmProposal,
  createProposal,
  currentDecision,
  effectOf,
  getProposal,
  listProposals,
  recover,
  rejectProposal,
  takeGeneratedText,
  undoAction,
  vaultAccess,
  type ActionRules,
  type ExecutionPorts,
  type Grant,
  type ProposalRecord,
  type Provenance,
} from '../permissions';
import { getItemRef } from '../vault';
import type { UseCaseContext } from './context';
import { deviceFixes } from './device-fixes';
import { toOutcome, toProposalView, type ActionOutcome, type ProposalView, type ViewContext } from './proposal-view';

// Every action a person or the assistant asks for, written once: propose → (policy) → confirm or reject → execute
// through the gate → undo. The permission layer decides and audits; this layer supplies the policy in force, the
// machine's ports and the words a person reviews.

export interface Settled {
  /** The stored proposal after the step (the CLI's --json shows it whole). */
  record: ProposalRecord;
  outcome: ActionOutcome;
}

function rules(ctx: UseCaseContext): ActionRules {
  return ctx.settings().actions;
}

/** The ports executions use: the front end's clipboard and browser, the vault, the user's clipboard timeout. */
export function executionPorts(ctx: UseCaseContext): ExecutionPorts {
  const envMs = Number(ctx.env.BASTION_CLIPBOARD_CLEAR_MS);
  const clipboardClearMs = Number.isFinite(envMs) && envMs > 0 ? envMs : ctx.settings().clipboard.clearSeconds * 1000;
  const { openSettings, ...ports } = ctx.ports;
  return { vault: vaultAccess, device: deviceFixes(ctx.env, openSettings), ...ports, clipboardClearMs, now: ctx.now };
}

function viewContext(ctx: UseCaseContext): ViewContext {
  const store = ctx.store();
  const r = rules(ctx);
  const clipboardClearMs = executionPorts(ctx).clipboardClearMs!;
  return {
    lookup: (id) => getItemRef(store, id),
    chunks: (ids) => describeChunks(store, ids),
    effect: (p) => effectOf(store, p, { vault: vaultAccess, clipboardClearMs }),
    decision: (p) => currentDecision(store, p, r),
    clipboardClearSeconds: Math.round(clipboardClearMs / 1000),
  };
}

const reveal = (generatedId: string) => takeGeneratedText(generatedId);

function settled(record: ProposalRecord): Settled {
  return { record, outcome: toOutcome(record, reveal) };
}

/** Settles executions a crash interrupted (every CLI command and the app's start run this first). */
export function recoverActions(ctx: UseCaseContext): { completed: string[]; aborted: string[] } {
  return recover(ctx.store(), ctx.keys());
}

export function listViews(ctx: UseCaseContext, opts: { all?: boolean; limit?: number } = {}): ProposalView[] {
  const vc = viewContext(ctx);
  const list = listProposals(ctx.store(), { ...(opts.all ? {} : { status: ['pending'] }), limit: opts.limit ?? 200 });
  return list.map((p) => toProposalView(p, vc)).filter((v): v is ProposalView => v !== null);
}

/** What to review before confirming, or null for an unknown or invalid proposal. */
export function review(ctx: UseCaseContext, id: string): { record: ProposalRecord; view: ProposalView | null } {
  const record = getProposal(ctx.store(), id);
  if (!record) throw new BastionError('NOT_FOUND', `There is no proposal ${id}; list them with \`bastion proposals\`.`);
  return { record, view: toProposalView(record, viewContext(ctx)) };
}

/**
 * A request made by the person (a button, the palette, `bastion propose`): validated, decided, audited, and run at
 * once when policy allows it outright. Relative file paths resolve against the proposer's directory, now.
 */
export async function propose(ctx: UseCaseContext, request: unknown, provenance: Partial<Provenance> = {}): Promise<Settled & { view: ProposalView | null }> {
  const created = await createProposal(ctx.store(), absolutePaths(ctx, request), { actor: 'user', ...provenance }, { keys: ctx.keys(), rules: rules(ctx), ports: executionPorts(ctx), now: ctx.now(), cwd: ctx.cwd });
  return { ...settled(created.proposal), view: toProposalView(created.proposal, viewContext(ctx)) };
}

/** The assistant's hand-off: stored, decided and audited under the policy in force; never executed here. */
export async function submitFromAssistant(ctx: UseCaseContext, request: unknown, provenance: Provenance): Promise<ProposalRecord> {
  return (await createProposal(ctx.store(), absolutePaths(ctx, request), provenance, { keys: ctx.keys(), rules: rules(ctx), vault: vaultAccess, now: ctx.now(), cwd: ctx.cwd })).proposal;
}

export interface ConfirmRequest {
  id: string;
  /** The hash of what the person reviewed; defaults to the stored one only for callers that showed it (the CLI). */
  argsHash: string;
  grant?: Grant;
  typedTitle?: string;
  vaultPassword?: string;
  keyFile?: Uint8Array;
  nonInteractive?: boolean;
}

export async function confirm(ctx: UseCaseContext, req: ConfirmRequest): Promise<Settled> {
  const { id, argsHash, grant, typedTitle, vaultPassword, keyFile, nonInteractive } = req;
  const record = await confirmProposal(
    ctx.store(),
    ctx.keys(),
    { id, argsHash, grant: grant ?? 'once', ...(typedTitle !== undefined ? { typedTitle } : {}), ...(vaultPassword !== undefined ? { vaultPassword } : {}), ...(keyFile ? { keyFile } : {}), ...(nonInteractive ? { nonInteractive } : {}) },
    executionPorts(ctx),
    { rules: rules(ctx), now: ctx.now() },
  );
  return settled(record);
}

export function reject(ctx: UseCaseContext, id: string): Settled {
  return settled(rejectProposal(ctx.store(), id, { keys: ctx.keys(), now: ctx.now() }));
}

export async function undo(ctx: UseCaseContext, req: { id: string; vaultPassword?: string; keyFile?: Uint8Array }): Promise<Settled> {
  return settled(await undoAction(ctx.store(), ctx.keys(), req, executionPorts(ctx)));
}

export interface Generated {
  id: string;
  /** Only present when the caller asked to reveal it: shown once, never stored or logged. */
  password: string | null;
  bits: number;
  length: number;
}

/** generate_password through the permission layer (read-only: policy allows it outright unless denied). */
export async function generate(ctx: UseCaseContext, args: { length?: number; words?: number; symbols?: boolean }, opts: { reveal: boolean }): Promise<Generated> {
  const { record } = await propose(ctx, { action: 'generate_password', args });
  if (record.status !== 'executed') throw new BastionError(record.status === 'invalid' ? 'BAD_INPUT' : 'POLICY_DENIED', record.reason);
  const id = String(record.result?.generatedId);
  return { id, password: opts.reveal ? takeGeneratedText(id) : null, bits: Number(record.result?.bits), length: Number(record.result?.length) };
}

/** A file an action writes is fixed when it is proposed: relative to the proposer's directory, then absolute. */
function absolutePaths(ctx: UseCaseContext, request: unknown): unknown {
  const r = request as { action?: unknown; args?: Record<string, unknown> } | null;
  if (!r || r.action !== 'export_report' || !r.args || typeof r.args.path !== 'string' || r.args.path === '') return request;
  return { ...r, args: { ...r.args, path: ctx.path(r.args.path) } };
}
