// Builds a zxcvbn-ts instance whose dictionary, l33t and reverse matchers are drop-in replacements of the library's
// own (registered under the same names, which zxcvbn-ts lets custom matchers take): same match objects in the same
// order, scored and explained by the library's own dictionary scorer and feedback. The library tries every substring
// against every dictionary as an object-key lookup, and again for each of up to 100 l33t variants — ~20 ms for a
// random 16-character password. These walk substrings only while some dictionary word starts with them (binary search
// over one sorted word list), which leaves the same matches at a small fraction of the cost. zxcvbn.test.ts checks
// score and guesses against the stock library over thousands of passwords.
//
// SELF-CONTAINED ON PURPOSE: `buildZxcvbn` is serialised with Function#toString into the strength workers, so it may
// not refer to anything outside its own body. `load` returns a module by name (require in both places).

export type ZxcvbnModuleName =
  | 'core'
  | 'common'
  | 'en'
  | 'getCleanPasswords'
  | 'dictionaryScoring'
  | 'dictionaryFeedback'
  | 'wordSequence'
  | 'wordSequenceScoring'
  | 'wordSequenceFeedback';

export const ZXCVBN_MODULES: Record<ZxcvbnModuleName, string> = {
  core: '@zxcvbn-ts/core',
  common: '@zxcvbn-ts/language-common',
  en: '@zxcvbn-ts/language-en',
  getCleanPasswords: '@zxcvbn-ts/core/dist/matcher/dictionary/variants/matching/unmunger/getCleanPasswords.cjs',
  dictionaryScoring: '@zxcvbn-ts/core/dist/matcher/dictionary/scoring.cjs',
  dictionaryFeedback: '@zxcvbn-ts/core/dist/matcher/dictionary/feedback.cjs',
  wordSequence: '@zxcvbn-ts/core/dist/matcher/wordSequence/matching.cjs',
  wordSequenceScoring: '@zxcvbn-ts/core/dist/matcher/wordSequence/scoring.cjs',
  wordSequenceFeedback: '@zxcvbn-ts/core/dist/matcher/wordSequence/feedback.cjs',
};

export interface BuiltZxcvbn {
  check(password: string): { score: number; guessesLog10: number };
  commonPasswords: string[];
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export function buildZxcvbn(load: (name: ZxcvbnModuleName) => any, opts: { l33tMaxSubstitutions: number; fast: boolean }): BuiltZxcvbn {
  const core = load('core');
  const common = load('common');
  const en = load('en');
  const options = {
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    l33tMaxSubstitutions: opts.l33tMaxSubstitutions,
  };
  if (!opts.fast) {
    const stock = new core.ZxcvbnFactory(options);
    return { check: (p: string) => stock.check(p), commonPasswords: common.dictionary['passwords-common'] };
  }
  const getCleanPasswords = load('getCleanPasswords');
  const scoring = load('dictionaryScoring');
  const feedback = load('dictionaryFeedback');

  interface Index {
    names: string[];
    dicts: Record<string, Record<string, number>>;
    /** Every word of every dictionary, sorted (for prefix pruning). */
    sorted: string[];
    /** [lo, hi) in `sorted` of the words starting with a 1- or 2-character prefix, filled as prefixes are met. */
    short: Map<string, [number, number]>;
  }
  const indexes = new WeakMap<object, Index>();
  const indexOf = (ranked: Record<string, Record<string, number>>): Index => {
    let idx = indexes.get(ranked);
    if (!idx) {
      const all = new Set<string>();
      for (const name of Object.keys(ranked)) for (const w of Object.keys(ranked[name]!)) all.add(w);
      idx = { names: Object.keys(ranked), dicts: ranked, sorted: [...all].sort(), short: new Map() };
      indexes.set(ranked, idx);
    }
    return idx;
  };
  const own = Object.prototype.hasOwnProperty;
  /** First index in [lo, hi) whose word is ≥ p. */
  const lowerBound = (sorted: string[], p: string, lo: number, hi: number): number => {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < p) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // The library's MatchDictionary.match without Levenshtein (off in our options): i, then j, then dictionary order.
  // For each start i, [lo, hi) narrows to the words that start with the current substring, so each longer substring
  // is searched for among fewer words, and the walk stops when none is left.
  const dictionaryMatch = (password: string, ranked: Record<string, Record<string, number>>): any[] => {
    const { names, dicts, sorted, short } = indexOf(ranked);
    const lower = password.toLowerCase();
    const matches: any[] = [];
    for (let i = 0; i < lower.length; i++) {
      let lo = 0;
      let hi = sorted.length;
      for (let j = i; j < lower.length; j++) {
        const word = lower.slice(i, j + 1);
        const known = j - i < 2 ? short.get(word) : undefined;
        if (known) [lo, hi] = known;
        else {
          lo = lowerBound(sorted, word, lo, hi);
          hi = lo < hi && sorted[lo]!.startsWith(word) ? lowerBound(sorted, `${word}\uffff`, lo, hi) : lo;
          if (j - i < 2) short.set(word, [lo, hi]);
        }
        if (lo >= hi) break;
        if (sorted[lo] !== word) continue;
        for (const name of names) {
          const dict = dicts[name]!;
          if (!own.call(dict, word)) continue;
          matches.push({
            pattern: 'dictionary',
            i,
            j,
            token: password.slice(i, j + 1),
            matchedWord: word,
            rank: dict[word],
            dictionaryName: name,
            reversed: false,
            l33t: false,
          });
        }
      }
    }
    return matches;
  };
  const rankedFor = (o: any, userInputsOptions: any) => {
    // zxcvbn passes an (empty) user-input dictionary on every check; only a non-empty one changes the word set.
    if (!userInputsOptions || Object.keys(userInputsOptions.rankedDictionary ?? {}).length === 0) return o.rankedDictionaries;
    const merged = { ...o.rankedDictionaries };
    merged.userInputs = { ...(merged.userInputs || {}), ...userInputsOptions.rankedDictionary };
    return merged;
  };
  // Copied from the library's l33t matcher (getExtras, isAlreadyIncluded, filtering) so results stay identical.
  const getExtras = (passwordWithSubs: any, i: number, j: number) => {
    let iUnsubbed = i;
    let jUnsubbed = j;
    const filtered: any[] = [];
    const subDisplay: string[] = [];
    const seenSubs = new Set<string>();
    for (const change of passwordWithSubs.changes) {
      if (change.i < i) {
        const diff = change.substitution.length - change.letter.length;
        iUnsubbed += diff;
        jUnsubbed += diff;
      } else if (change.i <= j) {
        jUnsubbed += change.substitution.length - change.letter.length;
        const subKey = `${change.letter}-${change.substitution}`;
        if (!seenSubs.has(subKey)) {
          seenSubs.add(subKey);
          filtered.push({ letter: change.letter, substitution: change.substitution });
          subDisplay.push(`${change.substitution} -> ${change.letter}`);
        }
      }
    }
    return { i: iUnsubbed, j: jUnsubbed, subs: filtered, subDisplay: subDisplay.join(', ') };
  };
  // Each matcher comes in two dictionary sets: every dictionary plus the user inputs (the dictionary matchers), or
  // only the word-sequence lists ("one", "two"…; the wordSequence matcher, which ignores user inputs).
  type RankedOf = (o: any, userInputsOptions: any) => Record<string, Record<string, number>>;
  const wsSets = new WeakMap<object, Record<string, Record<string, number>>>();
  const wordSequenceRanked: RankedOf = (o) => {
    let ws = wsSets.get(o);
    if (!ws) {
      ws = {};
      for (const k of Object.keys(o.rankedDictionaries)) if (o.isWordSequence(k)) ws[k] = o.rankedDictionaries[k];
      wsSets.set(o, ws);
    }
    return ws;
  };
  const dictionary = (rankedOf: RankedOf) => (o: any, { password, userInputsOptions }: any) => dictionaryMatch(password, rankedOf(o, userInputsOptions));
  const reverse = (rankedOf: RankedOf) => (o: any, { password, userInputsOptions }: any) => {
    const reversed = password.split('').reverse().join('');
    return dictionaryMatch(reversed, rankedOf(o, userInputsOptions)).map((m) => ({
      ...m,
      token: m.token.split('').reverse().join(''),
      reversed: true,
      i: password.length - 1 - m.j,
      j: password.length - 1 - m.i,
    }));
  };
  const l33t = (rankedOf: RankedOf) => (o: any, { password, userInputsOptions }: any) => {
    const ranked = rankedOf(o, userInputsOptions);
    const matches: any[] = [];
    const subbed = getCleanPasswords(password, o.l33tMaxSubstitutions, o.trieNodeRoot);
    let hasFullMatch = false;
    for (const s of subbed) {
      if (hasFullMatch) break;
      for (const m of dictionaryMatch(s.password, ranked)) {
        const extras = getExtras(s, m.i, m.j);
        if (!hasFullMatch) hasFullMatch = extras.i === 0 && extras.j === password.length - 1;
        const token = password.slice(extras.i, extras.j + 1);
        const newMatch = { ...m, l33t: true, token, ...extras };
        const already = matches.some(
          (x) => x.i === newMatch.i && x.j === newMatch.j && x.dictionaryName === newMatch.dictionaryName && x.matchedWord === newMatch.matchedWord,
        );
        if (token.toLowerCase() !== m.matchedWord && !already) matches.push(newMatch);
      }
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
  // word-sequence lists (most of a check's time): keep its sequence finding, give it the fast matchers.
  const WordSequence = load('wordSequence');
  const wordSequence = {
    Matching: function Matching(this: any, o: any) {
      const inner = new WordSequence(o);
      inner.dictionary = { match: (args: any) => dictionary(wordSequenceRanked)(o, args) };
      inner.dictionaryL33t = { match: (args: any) => l33t(wordSequenceRanked)(o, args) };
      inner.dictionaryReverse = { match: (args: any) => reverse(wordSequenceRanked)(o, args) };
      this.match = (args: any) => inner.match(args);
    },
    scoring: load('wordSequenceScoring'),
    feedback: load('wordSequenceFeedback'),
  };
  const fast = new core.ZxcvbnFactory(options, {
    dictionary: matcher(dictionary(rankedFor)),
    dictionaryL33t: matcher(l33t(rankedFor)),
    dictionaryReverse: matcher(reverse(rankedFor)),
    wordSequence,
  });
  return { check: (p: string) => fast.check(p), commonPasswords: common.dictionary['passwords-common'] };
}
