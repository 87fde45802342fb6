// A zxcvbn-ts instance whose dictionary, l33t and reverse matchers are drop-in replacements of the library's own
// (registered under the same names, which zxcvbn-ts lets custom matchers take): same match objects in the same order,
// scored and explained by the library's own dictionary scorer and feedback. The library tries every substring against
// every dictionary as an object-key lookup, and again for each of up to 100 l33t variants; these walk a trie of every
// dictionary word (zxcvbn-index.ts) from each start and stop as soon as no word has the substring as a prefix, which
// leaves the same matches at a fraction of the cost. zxcvbn.test.ts checks score and guesses against the stock
// library over thousands of passwords.
import { buildZxcvbnIndex, type ZxcvbnIndex } from './zxcvbn-index';
import type { ZxcvbnModuleName } from './zxcvbn-modules';

export { ZXCVBN_MODULES, type ZxcvbnModuleName } from './zxcvbn-modules';


export interface BuiltZxcvbn {
  /** zxcvbn-ts's check(password) without user inputs (Bastion passes none). */
  check(password: string): { score: number; guessesLog10: number };
}

/**
 * Stock zxcvbn-ts (`fast: false`, the reference the tests compare against) or the indexed matchers over `index`
 * (built here from the language packages when not given).
 */
export function buildZxcvbn(
  load: (name: ZxcvbnModuleName) => any,
  opts: { l33tMaxSubstitutions: number; fast: boolean; index?: ZxcvbnIndex },
): BuiltZxcvbn {
  if (opts.fast) return zxcvbnWithIndex(load, opts.index ?? buildZxcvbnIndex(load, 'memory'), opts);
  const common = load('common');
  const en = load('en');
  const stock = new (load('core').ZxcvbnFactory)({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    l33tMaxSubstitutions: opts.l33tMaxSubstitutions,
  });
  return { check: (p: string) => stock.check(p) };
}

/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * SELF-CONTAINED ON PURPOSE: serialised with Function#toString into the strength workers (strength-pool.ts), so it may
 * not refer to anything outside its own body but mostGuessableGuesses (serialised beside it). `load` returns a zxcvbn
 * module by name (require in both places).
 */
export function zxcvbnWithIndex(load: (name: ZxcvbnModuleName) => any, index: ZxcvbnIndex, opts: { l33tMaxSubstitutions: number }): BuiltZxcvbn {
  const core = load('core');
  const getCleanPasswords = load('getCleanPasswords');
  const scoring = load('dictionaryScoring');
  const feedback = load('dictionaryFeedback');
  const names = index.names;
  type Trie = ZxcvbnIndex['all'];

  const child = (t: Trie, node: number, c: number): number => {
    let lo = t.firstChild[node]!;
    let hi = lo + t.childCount[node]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = t.char[mid]!;
      if (m === c) return mid;
      if (m < c) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  };
  // Every dictionary word in the password: i, then j, then dictionary order (entries e0..e1 of the trie node); the
  // lower-cased password read over the password's own length n, as the library slices it (lower-casing may lengthen).
  const eachWord = (lower: string, n: number, t: Trie, hit: (i: number, j: number, e0: number, e1: number) => void): void => {
    for (let i = 0; i < n; i++) {
      let node = 0;
      for (let j = i; j < n; j++) {
        node = child(t, node, lower.charCodeAt(j));
        if (node < 0) break;
        const e0 = t.entryOff[node]!;
        const e1 = t.entryOff[node + 1]!;
        if (e0 !== e1) hit(i, j, e0, e1);
      }
    }
  };
  const wordMatch = (t: Trie, i: number, j: number, e: number, token: string, matchedWord: string): any => ({
    pattern: 'dictionary',
    i,
    j,
    token,
    matchedWord,
    rank: t.entryRank[e],
    dictionaryName: names[t.entryDict[e]!],
    reversed: false,
    l33t: false,
  });
  // The library's MatchDictionary.match without Levenshtein (off in our options).
  const dictionaryMatch = (password: string, t: Trie): any[] => {
    const lower = password.toLowerCase();
    const matches: any[] = [];
    eachWord(lower, password.length, t, (i, j, e0, e1) => {
      const word = lower.slice(i, j + 1);
      const token = password.slice(i, j + 1);
      for (let e = e0; e < e1; e++) matches.push(wordMatch(t, i, j, e, token, word));
    });
    return matches;
  };
  type TrieOf = (userInputsOptions: any) => Trie;
  const all: TrieOf = (userInputsOptions) => {
    // zxcvbn passes an (empty) user-input dictionary on every check; a non-empty one is not indexed.
    if (userInputsOptions && Object.keys(userInputsOptions.rankedDictionary ?? {}).length > 0) {
      throw new Error('zxcvbn user inputs are not supported by the indexed matchers');
    }
    return index.all;
  };
  const wordSequenceOnly: TrieOf = () => index.wordSequence;
  // Copied from the library's l33t matcher (getExtras, isAlreadyIncluded, filtering) so results stay identical;
  // getExtras in its two halves: where a word of the substituted password sits in the password, and which
  // substitutions it holds.
  const unsubbedSpan = (passwordWithSubs: any, i: number, j: number): { i: number; j: number } => {
    let iUnsubbed = i;
    let jUnsubbed = j;
    for (const change of passwordWithSubs.changes) {
      const diff = change.substitution.length - change.letter.length;
      if (change.i < i) {
        iUnsubbed += diff;
        jUnsubbed += diff;
      } else if (change.i <= j) jUnsubbed += diff;
    }
    return { i: iUnsubbed, j: jUnsubbed };
  };
  const substitutionsIn = (passwordWithSubs: any, i: number, j: number) => {
    const filtered: any[] = [];
    const subDisplay: string[] = [];
    const seenSubs = new Set<string>();
    for (const change of passwordWithSubs.changes) {
      if (change.i < i || change.i > j) continue;
      const subKey = `${change.letter}-${change.substitution}`;
      if (!seenSubs.has(subKey)) {
        seenSubs.add(subKey);
        filtered.push({ letter: change.letter, substitution: change.substitution });
        subDisplay.push(`${change.substitution} -> ${change.letter}`);
      }
    }
    return { subs: filtered, subDisplay: subDisplay.join(', ') };
  };
  const dictionary = (trieOf: TrieOf) => (_o: any, { password, userInputsOptions }: any) => dictionaryMatch(password, trieOf(userInputsOptions));
  const reverse = (trieOf: TrieOf) => (_o: any, { password, userInputsOptions }: any) => {
    const reversed = password.split('').reverse().join('');
    return dictionaryMatch(reversed, trieOf(userInputsOptions)).map((m) => ({
      ...m,
      token: m.token.split('').reverse().join(''),
      reversed: true,
      i: password.length - 1 - m.j,
      j: password.length - 1 - m.i,
    }));
  };
  // The library's l33t matcher, match for match. Its dictionary matches of a variant are taken word by word (i, j):
  // every dictionary entry at one (i, j) has the same extras and token, so the library's test that drops a word the
  // substitutions do not touch (token === matchedWord) is made once per word, before any match object is built.
  const l33t = (trieOf: TrieOf) => (o: any, { password, userInputsOptions }: any) => {
    const t = trieOf(userInputsOptions);
    const matches: any[] = [];
    const subbed = getCleanPasswords(password, o.l33tMaxSubstitutions, o.trieNodeRoot);
    let hasFullMatch = false;
    for (const s of subbed) {
      if (hasFullMatch) break;
      const lower = s.password.toLowerCase();
      eachWord(lower, s.password.length, t, (i, j, e0, e1) => {
        // getExtras's span first, its substitution lists only for a word that stays.
        const span = unsubbedSpan(s, i, j);
        if (!hasFullMatch) hasFullMatch = span.i === 0 && span.j === password.length - 1;
        const token = password.slice(span.i, span.j + 1);
        const word = lower.slice(i, j + 1);
        // The library builds the match and scans for a duplicate before this test; both are pure, so test first.
        if (token.toLowerCase() === word) return;
        const extras = { ...span, ...substitutionsIn(s, i, j) };
        for (let e = e0; e < e1; e++) {
          const newMatch = { ...wordMatch(t, i, j, e, s.password.slice(i, j + 1), word), l33t: true, token, ...extras };
          const already = matches.some(
            (x) => x.i === newMatch.i && x.j === newMatch.j && x.dictionaryName === newMatch.dictionaryName && x.matchedWord === newMatch.matchedWord,
          );
          if (!already) matches.push(newMatch);
        }
      });
    }
    return matches.filter((m) => m.token.length > 1);
  };
  // Plain constructor functions, not classes: no transpiler helper may end up in the serialised source.
  const matcher = (fn: (o: any, args: any) => any[]) => ({
    Matching: function Matching(this: any, o: any) {
      this.match = (args: any) => fn(o, args);
    },
    scoring,
    feedback,
  });
  // zxcvbn-ts 4.2's word-sequence matcher runs the library's own dictionary, l33t and reverse matchers over the
  // word-sequence lists (most of a check's time): keep its sequence finding, give it the indexed matchers.
  const WordSequence = load('wordSequence');
  const wordSequence = {
    Matching: function Matching(this: any, o: any) {
      const inner = new WordSequence(o);
      inner.dictionary = { match: (args: any) => dictionary(wordSequenceOnly)(o, args) };
      inner.dictionaryL33t = { match: (args: any) => l33t(wordSequenceOnly)(o, args) };
      inner.dictionaryReverse = { match: (args: any) => reverse(wordSequenceOnly)(o, args) };
      this.match = (args: any) => inner.match(args);
    },
    scoring: load('wordSequenceScoring'),
    feedback: load('wordSequenceFeedback'),
  };
  // No dictionary for the library itself: it would build its 236k-key ranked objects, which nothing reads here.
  const fast = new core.ZxcvbnFactory(
    { dictionary: {}, graphs: index.graphs, translations: index.translations, l33tMaxSubstitutions: opts.l33tMaxSubstitutions },
    { dictionary: matcher(dictionary(all)), dictionaryL33t: matcher(l33t(all)), dictionaryReverse: matcher(reverse(all)), wordSequence },
  );
  const guesses = mostGuessableGuesses(load, fast.options);
  const log10: (n: number) => number = load('scoringUtils').log10;
  // check() without what Bastion never reads (the feedback, four crack-time strings): the same matches, the same
  // guesses, the library's own score and logarithm for them.
  return {
    check: (p: string) => {
      const password = p.substring(0, fast.options.maxLength);
      const g = guesses(password, fast.main(password));
      return { score: fast.timeEstimates.guessesToScore(g), guessesLog10: log10(g) };
    },
  };
}

/**
 * SELF-CONTAINED ON PURPOSE (serialised into the workers with zxcvbnWithIndex). zxcvbn-ts's search for the most
 * guessable match sequence (scoring/index.cjs, mostGuessableMatchSequence) for its guesses only: the same dynamic
 * programme step for step — same order, same arithmetic, same ties — with differences that change no result: each
 * match is estimated once (the library estimates it again for every sequence it extends, since its cache never hits:
 * the estimate is a copy), a bruteforce match once per length, and the tables are arrays indexed by sequence length,
 * not objects keyed by number strings walked with Object.keys and parseInt. Half of a check's time went there.
 */
export function mostGuessableGuesses(load: (name: ZxcvbnModuleName) => any, options: unknown): (password: string, matches: any[]) => number {
  const estimate = load('estimate');
  const factorial: (n: number) => number = load('scoringUtils').factorial;
  const grow: number = load('scoringConst').MIN_GUESSES_BEFORE_GROWING_SEQUENCE;
  return (password, matches) => {
    const n = password.length;
    if (n === 0) return 1;
    const byJ: any[][] = [];
    const best: any[][] = [];
    const product: number[][] = [];
    const total: number[][] = [];
    for (let k = 0; k < n; k++) {
      byJ.push([]);
      best.push([]);
      product.push([]);
      total.push([]);
    }
    for (const m of matches) byJ[m.j]!.push(m);
    for (const list of byJ) list.sort((a, b) => a.i - b.i);
    const estimated = new Map<any, any>();
    const estimateOf = (match: any): any => {
      let e = estimated.get(match);
      if (e === undefined) estimated.set(match, (e = estimate(options, match, password)));
      return e;
    };
    // A bruteforce match's estimate depends on its length only (and the password's): one estimate per length, and
    // for the tables only what they read (pattern, i, guesses), not a copy of a token per start and end.
    const bruteforceByLength: number[] = [];
    const bruteforce = (i: number, j: number): any => {
      const len = j - i + 1;
      bruteforceByLength[len] ??= estimate(options, { pattern: 'bruteforce', token: password.slice(i, j + 1), i, j }, password).guesses;
      return { pattern: 'bruteforce', i, j, guesses: bruteforceByLength[len] };
    };
    // The library's update(match, sequenceLength), given the match's estimate: is this sequence ending at e.j better
    // than those known?
    const update = (e: any, l: number): void => {
      const k = e.j;
      let pi: number = e.guesses;
      if (l > 1) pi *= product[e.i - 1]![l - 1]!;
      let g = factorial(l) * pi;
      g += grow ** (l - 1);
      const competing = total[k]!;
      for (let c = 1; c <= l && c < competing.length; c++) if (competing[c] !== undefined && competing[c]! <= g) return;
      total[k]![l] = g;
      best[k]![l] = e;
      product[k]![l] = pi;
    };
    // Each length-l sequence known at `at`, extended by e (the library's Object.keys walk: ascending lengths).
    const extend = (at: number, e: any, unlessBruteforce: boolean): void => {
      const known = best[at]!;
      for (let l = 1; l < known.length; l++) {
        if (known[l] !== undefined && !(unlessBruteforce && known[l].pattern === 'bruteforce')) update(e, l + 1);
      }
    };
    for (let k = 0; k < n; k++) {
      for (const match of byJ[k]!) {
        if (match.i > 0) extend(match.i - 1, estimateOf(match), false);
        else update(estimateOf(match), 1);
      }
      // bruteforceUpdate(k): one bruteforce match over the whole prefix, or one after any sequence not ending in one.
      update(bruteforce(0, k), 1);
      for (let i = 1; i <= k; i++) extend(i - 1, bruteforce(i, k), true);
    }
    // unwind + getGuesses: the fewest guesses over every sequence length covering the whole password.
    let g = Infinity;
    for (const t of total[n - 1]!) if (t !== undefined && t < g) g = t;
    return g;
  };
}
