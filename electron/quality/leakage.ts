// System-prompt and instruction leakage: a draft that repeats our own rules or framing back to the user. Base models
// do this by design (they continue the prompt); small instruct models under injection do it too.
import { isStopword, ngrams, stripCitations, words } from './text';

/** Text that only appears when a model echoes its prompt or starts a turn of its own. */
const MARKERS: readonly [RegExp, string][] = [
  [/\byou are bastion\b/i, '"You are Bastion"'],
  [/^\s*rules\s*:/im, 'a "Rules:" line'],
  [/<\s*\/?\s*data\b|trust\s*=\s*"untrusted"/i, 'a <data> block marker'],
  [/<\|im_(?:start|end)\|>|<\/?(?:start|end)_of_turn>|\[\/?INST\]|<\|(?:system|user|assistant|eot_id)\|>/i, 'a chat-template token'],
  [/^\s*(?:system|user|assistant|question|answer)\s*:/im, 'a new turn ("User:" / "Assistant:")'],
];

const N = 6;

/**
 * A leak: a marker, or a run of 7+ words (two 6-word windows) copied from the instructions and not found in any
 * source (quoting a source is what we ask for). Windows of function words alone do not count.
 */
export function findLeakage(text: string, instructions: readonly string[], sources: readonly string[]): string | null {
  for (const [re, what] of MARKERS) if (re.test(text)) return `the draft contains ${what}`;
  const banned = new Set(instructions.flatMap((t) => ngrams(words(t), N)));
  if (banned.size === 0) return null;
  const quoted = new Set(sources.flatMap((t) => ngrams(words(t), N)));
  const hits = ngrams(words(stripCitations(text)), N).filter((g) => banned.has(g) && !quoted.has(g) && g.split(' ').filter((w) => !isStopword(w)).length >= 2);
  if (hits.length >= 2) return `the draft repeats the instructions ("${hits[0]}…")`;
  return null;
}
