import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { BastionError } from '../core';
import { openStore } from '../db';
import { addDocuments, ensureBuiltinIndexed, type AddSummary, type EmbedOptions } from '../knowledge';

// Offline provisioning: an administrator indexes a folder of policy documents once (with the embedding model, if
// any) and ships the result. The pack is a Bastion database holding only knowledge (built-in articles + those
// documents, chunks, FTS and vectors): no vault, no history, no key. Written with VACUUM INTO then renamed, so a
// failed build never leaves a half-written pack.

export interface PackSummary {
  outFile: string;
  documents: AddSummary;
}

export async function buildKnowledgePack(dirs: string[], outFile: string, opts: EmbedOptions = {}): Promise<PackSummary> {
  if (dirs.length === 0) throw new BastionError('BAD_INPUT', 'Name at least one folder of documents to pack.');
  for (const d of dirs) if (!existsSync(d)) throw new BastionError('NOT_FOUND', `${d} does not exist.`);
  const out = resolve(outFile);
  if (!existsSync(dirname(out))) throw new BastionError('NOT_FOUND', `${dirname(out)} does not exist.`);
  const work = mkdtempSync(join(tmpdir(), 'bastion-pack-'));
  try {
    const store = openStore({ dataDir: work });
    try {
      await ensureBuiltinIndexed(store, opts);
      const documents = await addDocuments(store, dirs.map((d) => resolve(d)), opts);
      if (documents.added.length + documents.updated.length + documents.unchanged.length === 0) {
        throw new BastionError('BAD_INPUT', `No indexable documents in ${dirs.join(', ')}.`);
      }
      const tmp = `${out}.${process.pid}.tmp`;
      rmSync(tmp, { force: true });
      store.db.prepare('vacuum into ?').run(tmp);
      renameSync(tmp, out);
      return { outFile: out, documents };
    } finally {
      store.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
