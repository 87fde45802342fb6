import { createHash } from 'node:crypto';
import type { Store, InstallKeys } from '../../db';
import { fingerprintOf, itemIdFor } from '../store/ids';
import type { DerivedItem, Exposure, ImportedItem, LengthClass } from '../types';
import { siteOf } from './site';
import { estimateMany } from './strength-pool';
import { isCommonPassword } from './zxcvbn';

export function lengthClassOf(password: string): LengthClass {
  const n = [...password].length;
  return n < 8 ? 'short' : n < 12 ? 'medium' : n < 20 ? 'long' : 'very_long';
}

const ms = (d: Date | null): number | null => (d && !Number.isNaN(d.getTime()) ? d.getTime() : null);

interface Secretish {
  password: string;
  fp: Buffer;
}

/**
 * Derives the kept features of every item and forgets the passwords: strength (zxcvbn, cached by fingerprint,
 * computed in workers when many), length class, keyed fingerprint and breach membership. Reads the store, never writes.
 * Only logins are analysed; a password on a note, card or identity is ignored.
 */
export async function deriveItems(
  store: Store,
  keys: InstallKeys,
  sourceId: string,
  items: ImportedItem[],
  opts: {
    onProgress?: (done: number, total: number) => void;
    workers?: number;
    /**
     * Told once every feature but the estimates still being computed is known (those strengths are null). Read the
     * items at once: the same objects get their strengths when the estimates are in.
     */
    onBeforeStrengths?: (derived: readonly DerivedItem[]) => void;
  } = {},
): Promise<{ derived: DerivedItem[]; newStrengths: { fingerprint: Buffer; score: number; guessesLog10: number }[] }> {
  const unique = new Map<string, Secretish>();
  const fps: (Buffer | null)[] = items.map((it) => {
    if (it.kind !== 'login' || !it.password) return null;
    const fp = fingerprintOf(keys, it.password);
    const hex = fp.toString('hex');
    if (!unique.has(hex)) unique.set(hex, { password: it.password, fp });
    return fp;
  });

  // Strength: cached results first, the rest through zxcvbn.
  const strengths = new Map<string, { score: number; guessesLog10: number }>();
  const cacheGet = store.db.prepare<{ score: number; guesses_log10: number }>('select score, guesses_log10 from vault_strength_cache where fingerprint = ?');
  const todo: Secretish[] = [];
  for (const [hex, s] of unique) {
    const hit = cacheGet.get(s.fp);
    if (hit) strengths.set(hex, { score: hit.score, guessesLog10: hit.guesses_log10 });
    else todo.push(s);
  }
  // The workers score while this thread does the breach lookups.
  const computing = estimateMany(
    todo.map((s) => s.password),
    { onProgress: opts.onProgress, workers: opts.workers },
  );
  computing.catch(() => undefined); // awaited below; this only keeps a failure during the lookups from going unhandled

  // Exposure: the shipped list, then the imported HIBP corpus (SHA-1 computed here, in memory, never kept).
  const exposure = new Map<string, { exposed: Exposure; count: number | null }>();
  const hasCorpus = store.db.prepare('select 1 from vault_breach_hashes limit 1').get() !== undefined;
  const hibpGet = store.db.prepare<{ count: number }>('select count from vault_breach_hashes where sha1 = ?');
  for (const [hex, s] of unique) {
    const hit = hasCorpus ? hibpGet.get(createHash('sha1').update(s.password, 'utf8').digest()) : undefined;
    if (hit) exposure.set(hex, { exposed: 2, count: hit.count });
    else if (isCommonPassword(s.password)) exposure.set(hex, { exposed: 1, count: null });
  }

  const lengths = new Map<string, LengthClass>();
  for (const [hex, s] of unique) lengths.set(hex, lengthClassOf(s.password));
  // Everything but the estimates is derived while the workers score; the six checks that need no estimate can be
  // shown now (issue 18: time to first report).
  const derived = items.map((it, i) => derivedItem(it, fps[i] ?? null, { keys, sourceId, strengths, exposure, lengths }));
  if (opts.onBeforeStrengths && todo.length > 0) opts.onBeforeStrengths(derived);

  const computed = await computing;
  const newStrengths = todo.map((s, i) => {
    const r = computed[i]!;
    strengths.set(s.fp.toString('hex'), r);
    return { fingerprint: s.fp, score: r.score, guessesLog10: r.guessesLog10 };
  });
  for (const d of derived) {
    const st = d.fingerprint && d.strength === null ? strengths.get(d.fingerprint.toString('hex')) : undefined;
    if (st) Object.assign(d, { strength: st.score, guessesLog10: st.guessesLog10 });
  }
  unique.clear();
  todo.length = 0;
  return { derived, newStrengths };
}

interface Known {
  keys: InstallKeys;
  sourceId: string;
  strengths: Map<string, { score: number; guessesLog10: number }>;
  exposure: Map<string, { exposed: Exposure; count: number | null }>;
  lengths: Map<string, LengthClass>;
}

/** What is kept of one entry, from the features known so far (a strength not yet estimated is null). */
function derivedItem(it: ImportedItem, fp: Buffer | null, { keys, sourceId, strengths, exposure, lengths }: Known): DerivedItem {
  const hex = fp?.toString('hex');
  const st = hex ? strengths.get(hex) : undefined;
  const ex = hex ? exposure.get(hex) : undefined;
  return {
    id: itemIdFor(keys, sourceId, it.externalId),
    sourceId,
    externalId: it.externalId,
    kind: it.kind,
    title: it.title,
    username: it.username || null,
    urls: it.urls,
    site: siteOf(it.urls),
    group: it.group || null,
    createdMs: ms(it.created),
    modifiedMs: ms(it.modified),
    passwordChangedMs: ms(it.passwordChanged),
    hasTotp: it.hasTotp,
    hasPassword: fp !== null,
    strength: st?.score ?? null,
    guessesLog10: st?.guessesLog10 ?? null,
    lengthClass: hex ? lengths.get(hex)! : null,
    fingerprint: fp,
    exposed: ex?.exposed ?? 0,
    breachCount: ex?.count ?? null,
  };
}
