import { BastionError } from '../core';
import type { InstallKeys, Store } from '../db';
import { ACTION_INFO, ACTION_NAMES, type ActionName, type ProposalRequest, type RiskTier } from '../permissions/catalog';
import type { ActionOutcomeT, ItemRefT, ProposalViewT } from './contract';
import type { Engine, PermissionsFace } from './engine';

// Turns the permission layer's stored proposals into what the confirm dialog shows. Every field is computed by code
// from the proposal record and the vault (item title, URL, file path), never copied from model text.

type Rec = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const rec = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export interface ProposalDeps {
  store: Store;
  keys: InstallKeys;
  engine: Engine;
  /** The ports executors act through (clipboard, openExternal, the vault access). */
  ports: Record<string, unknown>;
}

export function requirePermissions(engine: Engine): PermissionsFace {
  if (!engine.permissions) throw new BastionError('UNSUPPORTED', 'The permission layer (electron/permissions) is not built in this version, so actions cannot run.');
  return engine.permissions;
}

function isAction(a: unknown): a is ActionName {
  return typeof a === 'string' && (ACTION_NAMES as string[]).includes(a);
}

/** Normalises one stored proposal (whatever extra fields the permission layer keeps) into the dialog's view. */
export function toProposalView(raw: unknown, lookup: (id: string) => ItemRefT | null, describe?: (p: { action: ActionName; args: Rec }) => string): ProposalViewT {
  const p = rec(raw);
  const action = p.action;
  if (!isAction(action)) throw new BastionError('INTERNAL', 'A stored proposal names an unknown action.');
  const args = rec(p.args);
  const info = ACTION_INFO[action];
  const prov = rec(p.provenance);
  const itemIds = Array.isArray(args.itemIds) ? (args.itemIds as string[]) : typeof args.itemId === 'string' ? [args.itemId] : [];
  const refs = itemIds.map((id) => ({ id, ref: lookup(id) }));
  const first = refs[0];
  const tainted = p.tainted === true;
  const untrustedWhy = [
    ...arr(prov.why ?? prov.reasons).filter((x): x is string => typeof x === 'string'),
    ...(str(p.flagged) ? [str(p.flagged)!] : []),
  ];
  if (tainted && untrustedWhy.length === 0) untrustedWhy.push('Untrusted text (vault titles, URLs or an imported document) was in context when the model proposed this.');
  const url = action === 'open_change_password_page' && first?.ref ? changeUrl(first.ref) : null;
  const typeToConfirm = info.risk === 'destructive' ? (first?.ref?.title ?? first?.id ?? null) : null;
  return {
    id: String(p.id),
    action,
    title: info.title,
    args,
    risk: (str(p.risk) as RiskTier | null) ?? info.risk,
    requiresConfirmation: p.requiresConfirmation !== false,
    tainted,
    status: str(p.status) ?? 'pending',
    createdAt: num(p.createdAt) ?? num(p.created_at) ?? null,
    undoable: info.undoable,
    typeToConfirm,
    effect: {
      summary: str(p.effect) ?? describe?.({ action, args }) ?? info.title,
      item: first ? { id: first.id, title: first.ref?.title ?? '(not in the vault)', field: fieldOf(action) } : null,
      url,
      file: action === 'export_report' ? str(args.path) : null,
      before: null,
      after: null,
    },
    provenance: {
      origin: str(prov.origin) === 'user' || str(p.origin) === 'user' ? 'user' : 'model',
      userMessage: str(prov.userMessage) ?? str(prov.question) ?? null,
      items: arr(prov.items ?? prov.itemRefs).map((x) => ({ id: String(rec(x).id ?? x), title: String(rec(x).title ?? lookup(String(rec(x).id ?? x))?.title ?? '') })),
      chunks: arr(prov.chunks).map((x) => ({ doc: String(rec(x).doc ?? ''), title: String(rec(x).title ?? rec(x).doc ?? ''), untrusted: rec(x).untrusted === true })),
      untrusted: tainted || prov.untrusted === true,
      why: tainted ? untrustedWhy : [],
    },
    confirmation: confirmationOf(p, info.risk),
    grants: grantsOf(p),
    decision: (() => {
      const d = rec(p.decision);
      const kind = d.decision;
      return kind === 'allow' || kind === 'confirm' || kind === 'deny' ? { decision: kind, reason: String(d.reason ?? '') } : null;
    })(),
  };
}

const CONFIRMATIONS = ['none', 'yes_no', 'yes_no_vault_password', 'typed_title'] as const;
function confirmationOf(p: Rec, risk: RiskTier): ProposalViewT['confirmation'] {
  const c = rec(p.decision).confirmation ?? p.confirmation;
  if (typeof c === 'string' && (CONFIRMATIONS as readonly string[]).includes(c)) return c as ProposalViewT['confirmation'];
  if (risk === 'destructive') return 'typed_title';
  if (risk === 'vault_write') return 'yes_no_vault_password';
  return p.requiresConfirmation === false ? 'none' : 'yes_no';
}

function grantsOf(p: Rec): ProposalViewT['grants'] {
  const g = arr(rec(p.decision).grants ?? p.grants).filter((x): x is 'once' | 'session' | 'always' => x === 'once' || x === 'session' || x === 'always');
  return g.length ? g : ['once'];
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

/** Normalises an execution/confirmation result; a generated password passes through only in `generated`. */
export function toOutcome(id: string, raw: unknown, fallbackStatus: string): ActionOutcomeT {
  const r = rec(raw);
  const result = rec(r.result ?? r.value);
  const gen = rec(r.generated ?? result.generated ?? result);
  const password = str(gen.password);
  const genId = str(gen.generatedId) ?? str(gen.id);
  return {
    proposalId: str(r.proposalId) ?? str(rec(r.proposal).id) ?? id,
    status: str(r.status) ?? str(r.outcome) ?? fallbackStatus,
    message: str(r.message) ?? str(r.summary) ?? str(r.reason) ?? fallbackStatus,
    ...(password && genId ? { generated: { id: genId, password } } : {}),
  };
}

export type { ProposalRequest };
