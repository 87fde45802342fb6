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
 * not refer to anything outside its own body. `load` returns a zxcvbn module by name (require in both places).
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
  // The library's MatchDictionary.match without Levenshtein (off in our options): i, then j, then dictionary order;
  // substrings of the lower-cased password over the password's own length, as the library slices them.
  const dictionaryMatch = (password: string, t: Trie): any[] => {
    const n = password.length;
    const lower = password.toLowerCase();
    const matches: any[] = [];
    for (let i = 0; i < n; i++) {
      let node = 0;
      for (let j = i; j < n; j++) {
        node = child(t, node, lower.charCodeAt(j));
        if (node < 0) break;
        const e1 = t.entryOff[node + 1]!;
        let e = t.entryOff[node]!;
        if (e === e1) continue;
        const word = lower.slice(i, j + 1);
        const token = password.slice(i, j + 1);
        for (; e < e1; e++) {
          matches.push({
            pattern: 'dictionary',
            i,
            j,
            token,
            matchedWord: word,
            rank: t.entryRank[e],
            dictionaryName: names[t.entryDict[e]!],
            reversed: false,
            l33t: false,
          });
        }
      }
    }
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
  const l33t = (trieOf: TrieOf) => (o: any, { password, userInputsOptions }: any) => {
    const t = trieOf(userInputsOptions);
    const matches: any[] = [];
    const subbed = getCleanPasswords(password, o.l33tMaxSubstitutions, o.trieNodeRoot);
    let hasFullMatch = false;
    for (const s of subbed) {
      if (hasFullMatch) break;
      for (const m of dictionaryMatch(s.password, t)) {
        const extras = getExtras(s, m.i, m.j);
        if (!hasFullMatch) hasFullMatch = extras.i === 0 && extras.j === password.length - 1;
        const token = password.slice(extras.i, extras.j + 1);
        // The library builds the match and scans for a duplicate before this test; both are pure, so test first.
        if (token.toLowerCase() === m.matchedWord) continue;
        const newMatch = { ...m, l33t: true, token, ...extras };
        const already = matches.some(
          (x) => x.i === newMatch.i && x.j === newMatch.j && x.dictionaryName === newMatch.dictionaryName && x.matchedWord === newMatch.matchedWord,
        );
        if (!already) matches.push(newMatch);
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
  return { check: (p: string) => fast.check(p) };
}
