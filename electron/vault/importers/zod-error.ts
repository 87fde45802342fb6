import type { z } from 'zod';
import { BastionError } from '../../core';

/** One line naming the first problem: "items.3.type: expected number". */
export function schemaError(file: string, what: string, error: z.ZodError): BastionError {
  const issue = error.issues[0];
  const where = issue ? issue.path.map(String).join('.') || '(top level)' : '(unknown)';
  return new BastionError('BAD_FILE', `${file} is not a valid ${what} (${where}: ${issue?.message ?? 'invalid'}).`);
}

export function parseJson(text: string, file: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new BastionError('BAD_FILE', `${file} is not valid JSON, so not a ${what}.`, { cause });
  }
}
