import { createRequire } from 'node:module';
import { buildZxcvbn, ZXCVBN_MODULES, type BuiltZxcvbn, type ZxcvbnModuleName } from './zxcvbn-build';

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
  zx: BuiltZxcvbn;
  common?: Set<string>;
}
let lib: Loaded | undefined;

/** Absolute paths of the zxcvbn modules (also handed to the strength workers). */
export function zxcvbnModulePaths(): Record<ZxcvbnModuleName, string> {
  const req = createRequire(import.meta.url);
  const out = {} as Record<ZxcvbnModuleName, string>;
  for (const [k, v] of Object.entries(ZXCVBN_MODULES)) out[k as ZxcvbnModuleName] = req.resolve(v);
  return out;
}

/**
 * Loads zxcvbn and its dictionaries (~0.15 s) on first need only, so commands that never estimate strength
 * (report, sources…) start without it.
 */
export async function loadZxcvbn(): Promise<void> {
  if (lib) return;
  const req = createRequire(import.meta.url);
  const paths = zxcvbnModulePaths();
  lib = { zx: buildZxcvbn((n) => req(paths[n]), { l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS, fast: true }) };
}

function loaded(): Loaded {
  if (!lib) throw new Error('zxcvbn is not loaded; call loadZxcvbn() first.');
  return lib;
}

/** zxcvbn-ts with the common + English dictionaries, in this thread. */
export function estimateStrength(password: string): Strength {
  const r = loaded().zx.check(password);
  return { score: r.score, guessesLog10: Math.round(r.guessesLog10 * 100) / 100 };
}

/** The shipped common-password corpus: zxcvbn's own `passwords-common` list (~49k most used passwords). */
export function isCommonPassword(password: string): boolean {
  const l = loaded();
  l.common ??= new Set(l.zx.commonPasswords);
  return l.common.has(password) || l.common.has(password.toLowerCase());
}
