// The fetched real models against the catalog: their files match the recorded sha256 and their kind is read right.
// Skipped, with a message, when `npm run fetch:models` has not been run.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASE_MODEL_NOTE, modelKind } from '../native';
import { findCatalogEntry } from './catalog';
import { DEV_BASE_MODEL, DEV_INSTRUCT_MODEL, importModel } from './library';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-real-models-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cases = [
  { name: 'smollm2-135m-instruct', file: DEV_INSTRUCT_MODEL(), kind: 'instruct' as const, note: null },
  { name: 'gemma3-270m', file: DEV_BASE_MODEL(), kind: 'base' as const, note: BASE_MODEL_NOTE },
];

describe.each(cases)('$name from PyPI', ({ name, file, kind, note }) => {
  if (!existsSync(file)) console.warn(`skipped: ${file} is not fetched (run \`npm run fetch:models\`)`);

  it.skipIf(!existsSync(file))('imports under its catalog name with the catalog sha256 verified, and the right kind', async () => {
    expect((await modelKind(file)).kind).toBe(kind);
    const m = await importModel(dir, file, { name });
    expect(m.verified).toBe(true);
    expect(m.sha256).toBe(findCatalogEntry(name)!.sha256);
    expect(m).toMatchObject({ kind, kindNote: note });
    expect(findCatalogEntry(name)!.kind).toBe(kind);
  });
});
