// Fitting a call into the model's window and sampling settings: which history turns are kept, and the repeat
// penalties in node-llama-cpp's terms. No addon is loaded here (types only).
import type { ChatHistoryItem, LlamaContextSequenceRepeatPenalty, Token } from 'node-llama-cpp';
import type { RepeatPenalty } from './generation';

export interface ChatTurn {
  role: 'user' | 'assistant';
  text: string;
}

/** Per-message framing the chat template adds (role markers, separators); an over-estimate keeps us under the window. */
const MESSAGE_OVERHEAD_TOKENS = 8;

/**
 * Keeps the system prompt and the new message, then as many of the newest turns as fit in `budget` tokens. Turns
 * are dropped in user/assistant pairs from the oldest so the history never starts with a dangling answer.
 */
export function fitHistory(
  req: { system: string; history?: readonly ChatTurn[]; user: string },
  budget: number,
  countTokens: (text: string) => number,
): { history: ChatHistoryItem[]; promptTokens: number; trimmed: number } {
  const cost = (t: string) => countTokens(t) + MESSAGE_OVERHEAD_TOKENS;
  const fixed = cost(req.system) + cost(req.user);
  if (fixed > budget) throw new Error(`The question and its context need ${fixed} tokens, more than the model's window allows (${budget}).`);
  const turns = req.history ?? [];
  const costs = turns.map((t) => cost(t.text));
  let start = 0;
  let total = fixed + costs.reduce((a, b) => a + b, 0);
  while (total > budget && start < turns.length) {
    total -= costs[start]!;
    start++;
    if (turns[start]?.role === 'assistant') {
      total -= costs[start]!;
      start++;
    }
  }
  const history: ChatHistoryItem[] = [{ type: 'system', text: req.system }];
  for (const t of turns.slice(start)) history.push(t.role === 'user' ? { type: 'user', text: t.text } : { type: 'model', response: [t.text] });
  return { history, promptTokens: total, trimmed: start };
}

/** node-llama-cpp's penalty options over this call's generated tokens (`out` grows while generating). */
export function repeatPenaltyOptions(
  p: number | RepeatPenalty | undefined,
  generated: () => Token[],
): { repeatPenalty?: LlamaContextSequenceRepeatPenalty; dryRepeatPenalty?: { strength: number; lastTokens: number } } {
  if (p === undefined) return {};
  const o: RepeatPenalty = typeof p === 'number' ? { penalty: p } : p;
  const last = Math.max(1, o.lastTokens ?? 64);
  const res: ReturnType<typeof repeatPenaltyOptions> = {};
  if ((o.penalty ?? 1) !== 1 || o.frequencyPenalty || o.presencePenalty) {
    res.repeatPenalty = {
      punishTokens: () => generated().slice(-last),
      maxPunishTokens: last,
      penalty: o.penalty ?? 1,
      ...(o.frequencyPenalty ? { frequencyPenalty: o.frequencyPenalty } : {}),
      ...(o.presencePenalty ? { presencePenalty: o.presencePenalty } : {}),
    };
  }
  if (o.dry) res.dryRepeatPenalty = { strength: o.dry, lastTokens: last };
  return res;
}

