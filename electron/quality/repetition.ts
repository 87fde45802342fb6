// Loops: the commonest failure of 100M-class models ("I'm sorry for your loss…" ×20, "[5] Always check…" ×14).
// The same rule runs on a finished draft and, through createLoopDetector, on a stream so generation can stop early.
import { ngrams, sentences, stripCitations, words } from './text';

const NGRAM = 5;
/** A 5-word run said this often is a loop, not emphasis. */
const NGRAM_REPEATS = 3;

/** Why the text loops, or null. */
export function findRepetition(text: string): string | null {
  const clean = stripCitations(text);
  // Sentences compared twice: with their citation markers (a loop of "[1] [2] [3] [4]" lines has no words) and
  // without them (a loop that only renumbers its citations).
  return repeatedSentence(text, (s) => s.toLowerCase().match(/\[\d+\]|[\p{L}\p{N}]+/gu) ?? []) ?? repeatedSentence(clean, words) ?? repeatedNgram(clean);
}

function repeatedSentence(text: string, tokens: (s: string) => string[]): string | null {
  const seen = new Map<string, number>();
  for (const s of sentences(text)) {
    const ts = tokens(s);
    if (ts.length < 3) continue;
    const key = ts.join(' ');
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count >= 3 || (count >= 2 && ts.length >= 10)) return `the draft repeats "${s.slice(0, 60)}" ${count} times`;
  }
  return null;
}

function repeatedNgram(clean: string): string | null {
  const grams = new Map<string, number>();
  for (const g of ngrams(words(clean), NGRAM)) {
    const count = (grams.get(g) ?? 0) + 1;
    grams.set(g, count);
    if (count >= NGRAM_REPEATS) return `the draft repeats "${g}" ${count} times`;
  }
  return null;
}

export interface LoopDetector {
  /** Feed each streamed delta; true once the text so far loops (stop generating then). */
  push(delta: string): boolean;
  /** Why it stopped, once it has. */
  readonly reason: string | null;
}

/** A streaming loop check: the same rule as findRepetition, re-run whenever a word or sentence completes. */
export function createLoopDetector(): LoopDetector {
  let text = '';
  let reason: string | null = null;
  return {
    push(delta: string): boolean {
      if (reason) return true;
      text += delta;
      // Only a boundary can complete a new word or sentence.
      if (!/[\s.!?,;:]/.test(delta)) return false;
      reason = findRepetition(text);
      return reason !== null;
    },
    get reason() {
      return reason;
    },
  };
}
