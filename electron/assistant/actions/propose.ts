// Planned requests → proposals, through deps.submitProposal only (the permission layer validates, decides and
// audits). When the message did not pin an item down and a model is available, the model may fill the arguments —
// under a grammar fixed to the requested action and the items in context — and its answer is checked again: an
// invalid request or one from another action family is dropped, never "fixed up".
import { routeSettings } from '../../../native';
import type { Store } from '../../db';
import type { Provenance } from '../../permissions';
import type { ModelAccess } from '../model-access';
import { proposalPrompt } from '../prompt';
import { actionTitle, RISK_TITLES, type RiskTier } from '../../vocabulary';
import { isRefused, requestGrammarSchema, validateRequest, type AskProposal, type SubmitProposal } from '../proposals';
import type { ActionSpec } from '../understanding';
import { sameFamily } from './family';
import type { PlannedRequest } from './plan';

export interface Proposed {
  list: AskProposal[];
  notes: string[];
  /** Set when model output was not used: 'invalid' or 'family_mismatch'; 'base_model' when a base model was not asked. */
  fallback?: 'invalid' | 'family_mismatch' | 'base_model';
}

/** In words: what was proposed and what happens next (the CLI and the app add how to review it). */
function describe(made: AskProposal): string {
  const how = made.requiresConfirmation ? 'nothing happens until you review and confirm it' : 'your settings allow it without a confirmation; it runs when you start it';
  const flagged = made.tainted ? '; flagged: vault text was in view when it was made' : '';
  return `Proposed: ${actionTitle(made.action)} (${(RISK_TITLES[made.risk as RiskTier] ?? 'an action').toLowerCase()}${flagged}) — ${how}.`;
}

const refusedNote = (action: string, reason: string) => `I could not propose "${actionTitle(action).toLowerCase()}": ${reason}`;

function itemIdsIn(args: Record<string, unknown>): string[] {
  const ids = [args.itemId, ...(Array.isArray(args.itemIds) ? args.itemIds : [])].filter((x): x is string => typeof x === 'string');
  return [...new Set(ids)];
}

/** Requests the code derived from the user's own words: the user's request, with their message as provenance. */
export async function submitPlanned(store: Store, requests: PlannedRequest[], q: string, conversationId: string | null, submit: SubmitProposal): Promise<Proposed> {
  const out: Proposed = { list: [], notes: [] };
  for (const r of requests) {
    const checked = validateRequest(r);
    if (!checked.ok) {
      out.notes.push(`The request to ${actionTitle(r.action).toLowerCase()} was not valid (${checked.reason}), so nothing was proposed.`);
      continue;
    }
    const provenance: Provenance = { actor: 'user', userMessage: q, itemIds: itemIdsIn(r.args), chunkIds: [], untrusted: false, ...(conversationId ? { conversationId } : {}) };
    const made = await submit(store, checked.request, provenance);
    if (isRefused(made)) out.notes.push(refusedNote(r.action, made.refused));
    else out.list.push(made);
  }
  if (out.list.length === 1) out.notes.unshift(describe(out.list[0]!));
  else if (out.list.length > 1) out.notes.unshift(`Proposed ${out.list.length} × ${actionTitle(out.list[0]!.action).toLowerCase()} — each waits for your review and confirmation.`);
  return out;
}

/** The model fills an under-specified request; tainted, because vault titles were in its prompt. */
export async function modelFill(store: Store, q: string, spec: ActionSpec, candidates: { id: string; title: string }[], llm: ModelAccess, conversationId: string | null, submit: SubmitProposal): Promise<Proposed> {
  const settings = routeSettings('proposal', (await llm.info()).kind);
  // A base model has no turn format to follow an instruction with: the request stays as the user left it.
  if (!settings) return { list: [], notes: [], fallback: 'base_model' };
  const prompt = proposalPrompt(q, spec.action, candidates);
  const judge = (raw: unknown): { ok: boolean; reasons: string[] } => {
    const c = validateRequest(raw ?? null);
    if (!c.ok) return { ok: false, reasons: [`invalid: ${c.reason}`] };
    return sameFamily(spec.action, c.request.action) ? { ok: true, reasons: [] } : { ok: false, reasons: [`family: ${c.request.action} is not a ${spec.action} request`] };
  };
  const r = await llm.run(
    prompt,
    { route: 'proposal', jsonSchema: requestGrammarSchema(spec.action, { itemIds: candidates.map((c) => c.id) }), mode: settings.mode, maxTokens: settings.maxTokens, temperature: settings.temperature, ...(settings.repeatPenalty ? { repeatPenalty: settings.repeatPenalty } : {}) },
    (g) => judge(g.json),
  );
  const checked = validateRequest(r.json ?? null);
  if (!checked.ok) return { list: [], notes: [`The model's proposal was not valid (${checked.reason}), so nothing was proposed.`], fallback: 'invalid' };
  if (!sameFamily(spec.action, checked.request.action)) {
    return { list: [], notes: [`The model proposed to ${actionTitle(checked.request.action).toLowerCase()}, which is not what you asked for (${actionTitle(spec.action).toLowerCase()}); nothing was proposed.`], fallback: 'family_mismatch' };
  }
  const provenance: Provenance = { actor: 'model', userMessage: q, itemIds: itemIdsIn(checked.request.args as Record<string, unknown>), chunkIds: [], untrusted: prompt.untrusted, ...(conversationId ? { conversationId } : {}) };
  const made = await submit(store, checked.request, provenance);
  if (isRefused(made)) return { list: [], notes: [refusedNote(spec.action, made.refused)] };
  return { list: [made], notes: [describe(made)] };
}
