import { createRequire } from 'node:module';
import { zxcvbnWithIndex, ZXCVBN_MODULES, type BuiltZxcvbn, type ZxcvbnModuleName } from './zxcvbn-build';
import { trieHas, type ZxcvbnIndex } from './zxcvbn-index';
import { loadZxcvbnIndex, type LoadedZxcvbnIndex } from './zxcvbn-index-file';

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

let loadedIndex: LoadedZxcvbnIndex | undefined;
let zx: BuiltZxcvbn | undefined;
let commonDict = -1;

/**
 * zxcvbn's dictionaries as a prebuilt index in shared memory (one read; built in memory instead when the file is
 * missing or stale), loaded on first need only, so commands that never look at passwords start without it.
 */
export function zxcvbnIndex(): LoadedZxcvbnIndex {
  loadedIndex ??= loadZxcvbnIndex();
  return loadedIndex;
}

/** Absolute paths of the zxcvbn modules (also handed to the strength workers). */
export function zxcvbnModulePaths(): Record<ZxcvbnModuleName, string> {
  const req = createRequire(import.meta.url);
  const out = {} as Record<ZxcvbnModuleName, string>;
  for (const [k, v] of Object.entries(ZXCVBN_MODULES)) out[k as ZxcvbnModuleName] = req.resolve(v);
  return out;
}

/** Loads zxcvbn for estimates in this thread (the index, then the library: a few tens of ms). */
export async function loadZxcvbn(): Promise<void> {
  if (zx) return;
  const req = createRequire(import.meta.url);
  const paths = zxcvbnModulePaths();
  zx = zxcvbnWithIndex((n) => req(paths[n]), zxcvbnIndex().index, { l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS });
}

/** zxcvbn-ts with the common + English dictionaries, in this thread (after loadZxcvbn). */
export function estimateStrength(password: string): Strength {
  if (!zx) throw new Error('zxcvbn is not loaded; call loadZxcvbn() first.');
  const r = zx.check(password);
  return { score: r.score, guessesLog10: Math.round(r.guessesLog10 * 100) / 100 };
}

/** The shipped common-password corpus: zxcvbn's own `passwords-common` list (~49k most used passwords). */
export function isCommonPassword(password: string): boolean {
  const index: ZxcvbnIndex = zxcvbnIndex().index;
  if (commonDict < 0) commonDict = index.names.indexOf('passwords-common');
  if (commonDict < 0) throw new Error('zxcvbn has no passwords-common dictionary');
  return trieHas(index.all, password, commonDict) || trieHas(index.all, password.toLowerCase(), commonDict);
}
