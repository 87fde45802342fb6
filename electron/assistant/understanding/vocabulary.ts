// The words the assistant knows: common English (zxcvbn's frequency list, already a dependency) and every word of
// Bastion's built-in articles. A known word is never "corrected"; an unknown one may be read as the nearest known
// article word. The same articles give a BM25 score: how well the knowledge base answers a question.
import { createRequire } from 'node:module';
import { loadArticles } from '../../knowledge';
import { editDistance, tolerance } from './distance';
import { stem, tokenize } from './text';

/** The most frequent English words: a title made only of these is an everyday word ("Bank", "Steam") and needs context to count as a name. */
const EVERYDAY_WORDS = 10_000;
/** Words this frequent are real words, not typos, and are never corrected. */
const KNOWN_WORDS = 30_000;

interface Vocabulary {
  everyday: Set<string>;
  known: Set<string>;
  /** Article words by how many articles use them (correction prefers the commoner word). */
  articleWords: Map<string, number>;
  /** Article words bucketed by length, for fast nearest-word lookups. */
  byLength: Map<number, string[]>;
  bm25: Bm25;
}

interface Bm25 {
  docs: { id: string; len: number; tf: Map<string, number> }[];
  df: Map<string, number>;
  avgLen: number;
}

// Contractions typed without the apostrophe are words, not typos ("arent" must not become "parent").
const CONTRACTIONS = 'arent isnt dont doesnt didnt havent hasnt hadnt wont cant couldnt shouldnt wouldnt wasnt werent im ive youre youve theyre thats whats lets id ill itll theres hows wheres whos'.split(' ');

let vocab: Vocabulary | undefined;

/** zxcvbn's English frequency list, loaded on the first question: the package (~3 MB decompressed) would otherwise
 * load with every CLI command that links the assistant. */
function commonWords(): string[] {
  const en = createRequire(import.meta.url)('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
  return en.dictionary['commonWords-en'];
}

function build(): Vocabulary {
  const common = commonWords();
  const everyday = new Set(common.slice(0, EVERYDAY_WORDS));
  const known = new Set(common.slice(0, KNOWN_WORDS));
  const articleWords = new Map<string, number>();
  const docs: Bm25['docs'] = [];
  const df = new Map<string, number>();
  for (const a of loadArticles().articles) {
    const body = a.source.slice(a.bodyStart);
    // Title and tags count more than body text, as in the knowledge search's own column weights.
    const weighted = [...Array(3).fill(a.title), ...Array(2).fill(a.tags.join(' ')), body].join('\n');
    const words = tokenize(weighted).map((t) => t.norm);
    const tf = new Map<string, number>();
    for (const w of words) {
      const s = stem(w);
      tf.set(s, (tf.get(s) ?? 0) + 1);
    }
    for (const w of new Set(words)) articleWords.set(w, (articleWords.get(w) ?? 0) + 1);
    for (const s of tf.keys()) df.set(s, (df.get(s) ?? 0) + 1);
    docs.push({ id: a.id, len: words.length, tf });
  }
  const byLength = new Map<number, string[]>();
  for (const w of articleWords.keys()) {
    if (w.length < 4 || /\d/.test(w)) continue;
    byLength.set(w.length, [...(byLength.get(w.length) ?? []), w]);
  }
  for (const w of articleWords.keys()) known.add(w);
  for (const w of CONTRACTIONS) known.add(w);
  const avgLen = docs.reduce((s, d) => s + d.len, 0) / Math.max(1, docs.length);
  return { everyday, known, articleWords, byLength, bm25: { docs, df, avgLen } };
}

function v(): Vocabulary {
  return (vocab ??= build());
}

export function isKnownWord(word: string): boolean {
  return /\d/.test(word) || v().known.has(word);
}

export function isEverydayWord(word: string): boolean {
  return v().everyday.has(word);
}

/** The nearest article word within the typos the word's length allows, or null. */
export function nearestArticleWord(word: string): string | null {
  const max = tolerance(word.length);
  if (max === 0) return null;
  const { byLength, articleWords } = v();
  let best: { w: string; d: number; n: number } | null = null;
  for (let len = word.length - max; len <= word.length + max; len++) {
    for (const w of byLength.get(len) ?? []) {
      const d = editDistance(word, w, max);
      if (d > max) continue;
      const n = articleWords.get(w)!;
      if (!best || d < best.d || (d === best.d && n > best.n)) best = { w, d, n };
    }
  }
  return best?.w ?? null;
}

// Words that say nothing about a topic: left out of the knowledge score.
const STOP = new Set(
  ('a an and are as at be been being but by can could do does did for from had has have how i if in into is it its me my of on or our ' +
    'should so than that the their them then there these they this to us was we were what when where which who why will with would you ' +
    'your about any all also just more most some such very am im ive id dont doesnt isnt get got need want use using ok okay really ' +
    'thing things way good bad best safe not no yes one s t whats hows wheres pls please thanks hi hey u ur r').split(' '),
);

export function isStopWord(word: string): boolean {
  return STOP.has(word);
}

export interface KbScore {
  doc: string | null;
  score: number;
}

/** BM25 (k1 1.2, b 0.75) of the best built-in article for these words. */
export function knowledgeScore(words: string[]): KbScore {
  const { docs, df, avgLen } = v().bm25;
  const terms = [...new Set(words.filter((w) => !STOP.has(w)).map(stem))];
  let best: KbScore = { doc: null, score: 0 };
  for (const d of docs) {
    let s = 0;
    for (const t of terms) {
      const f = d.tf.get(t);
      if (!f) continue;
      const n = df.get(t)!;
      const idf = Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
      s += (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * d.len) / avgLen));
    }
    if (s > best.score) best = { doc: d.id, score: s };
  }
  return best;
}
