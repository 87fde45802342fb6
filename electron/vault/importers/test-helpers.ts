import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { BastionError, type ErrorCode } from '../../core';

/** A temp folder for one test file, removed afterwards. */
export function useTempDir(): (name: string) => string {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bastion-importers-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return (name) => join(dir, name);
}

/** Awaits a promise that must reject with a BastionError of `code`; returns it for message checks. */
export async function expectBastionError(p: Promise<unknown>, code: ErrorCode): Promise<BastionError> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof BastionError)) throw new Error(`expected BastionError ${code}, got ${String(e)}`);
    if (e.code !== code) throw new Error(`expected ${code}, got ${e.code}: ${e.message}`);
    return e;
  }
  throw new Error(`expected BastionError ${code}, but it resolved`);
}
