import { ACTION_INFO, ACTION_NAMES, type ActionName } from '../permissions/catalog';
import type { ProposalRecord } from '../permissions';
import type { ActionOutcomeT, ItemRefT, ProposalViewT } from './contract';

// Turns the permission layer's stored proposals into what the confirm dialog shows. Every field is computed by code
// from the proposal record, the current policy decision and the vault (item title, URL, file path) — never copied
// from model text.

export interface DecisionLike {
  decision: 'allow' | 'confirm' | 'deny';
  reason: string;
  confirmation: 'none' | 'yes_no' | 'yes_no_vault_password' | 'typed_title';
  grants: ('once' | 'session' | 'always')[];
  flagged: string | null;
}

export interface ViewContext {
  lookup(id: string): ItemRefT | null;
  /** The permission layer's effect text (describeEffect). */
  effect(p: ProposalRecord): string | null;
  decision(p: ProposalRecord): DecisionLike | null;
}

export function isAction(a: unknown): a is ActionName {
  return typeof a === 'string' && (ACTION_NAMES as string[]).includes(a);
}

const TAINT_WHY = 'Untrusted text (vault titles, notes, URLs or one of your documents) was in the assistant\'s context when it proposed this; it may come from an injected instruction.';

/** Null for invalid proposals (unknown action): those are shown in the audit log, never as a confirmable card. */
export function toProposalView(p: ProposalRecord, ctx: ViewContext): ProposalViewT | null {
  const action = p.action;
  if (!isAction(action) || p.decision === 'invalid') return null;
  const info = ACTION_INFO[action];
  const args = p.args;
  const itemIds = Array.isArray(args.itemIds) ? (args.itemIds as string[]) : typeof args.itemId === 'string' ? [args.itemId] : [];
  const refs = itemIds.map((id) => ({ id, ref: ctx.lookup(id) }));
  const first = refs[0];
  const d = ctx.decision(p);
  const tainted = p.tainted;
  const why = tainted ? [...(d?.flagged ? [d.flagged] : []), ...(d?.flagged ? [] : [TAINT_WHY])] : [];
  const confirmation = d?.confirmation ?? (info.risk === 'destructive' ? 'typed_title' : info.risk === 'vault_write' ? 'yes_no_vault_password' : 'yes_no');
  return {
    id: p.id,
    argsHash: p.argsHash,
    action,
    title: info.title,
    args,
    risk: p.risk ?? info.risk,
    requiresConfirmation: (d?.decision ?? p.decision) === 'confirm',
    tainted,
    status: p.status,
    createdAt: p.createdAt,
    undoable: info.undoable,
    typeToConfirm: confirmation === 'typed_title' ? (first?.ref?.title ?? null) : null,
    effect: {
      summary: ctx.effect(p) ?? info.title,
      item: first ? { id: first.id, title: first.ref?.title ?? '(no longer in the vault)', field: fieldOf(action) } : null,
      url: action === 'open_change_password_page' && first?.ref ? changeUrl(first.ref) : null,
      file: action === 'export_report' && typeof args.path === 'string' ? args.path : null,
      before: null,
      after: null,
    },
    provenance: {
      origin: p.actor,
      userMessage: p.provenance.userMessage ?? null,
      items: p.provenance.itemIds.map((id) => ({ id, title: ctx.lookup(id)?.title ?? '' })),
      chunks: p.provenance.chunkIds,
      untrusted: tainted || p.provenance.untrusted,
      why,
    },
    decision: d ? { decision: d.decision, reason: d.reason } : { decision: p.decision, reason: p.reason },
    confirmation,
    grants: d?.grants.length ? d.grants : ['once'],
  };
}

function fieldOf(action: ActionName): string | null {
  switch (action) {
    case 'rotate_password':
      return 'Password';
    case 'move_to_recycle_bin':
      return 'whole entry';
    case 'open_change_password_page':
      return 'URL';
    default:
      return null;
  }
}

/** Same rule as the permission layer: the item's own first http(s) URL, /.well-known/change-password. */
function changeUrl(ref: ItemRefT): string | null {
  for (const raw of ref.urls) {
    try {
      const u = new URL(raw.includes('://') ? raw : `https://${raw}`);
      if ((u.protocol === 'https:' || u.protocol === 'http:') && u.hostname && !u.username && !u.password) return new URL('/.well-known/change-password', u.origin).href;
    } catch {
      /* next URL */
    }
  }
  return null;
}

const MESSAGES: Partial<Record<string, string>> = {
  executed: 'done',
  rejected: 'rejected; nothing was changed',
  undone: 'undone',
  pending: 'waiting for your confirmation',
  denied: 'refused by policy',
  failed: 'failed',
  expired: 'expired; ask again',
};

/** A decided proposal as the renderer sees it; `reveal` gives the generated password for generate_password. */
export function toOutcome(p: ProposalRecord, reveal?: (generatedId: string) => string | null): ActionOutcomeT {
  const genId = p.action === 'generate_password' && typeof p.result?.generatedId === 'string' ? p.result.generatedId : null;
  const password = genId && reveal ? reveal(genId) : null;
  const resultMsg = typeof p.result?.message === 'string' ? p.result.message : null;
  return {
    proposalId: p.id,
    status: p.status,
    message: resultMsg ?? (p.status === 'denied' || p.status === 'invalid' ? `${MESSAGES[p.status] ?? p.status}: ${p.reason}` : (MESSAGES[p.status] ?? p.status)),
    ...(genId && password ? { generated: { id: genId, password } } : {}),
  };
}
