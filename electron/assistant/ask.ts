// `ask`: route deterministically, take facts from the engines, let the model phrase (never state) them, and turn
// requests into validated proposals for the permission layer.
import { appendFileSync } from 'node:fs';
import type { ChatTurn, GenerateRequest, GenerateResult } from '../../native';
import { BastionError } from '../core';
import type { Store } from '../db';
import { searchKnowledge, type KbResult } from '../knowledge';
import { effectiveSettings, loadManagedPolicy, type ManagedPolicy } from '../managed';
import { resolveModelPath } from '../../models';
import type { ActionName, Provenance } from '../permissions';
import { buildReport, isFindingKind, type Finding, type Report } from '../vault';
import { checkIntro, cleanTitle, findingsFor, rankFindings, vaultFacts, type VaultFacts } from './facts';
import { appendExchange, loadTurns, newConversationId } from './history';
import { assertModelAllowed, chooseModel } from './model-choice';
import { chatPrompt, knowledgePrompt, proposalPrompt, vaultPrompt, type Prompt } from './prompt';
import { requestGrammarSchema, submitProposal, validateRequest, type AskProposal, type SubmitProposal } from './proposals';
import { classify, type Intent } from './route';
import { getRuntime } from './runtime';

export interface AskOptions {
  model?: string;
  noLlm?: boolean;
  tracePromptsFile?: string;
  onToken?: (delta: string) => void;
  signal?: AbortSignal;
  conversationId?: string;
  /** Upper bound on generated tokens per model call (default 256). */
  maxTokens?: number;
  env?: NodeJS.ProcessEnv;
  /** Seams for tests and the eval; the defaults are the real engines. */
  deps?: Partial<AskDeps>;
}

export interface AskCitation {
  doc: string;
  title: string;
  snippet: string;
}

/** Exactly the `bastion ask --json` shape of issue 4. */
export interface AskResult {
  route: 'vault' | 'knowledge' | 'chat';
  answer: string;
  citations: AskCitation[];
  findings: Finding[];
  proposals: AskProposal[];
}

export interface Generator {
  generate(req: GenerateRequest): Promise<GenerateResult>;
}

export interface AskDeps {
  buildReport(store: Store): Report;
  searchKnowledge(store: Store, query: string, opts: { k?: number }): Promise<{ results: KbResult[] }>;
  submitProposal: SubmitProposal;
  /** The model at `path`, loaded once and reused. */
  loadModel(path: string): Promise<Generator>;
  resolveModel(opts: { flag?: string; env?: NodeJS.ProcessEnv; dataDir: string }): string | null;
  /** The managed policy in force (the machine's policy file; locked down when it is invalid). */
  loadPolicy(): ManagedPolicy;
}

const defaultDeps: AskDeps = {
  buildReport: (store) => buildReport(store),
  searchKnowledge: (store, query, opts) => searchKnowledge(store, query, opts),
  submitProposal,
  loadModel: (path) => getRuntime(path),
  resolveModel: resolveModelPath,
  loadPolicy: () => loadManagedPolicy().policy,
};

export const MAX_QUESTION_CHARS = 4000;

const REFUSAL = {
  off_topic: "Sorry, I can only help with password, account and online-security questions — for example \"which of my passwords are reused?\" or \"is SMS 2FA safe?\".",
  harmful: "I can't help with getting into accounts or data that aren't yours. I can help you secure your own accounts — ask me what to fix first in your vault.",
} as const;

const HELP =
  'I am Bastion\'s assistant. Ask about your vault ("which passwords are reused?", "what should I fix first?") or about security in general ("is SMS 2FA safe?"). I can also propose actions such as generating a password; you confirm them.';

export async function ask(store: Store, question: string, opts: AskOptions = {}): Promise<AskResult> {
  const q = question.trim();
  if (!q) throw new BastionError('BAD_INPUT', 'Ask a question (it was empty).');
  if (q.length > MAX_QUESTION_CHARS) throw new BastionError('TOO_LARGE', `The question is ${q.length} characters; keep it under ${MAX_QUESTION_CHARS}.`);
  const deps = { ...defaultDeps, ...opts.deps };
  const intent = classify(q);
  const policy = deps.loadPolicy();
  const llm = modelAccess(store, opts, deps, policy);
  const conversationId = opts.conversationId ?? newConversationId();
  // One switch: the settings in force (policy "off" beats the user's `history.enabled`).
  const keepHistory = effectiveSettings(store, policy).history.enabled;

  let result: AskResult;
  switch (intent.route) {
    case 'refuse':
      result = { route: 'chat', answer: REFUSAL[intent.why], citations: [], findings: [], proposals: [] };
      opts.onToken?.(result.answer);
      break;
    case 'vault':
      result = await answerVault(store, q, intent, llm, deps, opts);
      break;
    case 'knowledge':
      result = await answerKnowledge(store, q, llm, deps, opts);
      break;
    case 'chat':
      result = await answerChat(store, q, intent.action, llm, deps, opts, keepHistory ? conversationId : null);
      break;
    default:
      intent satisfies never;
      throw new BastionError('INTERNAL', 'unknown route');
  }
  if (keepHistory) appendExchange(store, conversationId, q, result.answer, result.route);
  return result;
}

interface ModelAccess {
  /** Null when --no-llm or no model is configured. */
  available: boolean;
  run(prompt: Prompt, extra?: Partial<GenerateRequest>): Promise<GenerateResult>;
}

function modelAccess(store: Store, opts: AskOptions, deps: AskDeps, policy: ManagedPolicy): ModelAccess {
  const path = chooseModel(store, opts, policy, deps.resolveModel);
  return {
    available: path !== null,
    async run(prompt, extra = {}) {
      if (!path) throw new BastionError('MODEL_ERROR', 'No model is set up: run `bastion models pull NAME` or `bastion models import FILE`, or pass --no-llm.');
      const req: GenerateRequest = { system: prompt.system, user: prompt.user, maxTokens: opts.maxTokens ?? 256, signal: opts.signal, ...extra };
      if (opts.tracePromptsFile) {
        const line = { time: new Date().toISOString(), model: path, system: req.system, history: req.history ?? [], user: req.user, ...(req.jsonSchema ? { jsonSchema: req.jsonSchema } : {}) };
        appendFileSync(opts.tracePromptsFile, `${JSON.stringify(line)}\n`);
      }
      await assertModelAllowed(path, policy);
      const model = await deps.loadModel(path);
      try {
        return await model.generate(req);
      } catch (e) {
        if (e instanceof BastionError) throw e;
        throw new BastionError('MODEL_ERROR', `The model failed to answer: ${(e as Error).message}`, { cause: e });
      }
    },
  };
}

async function answerVault(store: Store, q: string, intent: Extract<Intent, { route: 'vault' }>, llm: ModelAccess, deps: AskDeps, opts: AskOptions): Promise<AskResult> {
  const report = deps.buildReport(store);
  const facts = vaultFacts(report, intent.topic);
  let intro: string | null = null;
  if (llm.available) {
    // Not streamed live: the intro is only shown if it passes the fact check.
    const r = await llm.run(vaultPrompt(q, facts), { maxTokens: Math.min(opts.maxTokens ?? 96, 96) });
    if (!r.aborted) intro = checkIntro(r.text, facts);
  }
  const proposals = intent.action ? await propose(store, q, intent.action, intent.topic, report, facts, llm, deps) : { list: [], note: '' };
  const answer = [intro, facts.text, proposals.note].filter(Boolean).join('\n\n');
  opts.onToken?.(answer);
  return { route: 'vault', answer, citations: [], findings: facts.findings, proposals: proposals.list };
}

async function answerKnowledge(store: Store, q: string, llm: ModelAccess, deps: AskDeps, opts: AskOptions): Promise<AskResult> {
  const { results } = await deps.searchKnowledge(store, q, { k: 4 });
  const chunks = results.slice(0, 4);
  if (chunks.length === 0) {
    const answer = "I couldn't find anything about that in Bastion's knowledge base.";
    opts.onToken?.(answer);
    return { route: 'knowledge', answer, citations: [], findings: [], proposals: [] };
  }
  const cite = (c: KbResult): AskCitation => ({ doc: c.doc, title: c.title, snippet: c.snippet });
  if (!llm.available) {
    const top = chunks.slice(0, 3);
    const answer = ['From Bastion\'s knowledge base:', ...top.map((c, i) => `[${i + 1}] ${c.title}${c.heading ? ` — ${c.heading}` : ''}\n${c.snippet}`)].join('\n\n');
    opts.onToken?.(answer);
    return { route: 'knowledge', answer, citations: top.map(cite), findings: [], proposals: [] };
  }
  const r = await llm.run(knowledgePrompt(q, chunks), { onTextChunk: opts.onToken });
  const used = [...new Set([...r.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]) - 1))].filter((i) => i >= 0 && i < chunks.length);
  // The model saw all chunks; if it cited none explicitly, every chunk it was given is a source.
  const cited = (used.length ? used.map((i) => chunks[i]!) : chunks).map(cite);
  const sources = cited.map((c, i) => `[${used.length ? used[i]! + 1 : i + 1}] ${c.title}`).join('\n');
  const answer = `${r.text.trim()}${r.aborted ? ' …(stopped)' : ''}\n\nSources:\n${sources}`;
  return { route: 'knowledge', answer, citations: cited, findings: [], proposals: [] };
}

async function answerChat(store: Store, q: string, action: ActionName | undefined, llm: ModelAccess, deps: AskDeps, opts: AskOptions, conversationId: string | null): Promise<AskResult> {
  let proposals: { list: AskProposal[]; note: string } = { list: [], note: '' };
  if (action) proposals = await propose(store, q, action, null, null, null, llm, deps);
  if (!llm.available) {
    const hint = opts.noLlm ? '' : 'No chat model is set up yet: run `bastion models pull NAME` or `bastion models import FILE` for free-form chat.';
    const answer = [action ? '' : HELP, proposals.note, action ? '' : hint].filter(Boolean).join('\n\n') || HELP;
    opts.onToken?.(answer);
    return { route: 'chat', answer, citations: [], findings: [], proposals: proposals.list };
  }
  const history: ChatTurn[] = conversationId ? loadTurns(store, conversationId) : [];
  const r = await llm.run(chatPrompt(q), { history, onTextChunk: opts.onToken });
  const answer = [`${r.text.trim()}${r.aborted ? ' …(stopped)' : ''}`, proposals.note].filter(Boolean).join('\n\n');
  return { route: 'chat', answer, citations: [], findings: [], proposals: proposals.list };
}

/**
 * One proposal for a recognised request. With a model: the model fills the args under a grammar that only allows
 * the items in context (tainted, because vault titles were in its prompt). Without one: only requests whose args
 * follow from the user's own words and the engine's findings.
 */
async function propose(
  store: Store,
  q: string,
  action: ActionName,
  topic: string | null,
  report: Report | null,
  facts: VaultFacts | null,
  llm: ModelAccess,
  deps: AskDeps,
): Promise<{ list: AskProposal[]; note: string }> {
  const rep = report ?? (action === 'generate_password' || action === 'export_report' ? null : deps.buildReport(store));
  const pool = facts?.findings.length ? facts.findings : rep ? rankFindings(rep.findings) : [];
  const candidates = dedupe(pool.flatMap((f) => f.items)).slice(0, 20);
  let request: unknown = null;
  let provenance: Provenance;
  if (llm.available) {
    const prompt = proposalPrompt(q, action, candidates.map((c) => ({ id: c.id, title: cleanTitle(c.title) })));
    const r = await llm.run(prompt, { jsonSchema: requestGrammarSchema(action, { itemIds: candidates.map((c) => c.id) }), maxTokens: 200 });
    request = r.json ?? null;
    const itemIds = itemIdsIn(request);
    provenance = { actor: 'model', userMessage: q, itemIds, chunkIds: [], untrusted: prompt.untrusted };
  } else {
    request = deterministicRequest(q, action, topic, pool, candidates);
    provenance = { actor: 'user', userMessage: q, itemIds: itemIdsIn(request), chunkIds: [], untrusted: false };
  }
  if (!request) return { list: [], note: `I could not work out the details for "${action}"; name the item, or use the palette.` };
  const checked = validateRequest(request);
  if (!checked.ok) return { list: [], note: `The proposed "${action}" was not valid (${checked.reason}), so nothing was proposed.` };
  const made = await deps.submitProposal(store, checked.request, provenance);
  if (!made) return { list: [], note: `The proposed "${action}" was refused by the permission layer.` };
  const how = made.requiresConfirmation
    ? `nothing happens until you confirm it (\`bastion confirm ${made.id}\` or in the app)`
    : `policy allows it without a confirmation prompt; it runs when you start it (\`bastion confirm ${made.id}\`)`;
  return { list: [made], note: `Proposed: ${action} (${made.risk}${made.tainted ? ', tainted: made with vault text in context' : ''}) — ${how}.` };
}

function dedupe(items: { id: string; title: string }[]): { id: string; title: string }[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.id) && seen.add(i.id));
}

function itemIdsIn(request: unknown): string[] {
  const args = (request as { args?: Record<string, unknown> } | null)?.args ?? {};
  const ids = [args.itemId, ...(Array.isArray(args.itemIds) ? args.itemIds : [])].filter((x): x is string => typeof x === 'string');
  return [...new Set(ids)];
}

function deterministicRequest(q: string, action: ActionName, topic: string | null, pool: Finding[], candidates: { id: string; title: string }[]): unknown {
  const lower = q.toLowerCase();
  const named = candidates.filter((c) => c.title.trim().length >= 3 && lower.includes(c.title.trim().toLowerCase()));
  switch (action) {
    case 'generate_password':
      return { action, args: {} };
    case 'snooze_finding':
    case 'mark_resolved': {
      if (!topic || !isFindingKind(topic)) return null;
      const itemIds = (named.length ? named : dedupe(findingsFor({ counts: { items: 0, logins: 0 }, score: 0, findings: pool, excluded: [], suppressed: [] }, topic).flatMap((f) => f.items))).map((i) => i.id).slice(0, 20);
      if (itemIds.length === 0) return null;
      if (action === 'mark_resolved') return { action, args: { kind: topic, itemIds } };
      const m = /(\d{1,3})\s*(day|week|month)/.exec(lower);
      const days = m ? Math.min(365, Number(m[1]) * (m[2] === 'week' ? 7 : m[2] === 'month' ? 30 : 1)) : 30;
      return { action, args: { kind: topic, itemIds, days } };
    }
    case 'rotate_password':
    case 'open_change_password_page':
    case 'move_to_recycle_bin':
      return named.length === 1 ? { action, args: { itemId: named[0]!.id } } : null;
    case 'export_report': {
      const path = /(\S+\.(csv|html|json))\b/i.exec(q);
      return path ? { action, args: { format: path[2]!.toLowerCase(), path: path[1] } } : null;
    }
    case 'copy_to_clipboard':
    case 'fix_file_permissions':
    case 'delete_plaintext_export':
    case 'open_settings_page':
      return null; // device fixes start from the Device health report, where the path is code's, not the question's
    default:
      action satisfies never;
      return null;
  }
}
