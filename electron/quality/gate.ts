// The quality gate on every model draft (knowledge answers, vault intros, follow-ups, chat). Pure and model-independent:
// it sees only the draft and what the model was given. On failure the caller shows the engine's deterministic
// answer instead and records the reasons (--trace-prompts).
import { findFormatProblem } from './format';
import { findBadCitations, findUngroundedNames, findUngroundedNumbers, findUnsupportedClaims, type Source } from './grounding';
import { findLeakage } from './leakage';
import { findContradiction, type FactState } from './polarity';
import { findRepetition } from './repetition';
import { stripCitations, words } from './text';
import type { OutputKind } from './kinds';

export type { OutputKind };

/** knowledge and follow-up answers cite sources; an intro states engine facts; chat (small talk) has neither. */

export type QualityCheck = 'empty' | 'length' | 'format' | 'leakage' | 'repetition' | 'citation' | 'number' | 'name' | 'unsupported' | 'contradiction';

export interface GateInput {
  kind: OutputKind;
  /** The system prompt the model saw: copying it back is leakage. */
  systemPrompt: string;
  /** Other instruction text the model saw (the per-route task line, rules): also must not be echoed. */
  instructions?: readonly string[];
  sources?: readonly Source[];
  /** The engine's facts: the only numbers and names an intro may state (besides the sources and the question);
   *  `state` the verdict it may not contradict; `text` the statement its sentences must stand on. */
  facts?: { numbers: readonly number[]; names: readonly string[]; state?: FactState; text?: string };
  /** The user's own words: numbers and names from them are allowed, and they count as support. */
  question?: string;
  /** Default: knowledge 1,200, intro 400, follow-up 800, chat 300. */
  maxChars?: number;
  /** Minimum share of a sentence's content words found in its sources (knowledge, follow-up). Default 0.5. */
  minSupport?: number;
}

export interface GateFailure {
  check: QualityCheck;
  detail: string;
}

export type GateResult = { ok: true; text: string } | { ok: false; reasons: string[]; failures: GateFailure[] };

const MAX_CHARS: Record<OutputKind, number> = { knowledge: 1200, intro: 400, followup: 800, chat: 300 };

/** Every check runs (not just the first that fails) so a trace shows all that was wrong with a draft. */
export function checkModelOutput(draft: string, input: GateInput): GateResult {
  const text = draft.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  const sources = input.sources ?? [];
  const question = input.question ?? '';
  const failures: GateFailure[] = [];
  const fail = (check: QualityCheck, detail: string | null) => {
    if (detail) failures.push({ check, detail });
  };

  if (!text) return failed([{ check: 'empty', detail: 'the draft is empty' }]);
  if (words(stripCitations(text)).length === 0) fail('empty', 'the draft has no words, only citation marks or symbols');
  const max = input.maxChars ?? MAX_CHARS[input.kind];
  if (text.length > max) fail('length', `the draft is ${text.length} characters; at most ${max} fit here`);
  fail('format', findFormatProblem(text, input.kind));

  fail('leakage', findLeakage(text, [input.systemPrompt, ...(input.instructions ?? [])], sources.map((s) => s.text)));
  fail('repetition', findRepetition(text));
  fail('citation', findBadCitations(text, sources));

  const allowedText = [...sources.map((s) => s.text), question, ...(input.facts?.names ?? [])];
  const numbers = findUngroundedNumbers(text, input.facts?.numbers ?? [], allowedText);
  if (numbers.length) fail('number', `the draft states ${numbers.slice(0, 5).join(', ')}, which the facts and sources do not`);
  const names = findUngroundedNames(text, [...allowedText, input.systemPrompt]);
  if (names.length) fail('name', `the draft names ${names.slice(0, 5).map((n) => `"${n}"`).join(', ')}, which the facts and sources do not`);

  if (input.facts?.state) fail('contradiction', findContradiction(text, input.facts.state));

  // What a draft's sentences must stand on: the sources it cites, or for an intro the engine's own statement.
  const support = input.kind === 'intro' ? (input.facts?.text ? [{ n: 0, text: [input.facts.text, ...input.facts.names].join('\n') }] : []) : sources;
  if (support.length) {
    const weak = findUnsupportedClaims(text, support, question, input.minSupport ?? 0.5);
    const what = input.kind === 'intro' ? "the engine's facts" : 'the sources';
    if (weak.length) fail('unsupported', `${weak.length} sentence(s) are not supported by ${what}, e.g. "${weak[0]!.sentence.slice(0, 80)}"`);
  }
  return failures.length ? failed(failures) : { ok: true, text };
}

function failed(failures: GateFailure[]): GateResult {
  return { ok: false, reasons: failures.map((f) => `${f.check}: ${f.detail}`), failures };
}
