import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db';
import { ensureVecTable, writeDoc } from './kb-store';
import { signBits } from './sign-bits';
import { nearestChunks, nearestChunksAsync } from './vector-index';
import { disposeVectorWorker } from './vector-worker';

const DIMS = 48;
let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-vidx-'));
  store = openStore({ dataDir: dir });
});
afterEach(async () => {
  await disposeVectorWorker();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const randomVector = (r: () => number) => Float32Array.from({ length: DIMS }, () => r() * 2 - 1);

/** Writes `vectors` as one document's chunks; returns the rowid of each. */
function index(vectors: Float32Array[], doc = 'd1'): number[] {
  ensureVecTable(store, 'test-model', DIMS);
  const chunks = vectors.map((_, i) => ({ heading: '', text: `chunk ${i}`, start: 0, end: 1 }));
  writeDoc(store, { id: doc, source: 'user', path: `/${doc}.md`, title: doc, kind: 'markdown', tags: [], hash: doc, bytes: 1, folder: null, chunks, vectors });
  return store.db.prepare<{ rowid: number }>('select rowid from kb_chunks where doc_id = ? order by ord').all(doc).map((r) => r.rowid);
}

function exactTop(vectors: Float32Array[], rowids: number[], q: Float32Array, k: number): number[] {
  const cos = (a: Float32Array, b: Float32Array) => {
    let d = 0;
    let na = 0;
    let nb = 0;
    for (let i = 0; i < a.length; i++) {
      d += a[i]! * b[i]!;
      na += a[i]! * a[i]!;
      nb += b[i]! * b[i]!;
    }
    return d / Math.sqrt(na * nb);
  };
  return vectors
    .map((v, i) => ({ id: rowids[i]!, s: cos(v, q) }))
    .sort((a, b) => b.s - a.s || a.id - b.id)
    .slice(0, k)
    .map((x) => x.id);
}

describe('signBits', () => {
  it('sets one bit per positive dimension, little-endian in each byte, padded to 128-bit blocks', () => {
    const v = new Float32Array(40);
    v[0] = 0.5;
    v[9] = 1;
    v[39] = 2;
    v[1] = -1;
    v[2] = 0;
    expect([...signBits(v)]).toEqual([0b1, 0b10, 0, 0, 0b10000000, ...new Array(11).fill(0)]);
  });
});

describe('nearestChunks', () => {
  it('is exact cosine order when every vector is a candidate', () => {
    const r = rng(1);
    const vectors = Array.from({ length: 300 }, () => randomVector(r));
    const ids = index(vectors);
    for (let t = 0; t < 5; t++) {
      const q = randomVector(r);
      expect(nearestChunks(store, q, 10, 300)).toEqual(exactTop(vectors, ids, q, 10));
    }
  });

  it('re-scores only the candidates the sign-bit and int8 passes keep: a near-duplicate of the query is always found', () => {
    const r = rng(2);
    const vectors = Array.from({ length: 2000 }, () => randomVector(r));
    const ids = index(vectors);
    for (let t = 0; t < 5; t++) {
      const target = 37 + t * 311;
      const q = vectors[target]!.map((x) => x + (r() - 0.5) * 0.05);
      const top = nearestChunks(store, q, 5, 20, 50);
      expect(top[0]).toBe(ids[target]);
      // The candidates are re-scored exactly: the returned order is by true cosine.
      expect(top).toEqual(exactTop(top.map((id) => vectors[ids.indexOf(id)]!), top, q, 5));
    }
  });

  it('is exact on a store small enough to keep its vectors in memory, beyond the re-scored candidate count', () => {
    const r = rng(5);
    const vectors = Array.from({ length: 1500 }, () => randomVector(r));
    const ids = index(vectors);
    for (let t = 0; t < 5; t++) {
      const q = randomVector(r);
      expect(nearestChunks(store, q, 10)).toEqual(exactTop(vectors, ids, q, 10));
    }
  });

  it('gives the same rowids when the candidate scan runs on the worker thread', async () => {
    const r = rng(6);
    const vectors = Array.from({ length: 1500 }, () => randomVector(r));
    index(vectors);
    for (let t = 0; t < 5; t++) {
      const q = randomVector(r);
      const inThread = nearestChunks(store, q, 10, 40, 300);
      expect(await nearestChunksAsync(store, q, 10, 40, 300)).toEqual(inThread);
      expect(await nearestChunksAsync(store, q, 10)).toEqual(nearestChunks(store, q, 10));
    }
  });

  it('sees writes and deletes made after it last loaded', () => {
    const r = rng(3);
    const a = Array.from({ length: 20 }, () => randomVector(r));
    index(a, 'a');
    const q = randomVector(r);
    const b = [q.map((x) => x * 2)];
    expect(nearestChunks(store, q, 1)).not.toEqual([]);
    const [bId] = index(b, 'b');
    expect(nearestChunks(store, q, 1)).toEqual([bId]);
    store.db.prepare('delete from kb_vec where rowid = ?').run(bId);
    expect(nearestChunks(store, q, 1)).not.toEqual([bId]);
  });

  it('returns nothing for a query of another dimension (vectors are being rebuilt for a new model)', () => {
    index([randomVector(rng(4))]);
    expect(nearestChunks(store, new Float32Array(DIMS * 2).fill(1), 5)).toEqual([]);
  });
});
