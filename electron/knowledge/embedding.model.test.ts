// Exercises the real embedder and the sqlite-vec path. Needs the converted model from
// scripts/fetch-embedding-model.sh in .cache/models/; skipped (with the reason) otherwise.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder, type Embedder } from '../../native';
import { appRoot, openStore, type Store } from '../db';
import { addDocuments, disposeEmbedders, searchKnowledge } from '.';
import { search } from './search';

const MODEL = process.env.BASTION_EMBED_MODEL ?? join(appRoot(), '.cache', 'models', 'all-minilm-l6-v2-f16.gguf');
const have = existsSync(MODEL);
if (!have) console.warn(`skipping embedding model tests: ${MODEL} not found (run scripts/fetch-embedding-model.sh)`);

describe.skipIf(!have)('embedding model + sqlite-vec', () => {
  let dir: string;
  let store: Store;
  let embedder: Embedder;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bastion-kbm-'));
    store = openStore({ dataDir: join(dir, 'data') });
    embedder = await loadEmbedder(MODEL);
  });
  afterAll(async () => {
    await embedder.dispose();
    await disposeEmbedders();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('embeds to unit vectors where paraphrases are closer than unrelated text', async () => {
    const [a, b, c] = await embedder.embed(['How do I reset my forgotten password?', 'I cannot remember my login secret, how can I recover it?', 'Tomatoes grow best in full sun.']);
    expect(embedder.dimensions).toBe(384);
    const dot = (x: Float32Array, y: Float32Array) => x.reduce((s, v, i) => s + v * y[i]!, 0);
    expect(dot(a!, a!)).toBeCloseTo(1, 4);
    expect(dot(a!, b!)).toBeGreaterThan(dot(a!, c!) + 0.2);
  });

  it('indexes documents into vec0 and finds them by meaning, in hybrid mode', async () => {
    const docs = join(dir, 'docs');
    mkdirSync(docs);
    writeFileSync(join(docs, 'travel.md'), '# Travel rules\n\nStaff abroad must carry a loaner laptop and leave their usual computer at home.');
    writeFileSync(join(docs, 'kitchen.md'), '# Kitchen\n\nClean the coffee machine every Friday afternoon.');
    const s = await addDocuments(store, [docs], { embedder });
    expect(s.added).toHaveLength(2);
    const vecRows = store.db.prepare<{ n: number }>('select count(*) as n from kb_vec').get()!.n;
    expect(vecRows).toBe(store.db.prepare<{ n: number }>('select count(*) as n from kb_chunks').get()!.n);

    // No keyword overlap with the travel document: only the vector side can find it.
    const v = await search(store, 'which notebook PC should I bring on an overseas business trip', { embedder, mode: 'vector', k: 1 });
    expect(v.mode).toBe('vector');
    expect(v.results[0]?.title).toBe('Travel rules');

    const h = await searchKnowledge(store, 'is SMS two-factor safe', { embedder });
    expect(h.mode).toBe('hybrid');
    expect(h.results[0]?.doc).toBe('sms-2fa');
  });
});
