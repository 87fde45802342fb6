// Model drafts: the one path every free-text model output takes (knowledge answers, follow-ups, vault and device
// intros, chat). Only instruct models write free text — a base model gets at most a one-line intro, by completion —
// with the route's settings (template, repetition penalty, stop strings, token limit); the prompt's facts and sources
// are packed to the model's own window; a loop stops generation early; and the draft is shown only if it passes the
// quality gate. Otherwise the caller shows the engine's deterministic answer, and the trace line says why.
//
// Streaming: model text is buffered until it passes the gate and then handed over whole. A streamed answer cannot be
// unsent, and a draft that loops or leaks the prompt half-way would already be on screen; a tiny model writes a
// paragraph in a few seconds, during which the app shows its "working" state.
import { routeSettings, type ChatTurn, type GenerateResult, type ModelKind } from '../../native';
import { checkModelOutput, createLoopDetector, tokenEstimate, type GateInput } from '../quality';
import type { ModelInfo, Verdict } from './model-access';
import type { Prompt } from './prompt';
import type { DraftReport, DraftRoute } from './draft-report';
import type { Turn } from './turn';

export type { DraftReport, DraftRoute } from './draft-report';

/** What the gate checks a draft against, besides the prompt itself. */
export type GateFacts = Omit<GateInput, 'kind' | 'systemPrompt' | 'instructions'>;

export interface Planned<T> {
  prompt: Prompt;
  gate: GateFacts;
  /** Words the prompt ends with that the model continues (a base model's completion): part of the draft shown. */
  prefix?: string;
  /** The caller's record of what went into the prompt (which sources, under which numbers). */
  meta: T;
}

export interface DraftPlan<T> {
  route: DraftRoute;
  /** Every line the packing may use, counted in one batch with the model's own tokenizer. */
  lines: readonly string[];
  /** The prompt with its variable part (facts, sources) packed into `budget` tokens, for this kind of model. */
  build(budget: number, count: (text: string) => number, kind: ModelKind): Planned<T>;
  history?: ChatTurn[];
}

export interface Drafted<T> {
  /** The checked model text to show, or null: show the deterministic answer. */
  text: string | null;
  report: DraftReport;
  meta: T | null;
}

/** Room for the chat template's own tokens around the messages (role markers, separators), with some to spare. */
const TEMPLATE_OVERHEAD = 32;
const BASE_SKIP = "base model: it has no chat template, so it does not write this; Bastion's engine answers";

export async function writeDraft<T>(t: Turn, plan: DraftPlan<T>): Promise<Drafted<T>> {
  const info = await t.llm.info();
  const settings = routeSettings(plan.route, info.kind);
  const skip = (reason: string): Drafted<T> => ({ text: null, meta: null, report: { route: plan.route, status: 'skipped', reasons: [reason] } });
  if (!settings) return skip(BASE_SKIP);
  const maxTokens = Math.max(8, Math.min(settings.maxTokens, t.opts.maxTokens ?? settings.maxTokens, Math.floor(info.contextSize / 2)));
  const history = settings.mode === 'chat' ? (plan.history ?? []) : [];
  const built = await fit(plan, info, maxTokens, history);
  if (!built) return skip("length: the question and its context do not fit the model's window");

  const loop = createLoopDetector();
  const stop = new AbortController();
  let checked: string | null = null;
  const judge = (r: GenerateResult): Verdict => {
    if (loop.reason) return { ok: false, reasons: [`repetition: ${loop.reason} (generation stopped early)`] };
    // A draft cut off by the token limit (or by the user) keeps only its whole sentences.
    const raw = built.prefix ? `${built.prefix} ${r.text.trim()}` : r.text;
    const text = r.stopReason === 'maxTokens' || r.aborted ? wholeSentences(raw) : raw;
    if (!text.trim()) return { ok: false, reasons: [r.aborted ? 'stopped: nothing complete was written' : `length: no sentence was finished within ${maxTokens} tokens`] };
    const g = checkModelOutput(text, { kind: plan.route, systemPrompt: built.prompt.system, instructions: built.prompt.instructions, ...built.gate });
    if (!g.ok) return { ok: false, reasons: g.reasons };
    checked = g.text;
    return { ok: true, reasons: [] };
  };
  const r = await t.llm.run(
    built.prompt,
    {
      route: plan.route,
      mode: settings.mode,
      maxTokens,
      temperature: settings.temperature,
      ...(settings.repeatPenalty ? { repeatPenalty: settings.repeatPenalty } : {}),
      stop: settings.stop,
      ...(history.length ? { history } : {}),
      signal: stop.signal,
      onTextChunk: (delta) => {
        if (loop.push(delta)) stop.abort();
      },
    },
    judge,
  );
  const verdict = r.verdict ?? { ok: false, reasons: ['no verdict'] };
  const userStopped = r.aborted && !loop.reason;
  const status: DraftReport['status'] = userStopped ? 'stopped' : verdict.ok ? 'used' : 'rejected';
  const text = verdict.ok && checked !== null ? (userStopped ? `${checked} …(stopped)` : checked) : null;
  return { text, meta: text !== null ? built.meta : null, report: { route: plan.route, status, reasons: verdict.reasons, ...(text !== null ? { text } : {}) } };
}

/**
 * Packs the plan into the window: the lines are counted once, the fixed part (system prompt, task, question, the
 * history the template will keep) is measured, the rest is the budget; the built prompt is then counted exactly and
 * the budget shrunk if the estimate of the joined text was short. Null when even the fixed part does not fit.
 */
async function fit<T>(plan: DraftPlan<T>, info: ModelInfo, maxTokens: number, history: ChatTurn[]): Promise<Planned<T> | null> {
  const lines = [...new Set(plan.lines)];
  const counts = new Map<string, number>();
  (await info.count(lines)).forEach((n, i) => counts.set(lines[i]!, n));
  // Text that is not one counted line (the joined block) is costed line by line: close, and checked exactly below.
  const count = (text: string) => counts.get(text) ?? text.split('\n').reduce((n, l) => n + (counts.get(l) ?? tokenEstimate(l)), 0) + text.split('\n').length - 1;
  // The runtime drops the oldest turns when the window is short; they may take at most a quarter of it.
  const histTokens = Math.min((await info.count(history.map((h) => h.text))).reduce((a, b) => a + b + 8, 0), Math.floor(info.contextSize / 4));
  const empty = plan.build(0, count, info.kind);
  const [system, fixed] = await info.count([empty.prompt.system, empty.prompt.user]);
  const room = info.contextSize - maxTokens - TEMPLATE_OVERHEAD - histTokens - system!;
  let budget = room - fixed!;
  if (budget < 0) return null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const built = plan.build(Math.max(0, budget), count, info.kind);
    const [user] = await info.count([built.prompt.user]);
    const over = user! - room;
    if (over <= 0) return built;
    budget -= over + 8;
    if (budget < 0) return null;
  }
  return null;
}

/** The text up to its last finished sentence (a citation marker after the full stop belongs to it). */
export function wholeSentences(text: string): string {
  let end = 0;
  for (const m of text.matchAll(/[.!?](?:\s*\[\d+(?:\s*[,–-]\s*\d+)*\])*(?=\s|$)/g)) end = m.index + m[0].length;
  return text.slice(0, end).trim();
}
