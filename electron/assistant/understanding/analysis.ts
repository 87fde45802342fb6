// One pass over a message: tokens → item mentions → lexicon concepts → spelling-corrected words, and the knowledge
// base's score for it. Everything the intent rules look at is here.
import { editDistance, tolerance } from './distance';
import { findItems, type ItemIndex, type ItemMention } from './items';
import { CONCEPTS, isLexiconWord, matchAt, type Concept } from './lexicon';
import { tokenize, type Token } from './text';
import { isEverydayWord, isKnownWord, knowledgeScore, nearestArticleWord, type KbScore } from './vocabulary';

export interface Analysis {
  text: string;
  tokens: Token[];
  /** Item mentions (login or not). */
  mentions: ItemMention[];
  /** Concepts present anywhere. */
  concepts: Set<Concept>;
  /** The message as concepts and corrected words, item mentions as ITEM: "which of MY PASSWORD are REUSE". */
  canon: string;
  /** Corrected words, lower case, item names kept (for forms and for search). */
  words: string[];
  /** `words` joined by single spaces. */
  plain: string;
  kb: KbScore;
}

// In a request, or a question about a secret or a check, "for X" / "of X" name an item too ("the password for google",
// "is 2-step on for steam").
const ACTION_WORDS = /\b(open|rotate|change|reset|update|delete|remove|trash|bin|snooze|mark|move|visit|launch|password|passwords|pw|pwd|code|codes|pin|2fa|mfa|totp|2sv|authenticator|factor|step|breach\w*|leak\w*|pwned|weak|reused?|duplicate\w*|http)\b/i;

export function analyse(text: string, items: ItemIndex): Analysis {
  const tokens = tokenize(text);
  const mentions = findItems(tokens, items, ACTION_WORDS.test(text));
  const canon: string[] = [];
  const words: string[] = [];
  const concepts = new Set<Concept>();
  for (let i = 0; i < tokens.length; ) {
    const mention = mentions.find((m) => m.start === i);
    if (mention) {
      canon.push('ITEM');
      for (let k = mention.start; k < mention.end; k++) words.push(tokens[k]!.norm);
      i = mention.end;
      continue;
    }
    const hit = matchAt(tokens, i);
    if (hit) {
      hit.concepts.forEach((c) => concepts.add(c));
      canon.push(hit.concepts.join('/'));
      // Lexicon hits are written as the lexicon's own words, so later forms see "password", not "pasword".
      words.push(...hit.words);
      i += hit.length;
      continue;
    }
    const w = correct(tokens[i]!.norm);
    canon.push(w);
    words.push(w);
    i++;
  }
  // Only topical words count towards the knowledge score: "tell me something" shares everyday words with any article.
  const topical = words.filter((w) => isLexiconWord(w) || !isEverydayWord(w));
  return { text, tokens, mentions, concepts, canon: canon.join(' '), words, plain: words.join(' '), kb: knowledgeScore(topical) };
}

/** An unknown word becomes the nearest lexicon or article word; real words and short ones stay as typed. */
function correct(word: string): string {
  if (isKnownWord(word) || isLexiconWord(word) || word.length < 4) return word;
  return nearestLexiconWord(word) ?? nearestArticleWord(word) ?? word;
}

let lexiconSingles: string[] | undefined;

/** The closest single lexicon word within the typos the word's length allows (lexicon words win over article words). */
function nearestLexiconWord(word: string): string | null {
  lexiconSingles ??= [...new Set(Object.values(CONCEPTS).flatMap((f) => f.flatMap((p) => p.split(' '))))].filter((w) => w.length >= 4);
  const max = tolerance(word.length);
  let best: { w: string; d: number } | null = null;
  for (const w of lexiconSingles) {
    const d = editDistance(word, w, max);
    if (d <= max && (!best || d < best.d)) best = { w, d };
  }
  return best?.w ?? null;
}
