// `ask`: understand the message (deterministically, with the conversation so far), take facts from the engines,
// let a model phrase (never state) them, and turn requests into proposals for the permission layer.
import { BastionError } from '../core';
import type { Store } from '../db';
import { realHost, runDeviceChecks } from '../device';
import { searchKnowledge } from '../knowledge';
import { effectiveSettings, loadManagedPolicy } from '../managed';
import { resolveModelPath } from '../../models';
import { cachedReport, listItemSummaries, type ItemSummary, type Report } from '../vault';
import { loadState, saveState } from './conversation';
import { appendExchange, newConversationId } from './history';
import { modelAccess } from './model-access';
import { submitProposal } from './proposals';
import { respond } from './respond';
import { getRuntime } from './runtime';
import type { AskDeps, AskResult, EngineFallback, Turn } from './turn';
import type { DraftReport } from './draft';
import { indexItems, understand, type ItemIndex } from './understanding';

export type { AskCitation } from './answers';
export type { Generator } from './model-access';
export type { DraftReport } from './draft';
export type { AskDeps, AskResult, EngineFallback } from './turn';

export interface AskOptions {
  model?: string;
  noLlm?: boolean;
  tracePromptsFile?: string;
  onToken?: (delta: string) => void;
  signal?: AbortSignal;
  /** Continue a conversation: follow-ups ("why?", "open the first one") use what it said before. */
  conversationId?: string;
  /** Upper bound on generated tokens per model call (default 256). */
  maxTokens?: number;
  env?: NodeJS.ProcessEnv;
  /** Seams for tests and the eval; the defaults are the real engines. */
  deps?: Partial<AskDeps>;
  /** The clock (dated export file names). */
  now?: Date;
}

const defaultDeps: AskDeps = {
  buildReport: (store) => cachedReport(store),
  searchKnowledge: (store, query, opts) => searchKnowledge(store, query, opts),
  submitProposal,
  loadModel: (path) => getRuntime(path),
  resolveModel: resolveModelPath,
  loadPolicy: () => loadManagedPolicy().policy,
  listItems: (store) => listItemSummaries(store),
  // The app and CLI pass the use case's deviceHealth (policy-marked checks); this default reads this computer.
  deviceHealth: (store) => runDeviceChecks(realHost(process.env), { dataDir: store.dataDir }),
};

export const MAX_QUESTION_CHARS = 4000;

// The name index costs a pass over every title (~0.3 s on 10k items): kept per store until the items change.
const indexes = new WeakMap<Store, { signature: string; index: ItemIndex }>();

function itemIndex(store: Store, items: ItemSummary[]): ItemIndex {
  const signature = items.map((i) => `${i.id}\u0000${i.title}\u0000${i.site ?? ''}\u0000${i.kind}`).join('\u0001');
  const known = indexes.get(store);
  if (known && known.signature === signature) return known.index;
  const index = indexItems(items.map((i) => ({ id: i.id, title: i.title, kind: i.kind, site: i.site })));
  indexes.set(store, { signature, index });
  return index;
}

export async function ask(store: Store, question: string, opts: AskOptions = {}): Promise<AskResult> {
  const q = question.trim();
  if (!q) throw new BastionError('BAD_INPUT', 'Ask a question (it was empty).');
  if (q.length > MAX_QUESTION_CHARS) throw new BastionError('TOO_LARGE', `The question is ${q.length} characters; keep it under ${MAX_QUESTION_CHARS}.`);
  const deps = { ...defaultDeps, ...opts.deps };
  const policy = deps.loadPolicy();
  const llm = modelAccess(store, opts, deps, policy);
  const conversationId = opts.conversationId ?? newConversationId();
  const settings = effectiveSettings(store, policy);
  // One switch: the settings in force (policy "off" beats the user's `history.enabled`).
  const keepHistory = settings.history.enabled;

  const items = deps.listItems(store);
  const index = itemIndex(store, items);
  const state = loadState(store, conversationId, keepHistory);
  const understood = understand(q, index, state);
  let report: Report | undefined;
  const turn: Turn = {
    store,
    q,
    deps,
    llm,
    opts: { noLlm: opts.noLlm, maxTokens: opts.maxTokens, onToken: opts.onToken, now: opts.now },
    conversationId,
    keepHistory,
    followUp: understood.followUp,
    state,
    items: new Map(items.map((i) => [i.id, i])),
    report: () => (report ??= deps.buildReport(store)),
    maxBatch: settings.actions.maxBatch,
  };
  const { result, next } = await respond(turn, understood.intent);
  result.intent = understood.intent.name;
  if (understood.followUp) result.followUp = true;
  const fb = result.fallback ?? draftFallback(result.drafts ?? []);
  if (fb) result.fallback = fb;
  // Model text is checked before anything is shown (draft.ts): the final answer streams, a sentence or line at a time.
  if (opts.onToken) for (const piece of streamPieces(result.answer)) opts.onToken(piece);
  if (keepHistory) appendExchange(store, conversationId, q, result.answer, result.route);
  if (next) saveState(store, conversationId, next, keepHistory);
  return result;
}

/** The answer lost model text: a draft failed the gate, a base model was not asked, or the context did not fit. */
function draftFallback(drafts: DraftReport[]): EngineFallback | null {
  if (drafts.some((d) => d.status === 'used')) return null;
  if (drafts.some((d) => d.status === 'rejected')) return 'quality';
  const skipped = drafts.find((d) => d.status === 'skipped');
  if (!skipped) return null;
  return skipped.reasons[0]?.startsWith('base model') ? 'base_model' : 'too_large';
}

/** The answer in sentence- and line-sized pieces (at most ~200, so a 10,000-item list is not 10,000 events). */
export function streamPieces(text: string): string[] {
  const parts = text.split(/(?<=\n)|(?<=[.!?] )/).filter((p) => p !== '');
  const per = Math.max(1, Math.ceil(parts.length / 200));
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += per) out.push(parts.slice(i, i + per).join(''));
  return out;
}
