// Text → tokens, the way people type: case, curly quotes, contractions and possessives folded, punctuation dropped.
// Every later step (lexicon, entities, intents) works on these tokens, never on the raw string.

export interface Token {
  /** Lower-cased, apostrophes folded ("don't" → "dont", "ex's" → "ex"). */
  norm: string;
  /** As typed (for capitalisation cues). */
  raw: string;
  /** Index of the token in the message. */
  index: number;
}

// "'s" joins these words ("what's" → "whats"); after any other word it is a possessive and is dropped.
const S_JOINS = new Set(['it', 'what', 'that', 'there', 'here', 'who', 'where', 'how', 'let', 'he', 'she', 'when', 'why']);

export function tokenize(text: string): Token[] {
  const folded = text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/([\p{L}\p{N}]+)'s\b/giu, (_m, w: string) => (S_JOINS.has(w.toLowerCase()) ? `${w}s` : w))
    .replace(/([\p{L}])'([\p{L}])/gu, '$1$2');
  const out: Token[] = [];
  for (const m of folded.matchAll(/[\p{L}\p{N}]+/gu)) out.push({ norm: m[0].toLowerCase(), raw: m[0], index: out.length });
  return out;
}

/** A light stem for matching forms ("passwords" → "password", "reusing" → "reus"); never used for display. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('es') && /(ch|sh|x|ss)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}
