import { appendAudit } from '../audit';
import { BastionError } from '../core';
import { loadInstallKeys, type InstallKeys, type Store } from '../db';
import { ACTION_INFO, type ActionName } from './catalog';
import { describeEffect, isWritableSource, itemIdsOf, typedConfirmationText } from './effects';
import { claim, execute, recoverInterrupted, undo, type VaultSecrets } from './gate';
import { rememberedActions, rememberGrant } from './grants';
import { decide, DEFAULT_ACTION_RULES, type ActionRules, type Decision, type Grant } from './policy';
import type { ExecutionPorts } from './ports';
import { vaultAccess } from './vault-access';
import { argsHash, getProposal, recordProposal, updateProposal, type CreatedProposal, type ProposalRecord, type Provenance } from './proposals';

// The functions the desktop app's IPC handlers and the CLI call.

export interface CreateOptions {
  keys?: InstallKeys;
  rules?: ActionRules;
  now?: number;
  /** Ports for executing a policy-allowed proposal at once. Without them it stays pending (never executes). */
  ports?: ExecutionPorts;
  /** The proposer's folder, against which a relative file target is made absolute now. Default: process.cwd(). */
  cwd?: string;
}

/**
 * Records a proposal (see recordProposal) and, when policy allows it outright and ports are given, runs it through
 * the gate. Tainted proposals are never allowed outright, so they always wait for a confirmation.
 */
export async function createProposal(store: Store, request: unknown, provenance: Provenance, opts: CreateOptions & { vault?: ExecutionPorts['vault'] } = {}): Promise<CreatedProposal> {
  const vault = opts.ports?.vault ?? opts.vault ?? vaultAccess;
  const keys = opts.keys ?? loadInstallKeys(store.dataDir);
  const created = recordProposal(store, request, provenance, { keys, vault, rules: opts.rules, now: opts.now, cwd: opts.cwd });
  if (created.policy?.decision === 'allow' && created.proposal.status === 'pending' && opts.ports) {
    try {
      claim(store, created.proposal, 'execute', opts.now ?? Date.now());
      const proposal = await execute(store, keys, created.proposal, opts.ports, 'policy');
      return { ...created, proposal };
    } catch {
      return { ...created, proposal: getProposal(store, created.proposal.id)! };
    }
  }
  return created;
}

export interface ConfirmInput extends VaultSecrets {
  id: string;
  /** The argsHash the user was shown: binds the confirmation to this exact proposal. */
  argsHash: string;
  grant?: Grant;
  /** For destructive actions: the entry title, typed by the user. */
  typedTitle?: string;
  /** Set by `--yes`: a confirmation without a prompt (refused where policy does not allow it). */
  nonInteractive?: boolean;
}

export interface ConfirmOptions {
  rules?: ActionRules;
  now?: number;
}

/** Current policy view of a stored proposal (policy may have changed since it was made). */
export function currentDecision(store: Store, p: ProposalRecord, rules: ActionRules = DEFAULT_ACTION_RULES): Decision | null {
  if (p.decision === 'invalid' || !p.risk) return null;
  const action = p.action as ActionName;
  return decide({ action }, { risk: ACTION_INFO[action].risk, tainted: p.tainted, itemCount: itemIdsOf({ action, args: p.args }).length, rules, remembered: rememberedActions(store) });
}

export async function confirmProposal(store: Store, keys: InstallKeys, input: ConfirmInput, ports: ExecutionPorts, opts: ConfirmOptions = {}): Promise<ProposalRecord> {
  const now = opts.now ?? ports.now?.() ?? Date.now();
  const p = getProposal(store, input.id);
  const refuse = (code: 'CONFLICT' | 'POLICY_DENIED' | 'BAD_INPUT' | 'CONFIRMATION_REQUIRED', reason: string, status?: 'expired' | 'denied'): never => {
    store.db.transaction(() => {
      if (p && status) updateProposal(store, p.id, { status, now });
      appendAudit(store, keys, { actor: 'user', event: 'confirmation_refused', action: p?.action ?? null, proposalId: input.id.slice(0, 100), reason }, now);
    })();
    throw new BastionError(code, reason);
  };
  if (!p) {
    appendAudit(store, keys, { actor: 'user', event: 'confirmation_refused', proposalId: input.id.slice(0, 100), reason: 'no such proposal' }, now);
    throw new BastionError('NOT_FOUND', `No proposal ${input.id}; see \`bastion proposals\`.`);
  }
  if (p.status !== 'pending') {
    const ran = ['executing', 'executed', 'failed', 'undoing', 'undone'].includes(p.status);
    return refuse('CONFLICT', ran ? `Proposal ${p.id} was already confirmed (it is ${p.status}); it runs at most once.` : `Proposal ${p.id} is ${p.status}, not pending.`);
  }
  // Recompute rather than trust the stored hash column: a row edited after the user saw it no longer matches.
  if (input.argsHash !== p.argsHash || argsHash(p.action, p.args) !== p.argsHash) {
    return refuse('CONFLICT', `This confirmation is for different arguments than proposal ${p.id} holds; review it again.`);
  }
  if (now > p.expiresAt) return refuse('CONFLICT', `Proposal ${p.id} expired; ask again to get a fresh proposal.`, 'expired');
  const decision = currentDecision(store, p, opts.rules);
  if (!decision || decision.decision === 'deny') return refuse('POLICY_DENIED', decision?.reason ?? 'Invalid proposal.', 'denied');
  const grant = input.grant ?? 'once';
  if (decision.decision === 'confirm' && !decision.grants.includes(grant)) {
    return refuse('BAD_INPUT', `"${grant}" is not allowed for this proposal (${p.tainted ? 'it is flagged' : `${p.risk} actions`}); only: ${decision.grants.join(', ')}.`);
  }
  if (input.nonInteractive && !decision.nonInteractive) {
    return refuse('CONFIRMATION_REQUIRED', 'Policy requires an interactive confirmation for this proposal (no --yes).');
  }
  const action = p.action as ActionName;
  const ref = typeof p.args.itemId === 'string' ? ports.vault.getItemRef(store, p.args.itemId) : null;
  if (decision.confirmation === 'typed_title') {
    const expected = typedConfirmationText({ action, args: p.args }, ref);
    if (!expected || input.typedTitle !== expected) return refuse('CONFIRMATION_REQUIRED', 'What you typed does not match the name shown; nothing was changed.');
  }
  if (decision.confirmation === 'yes_no_vault_password' && ref && isWritableSource(ref) && input.vaultPassword === undefined) {
    return refuse('CONFIRMATION_REQUIRED', `Writing to ${ref.sourcePath} needs its database password (--password-env VAR).`);
  }
  // Everything above read state outside a transaction; the claim re-checks "still pending" atomically, so of two
  // confirmations at once (two processes, a double click) only one records 'confirmed' and executes.
  try {
    claim(store, p, 'execute', now, () => {
      appendAudit(store, keys, { actor: 'user', event: 'confirmed', action, proposalId: p.id, args: p.args, outcome: grant, detail: { argsHash: p.argsHash, form: decision.confirmation } }, now);
      if (grant !== 'once') rememberGrant(store, action, grant, now);
    });
  } catch (e) {
    if (e instanceof BastionError && e.code === 'CONFLICT') return refuse('CONFLICT', e.message);
    throw e;
  }
  return execute(store, keys, p, ports, 'user', { vaultPassword: input.vaultPassword, keyFile: input.keyFile });
}

export async function undoAction(store: Store, keys: InstallKeys, input: { id: string } & VaultSecrets, ports: ExecutionPorts): Promise<ProposalRecord> {
  const p = getProposal(store, input.id);
  if (!p) throw new BastionError('NOT_FOUND', `No proposal ${input.id}; see \`bastion proposals\`.`);
  if (p.decision === 'invalid' || !ACTION_INFO[p.action as ActionName]?.undoable) throw new BastionError('UNSUPPORTED', `${p.action} cannot be undone.`);
  if (p.status === 'executed' && !p.undo) {
    throw new BastionError('UNSUPPORTED', p.action === 'export_report' ? 'This export wrote a new file (nothing was replaced), so there is nothing to restore; delete the file if you do not want it.' : `Proposal ${p.id} left nothing to undo.`);
  }
  return undo(store, keys, p, ports, input);
}

/** Whether `bastion undo` can act on this proposal now (the catalog says which actions can; the proposal, whether it did). */
export function isUndoable(p: ProposalRecord): boolean {
  return p.decision !== 'invalid' && Boolean(ACTION_INFO[p.action as ActionName]?.undoable) && p.status === 'executed' && p.undo !== null;
}

/** Run at start-up (CLI commands, app launch): settles executions a crash interrupted. */
export function recover(store: Store, keys: InstallKeys): { completed: string[]; aborted: string[] } {
  return recoverInterrupted(store, keys);
}

export function effectOf(store: Store, p: ProposalRecord, ports: Pick<ExecutionPorts, 'vault' | 'clipboardClearMs'>): string | null {
  if (p.decision === 'invalid') return null;
  const seconds = ports.clipboardClearMs !== undefined ? Math.round(ports.clipboardClearMs / 1000) : undefined;
  return describeEffect({ action: p.action as ActionName, args: p.args }, { store, vault: ports.vault, ...(seconds !== undefined ? { clipboardClearSeconds: seconds } : {}) });
}
