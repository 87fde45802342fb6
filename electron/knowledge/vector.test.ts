// The sqlite-vec path without a model: a deterministic bag-of-words "embedder" stands in for the GGUF one, so the
// vec0 table, pending-vector bookkeeping and hybrid fusion are covered by the standalone suite.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Embedder } from '../../native';
import { openStore, type Store } from '../db';
import { addDocuments, removeDocument } from './ingest';
import { search } from './search';

function hashingEmbedder(dimensions: number, path = `/fake/${dimensions}.gguf`): Embedder & { calls: number } {
  const e = {
    dimensions,
    modelPath: path,
    calls: 0,
    async embed(texts: string[]) {
      e.calls += texts.length;
      return texts.map((t) => {
        const v = new Float32Array(dimensions);
        for (const w of t.toLowerCase().match(/[a-z]+/g) ?? []) v[createHash('sha1').update(w).digest().readUInt32BE(0) % dimensions]! += 1;
        const n = Math.hypot(...v) || 1;
        return v.map((x) => x / n);
      });
    },
    async dispose() {},
  };
  return e;
}

let dir: string;
let store: Store;
const n = (sql: string) => store.db.prepare<{ n: number }>(sql).get()!.n;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-kbv-'));
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'docs', 'a.md'), '# Routers\n\nChange the router admin password and update firmware.');
  writeFileSync(join(dir, 'docs', 'b.md'), '# Phones\n\nLock your phone with a long PIN.');
  store = openStore({ dataDir: join(dir, 'data') });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('vector index', () => {
  it('stores one vector per chunk and serves vector and hybrid modes', async () => {
    const e = hashingEmbedder(64);
    await addDocuments(store, [join(dir, 'docs')], { embedder: e });
    expect(n('select count(*) as n from kb_vec')).toBe(n('select count(*) as n from kb_chunks'));
    const v = await search(store, 'router firmware', { embedder: e, mode: 'vector' });
    expect(v.mode).toBe('vector');
    expect(v.results[0]?.title).toBe('Routers');
    const h = await search(store, 'phone PIN', { embedder: e });
    expect(h.mode).toBe('hybrid');
    expect(h.results[0]?.title).toBe('Phones');
    // Both lists contributed: the top result's fused score is above what one list alone can give.
    expect(h.results[0]!.score).toBeGreaterThan(1 / 61);
  });

  it('embeds chunks indexed before a model was configured, once', async () => {
    await addDocuments(store, [join(dir, 'docs')]);
    expect(n("select count(*) as n from sqlite_master where name = 'kb_vec'")).toBe(0);
    const e = hashingEmbedder(64);
    await search(store, 'router', { embedder: e });
    expect(n('select count(*) as n from kb_vec')).toBe(2);
    const calls = e.calls;
    await search(store, 'router', { embedder: e });
    expect(e.calls).toBe(calls + 1); // only the query: nothing left to embed
  });

  it('rebuilds vectors when the model changes, and removes them with the document', async () => {
    await addDocuments(store, [join(dir, 'docs')], { embedder: hashingEmbedder(64) });
    const other = hashingEmbedder(32, '/fake/other.gguf');
    const r = await search(store, 'router', { embedder: other, mode: 'vector' });
    expect(r.results[0]?.title).toBe('Routers');
    expect(n('select count(*) as n from kb_vec')).toBe(2);
    expect(n('select min(length(embedding)) as n from kb_vec')).toBe(32 * 4);
    expect(n('select max(length(embedding)) as n from kb_vec')).toBe(32 * 4);
    removeDocument(store, (await search(store, 'router', { embedder: other })).results[0]!.doc);
    expect(n('select count(*) as n from kb_vec')).toBe(1);
  });

  it('carries the vectors of a store from before (a sqlite-vec vec0 table) over, without re-embedding', async () => {
    if (!store.vecVersion) return;
    const e = hashingEmbedder(64);
    await addDocuments(store, [join(dir, 'docs')], { embedder: e });
    const before = store.db.prepare<{ rowid: number; embedding: Buffer }>('select rowid, embedding from kb_vec order by rowid').all();
    // Put the store back the way earlier versions left it.
    store.db.exec('drop table kb_vec');
    store.db.exec('create virtual table kb_vec using vec0(embedding float[64] distance_metric=cosine)');
    for (const r of before) store.db.prepare('insert into kb_vec (rowid, embedding) values (?, ?)').run(BigInt(r.rowid), r.embedding);
    const calls = e.calls;
    const v = await search(store, 'router firmware', { embedder: e, mode: 'vector' });
    expect(v.results[0]?.title).toBe('Routers');
    expect(e.calls).toBe(calls + 1); // only the query
    const sql = store.db.prepare<{ sql: string }>("select sql from sqlite_master where name = 'kb_vec'").get()!.sql;
    expect(sql).not.toMatch(/vec0/);
    const after = store.db.prepare<{ rowid: number; embedding: Buffer; bits: Buffer }>('select rowid, embedding, bits from kb_vec order by rowid').all();
    expect(after.map((r) => [r.rowid, r.embedding.toString('hex')])).toEqual(before.map((r) => [r.rowid, r.embedding.toString('hex')]));
    expect(after.every((r) => r.bits.length === 16)).toBe(true);
  });
});

