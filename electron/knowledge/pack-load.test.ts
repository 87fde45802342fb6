import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE, openStore, type Store } from '../db';
import { ensureVecTable, getSetting, VEC_DIRTY, writeDoc } from './kb-store';
import { loadKnowledgePacks } from './pack-load';

// Vector reuse: a pack embedded with the very model the client uses brings its vectors; any other model's vectors
// are left behind and the client's chunks are marked for embedding here.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-pack-load-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const vec = (...xs: number[]) => new Float32Array(xs);

function makePack(modelKey: string): string {
  const pack = openStore({ dataDir: join(dir, `pack-${modelKey}`) });
  ensureVecTable(pack, modelKey, 4);
  writeDoc(pack, {
    id: 'doc_policy',
    source: 'user',
    path: '/admin/policies/vpn.md',
    title: 'VPN policy',
    kind: 'markdown',
    tags: [],
    hash: 'h1',
    bytes: 40,
    folder: '/admin/policies',
    chunks: [
      { heading: 'Remote', text: 'Use the platypusnet gateway.', start: 0, end: 28 },
      { heading: 'Travel', text: 'Hotel networks are untrusted.', start: 29, end: 58 },
    ],
    vectors: [vec(1, 0, 0, 0), vec(0, 1, 0, 0)],
  });
  pack.db.pragma('wal_checkpoint(TRUNCATE)');
  pack.close();
  return join(dir, `pack-${modelKey}`, DB_FILE);
}

function vectorsIn(store: Store): number[][] {
  return store.db
    .prepare<{ embedding: Buffer }>('select embedding from kb_vec order by rowid')
    .all()
    .map((r) => [...new Float32Array(r.embedding.buffer.slice(r.embedding.byteOffset, r.embedding.byteOffset + r.embedding.byteLength))]);
}

describe('loadKnowledgePacks: vectors', () => {
  it('reuses the pack\'s vectors when the client embeds with the same model', async () => {
    const pack = makePack('minilm:46:1');
    const client = openStore({ dataDir: join(dir, 'client') });
    try {
      expect(client.vecVersion).not.toBeNull(); // vectors are only stored where the extension loads (it does here)
      ensureVecTable(client, 'minilm:46:1', 4);
      client.db.prepare("delete from kb_settings where key = ?").run(VEC_DIRTY);
      const [r] = await loadKnowledgePacks(client, [pack]);
      expect(r).toMatchObject({ status: 'loaded', documents: 1, vectorsReused: true });
      expect(vectorsIn(client)).toEqual([
        [1, 0, 0, 0],
        [0, 1, 0, 0],
      ]);
      expect(getSetting(client, VEC_DIRTY)).toBeNull();
    } finally {
      client.close();
    }
  });

  it('leaves another model\'s vectors behind and marks the chunks for embedding', async () => {
    const pack = makePack('other-model:1:1');
    const client = openStore({ dataDir: join(dir, 'client2') });
    try {
      expect(client.vecVersion).not.toBeNull();
      ensureVecTable(client, 'minilm:46:1', 4);
      const [r] = await loadKnowledgePacks(client, [pack]);
      expect(r).toMatchObject({ status: 'loaded', documents: 1, vectorsReused: false });
      expect(vectorsIn(client)).toEqual([]);
      expect(getSetting(client, VEC_DIRTY)).toBe('1');
    } finally {
      client.close();
    }
  });
});
