// What a model is given, packed to its window: the engine's summary always, then the items the facts are about by
// risk ("and 4,600 more — see Vault health"), or the retrieved sources by rank. Whatever the vault's size, the prompt
// fits; nothing here ever fails for size.
import type { KbResult } from '../knowledge';
import { packToBudget, type PackItem } from '../quality';
import type { Finding } from '../vault';
import type { DraftPlan, Planned } from './draft';
import { cleanTitle } from './facts';
import type { FactState } from '../quality';
import { BASE_INTRO_PREFIX, knowledgePrompt, sourceText, vaultCompletionPrompt, vaultPrompt } from './prompt';

/** Facts an intro introduces: the engine's summary, the numbers and names it states, and the items behind them. */
export interface IntroSource {
  summary: string;
  numbers: readonly number[];
  /** Names the intro may use. Vault intros get none: the engine's list below the intro names the items, and a
   *  model pairing a name with the wrong finding ("Old webmail (reused)") would state a false fact. */
  names: readonly string[];
  /** Whether the engine found problems: an intro may not say the opposite. */
  state?: FactState;
  /** The engine's whole statement (the answer the intro sits above): what its sentences must stand on. */
  support: string;
  /** Item lines by risk (higher first), grouped for the counts line. */
  items: PackItem[];
  /** Label of the data block the items go in. */
  label: string;
  /** The tail line for items left out. */
  more: (omitted: number) => string;
}

export const KIND_WORD: Record<Finding['kind'], string> = {
  reused: 'reused',
  weak: 'weak',
  exposed: 'in a breach list',
  insecure_url: 'insecure address',
  missing_2fa: 'no second factor',
  duplicate: 'duplicate',
  old: 'old',
};

/** The engine's statement, and what its findings are called (an intro says "exposed", the list says "in a breach"). */
export function vaultSupport(text: string, findings: readonly Finding[]): string {
  const kinds = [...new Set(findings.map((f) => f.kind))];
  return [text, ...kinds.map((k) => `${k.replace(/_/g, ' ')} ${KIND_WORD[k]} passwords logins`)].join('\n');
}

/** One line per item of each finding, in the findings' order (the engine's ranking): earlier is riskier. */
export function findingItems(findings: readonly Finding[]): PackItem[] {
  return findings.flatMap((f, i) => f.items.map((it) => ({ text: `- ${cleanTitle(it.title)} (${KIND_WORD[f.kind]})`, risk: findings.length - i, group: KIND_WORD[f.kind] })));
}

export function introPlan(question: string, facts: IntroSource): DraftPlan<null> {
  return {
    route: 'intro',
    lines: facts.items.map((i) => i.text),
    build(budget, count, kind): Planned<null> {
      const gate = { facts: { numbers: facts.numbers, names: facts.names, text: facts.support, ...(facts.state ? { state: facts.state } : {}) }, question };
      // A base model continues a document: it gets the summary only (no titles, no rules it cannot follow).
      if (kind === 'base') return { prompt: vaultCompletionPrompt(facts), gate, prefix: BASE_INTRO_PREFIX, meta: null };
      const packed = packToBudget(facts.items, budget, { counts: false, countTokens: count, more: facts.more });
      const more = packed.omitted > 0 ? packed.lines.at(-1)! : null;
      return { prompt: vaultPrompt(question, { summary: facts.summary, items: packed.kept.map((k) => k.text), more, label: facts.label }), gate, meta: null };
    },
  };
}

/** The sources kept for a knowledge draft, numbered 1… as the model sees them. */
export interface SourcesMeta {
  kept: KbResult[];
}

export function knowledgePlan(question: string, chunks: KbResult[], route: 'knowledge' | 'followup', history: DraftPlan<SourcesMeta>['history'] = []): DraftPlan<SourcesMeta> {
  return {
    route,
    history,
    // Counted as the model will see them; the number a source gets only changes if an earlier one is left out.
    lines: chunks.map((c, i) => sourceText(c, i + 1)),
    build(budget, count): Planned<SourcesMeta> {
      // Retrieval order is the rank; packing keeps the best-ranked sources that fit, in that order.
      const items = chunks.map((c, i) => ({ text: sourceText(c, i + 1), risk: chunks.length - i }));
      const packed = packToBudget(items, budget, { counts: false, countTokens: count, more: (n) => `(${n} more source${n === 1 ? '' : 's'} left out to fit.)` });
      const kept = chunks.filter((_, i) => packed.kept.some((k) => k.text === items[i]!.text));
      const more = packed.omitted > 0 ? packed.lines.at(-1)! : null;
      const prompt = knowledgePrompt(question, kept, more);
      return { prompt, gate: { sources: kept.map((c, i) => ({ n: i + 1, text: `${c.title}\n${c.heading}\n${c.snippet}` })), question }, meta: { kept } };
    },
  };
}
