import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

export interface Strength {
  /** zxcvbn score 0 (trivial) … 4 (strong). */
  score: number;
  guessesLog10: number;
}

/**
 * How many l33t variants zxcvbn tries per password. Each variant costs a full dictionary pass (~2.5 ms for a
 * 16-character password here); the library default of 100 makes a random 16-character password cost ~20 ms.
 * 4 still finds the usual substitutions (P@ssw0rd, l3tm31n, p4$$w0rd1 score exactly as with 100).
 * The worker (strength-pool.ts) uses the same value.
 */
export const L33T_MAX_SUBSTITUTIONS = 4;

interface Loaded {
  factory: ZxcvbnFactory;
  commonList: string[];
  common?: Set<string>;
}
let lib: Loaded | undefined;

/**
 * Loads zxcvbn and its dictionaries (~0.15 s of decompression) on first need only, so commands that never estimate
 * strength (report, sources…) start without it. Dynamic imports of the packages themselves keep this lazy in bundles.
 */
export async function loadZxcvbn(): Promise<void> {
  if (lib) return;
  const [core, common, en] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]);
  lib ??= {
    factory: new core.ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
      l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS,
    }),
    commonList: common.dictionary['passwords-common'],
  };
}

function loaded(): Loaded {
  if (!lib) throw new Error('zxcvbn is not loaded; call loadZxcvbn() first.');
  return lib;
}

/** zxcvbn-ts with the common + English dictionaries, in this thread. */
export function estimateStrength(password: string): Strength {
  const r = loaded().factory.check(password);
  return { score: r.score, guessesLog10: Math.round(r.guessesLog10 * 100) / 100 };
}

/** The shipped common-password corpus: zxcvbn's own `passwords-common` list (~49k most used passwords). */
export function isCommonPassword(password: string): boolean {
  const l = loaded();
  l.common ??= new Set(l.commonList);
  return l.common.has(password) || l.common.has(password.toLowerCase());
}
