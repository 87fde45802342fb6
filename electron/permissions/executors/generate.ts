import { randomBytes, randomInt } from 'node:crypto';
import { WORDS } from './wordlist';

// Password generation (crypto-random, unbiased) and the in-memory holder for generated passwords. A generated
// password is referred to by a `gen_…` id everywhere (proposals, audit, model); its text never touches the disk.

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '!#$%&*+-=?@^_~';

export interface GenerateOptions {
  length?: number;
  words?: number;
  symbols?: boolean;
}

export interface Generated {
  id: string;
  /** Entropy in bits of the generator's output space (not an estimate of the string). */
  bits: number;
  kind: 'chars' | 'words';
  length: number;
}

export function generatePasswordText(opts: GenerateOptions): { text: string; bits: number; kind: 'chars' | 'words' } {
  if (opts.words !== undefined) {
    const words = Array.from({ length: opts.words }, () => WORDS[randomInt(WORDS.length)]!);
    return { text: words.join('-'), bits: opts.words * Math.log2(WORDS.length), kind: 'words' };
  }
  const length = opts.length ?? 20;
  const classes = [LOWER, UPPER, DIGITS, ...(opts.symbols === false ? [] : [SYMBOLS])];
  const alphabet = classes.join('');
  // Rejection-sample until every class is present; at length ≥ 12 this almost always succeeds first time.
  for (;;) {
    const chars = Array.from({ length }, () => alphabet[randomInt(alphabet.length)]!);
    if (classes.every((c) => chars.some((ch) => c.includes(ch)))) {
      return { text: chars.join(''), bits: length * Math.log2(alphabet.length), kind: 'chars' };
    }
  }
}

interface Held {
  text: string;
  expiresAt: number;
}

const HOLD_MS = 10 * 60_000;
const held = new Map<string, Held>();

/** Generates and holds a password in this process's memory for ten minutes. */
export function generateAndHold(opts: GenerateOptions, now = Date.now()): Generated {
  sweep(now);
  const { text, bits, kind } = generatePasswordText(opts);
  const id = `gen_${randomBytes(12).toString('base64url')}`;
  held.set(id, { text, expiresAt: now + HOLD_MS });
  return { id, bits: Math.round(bits), kind, length: text.length };
}

export function hasGenerated(id: string, now = Date.now()): boolean {
  sweep(now);
  return held.has(id);
}

/** The only way to read a held password; used by executors (clipboard) and the CLI's explicit `generate --show`. */
export function takeGeneratedText(id: string, now = Date.now()): string | null {
  sweep(now);
  return held.get(id)?.text ?? null;
}

export function forgetGenerated(id: string): void {
  held.delete(id);
}

function sweep(now: number): void {
  for (const [id, h] of held) if (h.expiresAt <= now) held.delete(id);
}
