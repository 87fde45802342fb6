import { existsSync } from 'node:fs';
import { changePasswordUrl, displayPath, isUndoable, typedConfirmationText, type ItemRef, type ProposalRecord } from '../permissions';
import { ACTION_INFO, FINDING_TITLES, isActionName, type ActionName, type RiskTier } from '../vocabulary';

const KIND_WORDS = Object.fromEntries(Object.entries(FINDING_TITLES).map(([k, t]) => [k, t.one])) as Record<keyof typeof FINDING_TITLES, string>;

// Turns the permission layer's stored proposals into what a person reviews before confirming (the app's dialog and
// `bastion confirm`'s prompt). Every field is computed by code from the proposal record, the current policy decision
// and the vault (item title, URL, file path) — never copied from model text.

export type Confirmation = 'none' | 'yes_no' | 'yes_no_vault_password' | 'typed_title';
type GrantName = 'once' | 'session' | 'always';

export interface ProposalView {
  id: string;
  /** SHA-256 of the exact action + args shown: the confirmation quotes it, so it can only run what was shown. */
  argsHash: string;
  action: ActionName;
  title: string;
  args: Record<string, unknown>;
  risk: RiskTier;
  requiresConfirmation: boolean;
  tainted: boolean;
  status: string;
  createdAt: number | null;
  undoable: boolean;
  /** Set for destructive actions: the exact text the user must type to confirm. */
  typeToConfirm: string | null;
  effect: { summary: string; item: { id: string; title: string; field: string | null } | null; url: string | null; file: string | null; before: string | null; after: string | null };
  provenance: {
    origin: 'user' | 'model';
    /** Who asked for it, in words: "You (a button, shortcut or the palette)" or "The assistant, from your message «…»". */
    by: string;
    userMessage: string | null;
    items: { id: string; title: string }[];
    chunks: string[];
    documents: { chunkId: string; title: string; heading: string; untrusted: boolean }[];
    untrusted: boolean;
    why: string[];
  };
  decision: { decision: 'allow' | 'confirm' | 'deny'; reason: string } | null;
  confirmation: Confirmation;
  grants: GrantName[];
}

export interface ActionOutcome {
  proposalId: string;
  status: string;
  message: string;
  generated?: { id: string; password: string };
}

export interface DecisionLike {
  decision: 'allow' | 'confirm' | 'deny';
  reason: string;
  confirmation: Confirmation;
  grants: GrantName[];
  flagged: string | null;
}

export interface ViewContext {
  lookup(id: string): ItemRef | null;
  /** The permission layer's effect text (describeEffect). */
  effect(p: ProposalRecord): string | null;
  decision(p: ProposalRecord): DecisionLike | null;
  /** Seconds before a copied password is cleared (the user's setting). */
  clipboardClearSeconds: number;
  /** Names the knowledge chunks in the model's context (absent without a knowledge engine: ids only). */
  chunks?(ids: readonly string[]): { chunkId: string; title: string; heading: string; untrusted: boolean }[];
}

const TAINT_WHY = 'Untrusted text (vault titles, notes, URLs or one of your documents) was in the assistant\'s context when it proposed this; it may come from an injected instruction.';

/** Null for invalid proposals (unknown action): those are shown in the audit log, never as a confirmable card. */
export function toProposalView(p: ProposalRecord, ctx: ViewContext): ProposalView | null {
  const action = p.action;
  if (!isActionName(action) || p.decision === 'invalid') return null;
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
    // Once run: whether this execution kept what undo needs. Before: whether it will (overwriting an export cannot be
    // undone; moving it to the trash can).
    undoable: p.status === 'executed' ? isUndoable(p) : info.undoable && !(action === 'delete_plaintext_export' && args.mode === 'overwrite'),
    typeToConfirm: confirmation === 'typed_title' ? typedConfirmationText({ action, args }, first?.ref ?? null) : null,
    effect: {
      summary: ctx.effect(p) ?? info.title,
      item: first ? { id: first.id, title: first.ref?.title ?? '(no longer in the vault)', field: fieldOf(action) } : null,
      url: action === 'open_change_password_page' && first?.ref ? (changePasswordUrl(first.ref)?.href ?? null) : null,
      file: typeof args.path === 'string' && (action === 'export_report' || action === 'fix_file_permissions' || action === 'delete_plaintext_export') ? displayPath(args.path) : null,
      ...beforeAfter(action, args, first?.ref ?? null, ctx.clipboardClearSeconds),
    },
    provenance: {
      origin: p.actor,
      by: byWhom(p.actor, p.provenance.userMessage ?? null),
      userMessage: p.provenance.userMessage ?? null,
      items: p.provenance.itemIds.map((id) => ({ id, title: ctx.lookup(id)?.title ?? '' })),
      chunks: p.provenance.chunkIds,
      documents: ctx.chunks ? ctx.chunks(p.provenance.chunkIds) : p.provenance.chunkIds.map((chunkId) => ({ chunkId, title: chunkId, heading: '', untrusted: true })),
      untrusted: tainted || p.provenance.untrusted,
      why,
    },
    decision: d ? { decision: d.decision, reason: d.reason } : { decision: p.decision, reason: p.reason },
    confirmation,
    grants: d?.grants.length ? d.grants : ['once'],
  };
}

/**
 * The state before and after, in words, where showing it is safe: never a password, only what changes around it.
 * Null where an action has no meaningful before/after (generating, opening a page).
 */
export function beforeAfter(action: ActionName, args: Record<string, unknown>, ref: ItemRef | null, clearSeconds = 30): { before: string | null; after: string | null } {
  const n = Array.isArray(args.itemIds) ? args.itemIds.length : 0;
  const items = `${n} item${n === 1 ? '' : 's'}`;
  switch (action) {
    case 'generate_password':
    case 'open_change_password_page':
      return { before: null, after: null };
    case 'copy_to_clipboard':
      return { before: 'Clipboard: whatever you copied last', after: `Clipboard: the generated password, cleared after ${clearSeconds} seconds if it is still there` };
    case 'rotate_password':
      return {
        before: 'Password: the current one (never shown; kept in the entry\'s KeePass history)',
        after: `Password: a new random ${typeof args.length === 'number' ? args.length : 20}-character password (a backup of the database is written first)`,
      };
    case 'move_to_recycle_bin':
      return { before: `In ${ref?.group ? `group “${ref.group}”` : 'the vault'}`, after: 'In the Recycle Bin (undo restores it)' };
    case 'export_report': {
      const path = typeof args.path === 'string' ? args.path : '';
      return {
        before: path && existsSync(path) ? 'A file already exists at this path (it will be replaced)' : 'No file at this path',
        after: `A ${String(args.format ?? 'csv').toUpperCase()} hygiene report: findings, item titles and URLs; never a password`,
      };
    }
    case 'snooze_finding':
      return { before: `“${kindWords(args.kind)}” shown for ${items}`, after: `Hidden for ${String(args.days)} days, then shown again if still true` };
    case 'mark_resolved':
      return { before: `“${kindWords(args.kind)}” shown for ${items}`, after: 'Marked resolved (shown again if the password changes and is still affected)' };
    case 'fix_file_permissions':
      return { before: 'Other accounts on this computer may be able to read it', after: 'Readable and writable by you only (600); undo restores the old permissions' };
    case 'delete_plaintext_export':
      return args.mode === 'overwrite'
        ? { before: 'Every password in the export readable as plain text', after: 'Overwritten and deleted; this cannot be undone' }
        : { before: 'Every password in the export readable as plain text', after: 'In the trash (undo puts it back); empty the trash to delete it for good' };
    case 'open_settings_page':
      return { before: null, after: null };
    default:
      action satisfies never;
      return { before: null, after: null };
  }
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
export function toOutcome(p: ProposalRecord, reveal?: (generatedId: string) => string | null): ActionOutcome {
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

/** Who asked, in a person's words (the dialog and `bastion confirm` say this, never "model" or "user"). */
export function byWhom(actor: 'user' | 'model', userMessage: string | null): string {
  const quoted = userMessage ? `«${userMessage.length > 160 ? `${userMessage.slice(0, 157)}…` : userMessage}»` : null;
  if (actor === 'model') return quoted ? `The assistant, from your message ${quoted}` : 'The assistant';
  return quoted ? `You, in your message ${quoted}` : 'You (a button, shortcut or the palette)';
}

function kindWords(kind: unknown): string {
  return typeof kind === 'string' && kind in KIND_WORDS ? KIND_WORDS[kind as keyof typeof KIND_WORDS] : String(kind);
}
