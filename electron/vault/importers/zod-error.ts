import type { z } from 'zod';
import { BastionError } from '../../core';
import { LIMITS } from './limits';

/** One line naming the first problem: "items.3.type: expected number". */
export function schemaError(file: string, what: string, error: z.ZodError): BastionError {
  const issue = error.issues[0];
  const where = issue ? issue.path.map(String).join('.') || '(top level)' : '(unknown)';
  return new BastionError('BAD_FILE', `${file} is not a valid ${what} (${where}: ${issue?.message ?? 'invalid'}).`);
}

/** Parses JSON after checking its nesting depth (a 200,000-deep document is hostile, not an export). */
export function parseJson(text: string, file: string, what: string): unknown {
  const depth = jsonDepth(text, LIMITS.maxJsonDepth);
  if (depth > LIMITS.maxJsonDepth) {
    throw new BastionError('BAD_FILE', `${file} nests JSON more than ${LIMITS.maxJsonDepth} levels deep, so it is not a ${what}.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new BastionError('BAD_FILE', `${file} is not valid JSON, so not a ${what}.`, { cause });
  }
}

/** The deepest [ / { nesting outside strings, stopping as soon as it passes `stopAbove` (one linear scan). */
export function jsonDepth(text: string, stopAbove: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max && (max = depth) > stopAbove) return max;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}
