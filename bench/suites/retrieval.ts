// Retrieval bench: indexing throughput and hybrid query latency (FTS5 BM25 + sign-bit KNN + RRF) over a synthetic
// corpus, against a plain in-memory JavaScript brute-force cosine over the same vectors, measured in the same run.
// Vectors are seeded random 384-d unit vectors (the all-MiniLM-L6-v2 dimension), so the figures do not need a model
// and measure the index, not inference; query embedding time with the real model is reported separately when cached.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Embedder } from '../../native';
import { appRoot, openStore } from '../../electron/db';
import { search } from '../../electron/knowledge';
import { ensureVecTable, writeDoc } from '../../electron/knowledge/kb-store';
import { keywordRanks, vectorRanks } from '../../electron/knowledge/search';
import { percentile, round, timeRuns, type BenchRow, type Suite } from '../harness';

const DIMS = 384;
const CHUNKS_PER_DOC = 50;
// A Zipf-distributed vocabulary (security words at the head, then 5,000 pseudo-words), like real text: a few words
// are everywhere, most are rare. Queries draw from the same distribution, so common and rare terms both occur.
const HEAD = (
  'password passphrase manager vault breach phishing domain token code factor key passkey recovery account email ' +
  'browser extension device update router wifi network carrier sim swap share family team policy audit report'
).split(' ');
const SYLLABLES = 'ka lo mi ne ru ta vo xi ze bu fa gi ho ju ly pe qu sa ti we'.split(' ');
const WORDS = [...HEAD, ...Array.from({ length: 5000 }, (_, i) => SYLLABLES[i % 20]! + SYLLABLES[Math.floor(i / 20) % 20]! + SYLLABLES[Math.floor(i / 400) % 20]!)];
const LOG_V = Math.log(WORDS.length + 1);

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function unitVector(r: () => number): Float32Array {
  const v = new Float32Array(DIMS);
  let n = 0;
  for (let i = 0; i < DIMS; i++) n += (v[i] = r() * 2 - 1) ** 2;
  const s = 1 / Math.sqrt(n);
  for (let i = 0; i < DIMS; i++) v[i]! *= s;
  return v;
}

function sentence(r: () => number, n: number): string {
  return Array.from({ length: n }, () => WORDS[Math.min(WORDS.length, Math.floor(Math.exp(r() * LOG_V))) - 1]).join(' ');
}

/** The baseline: exact top-k cosine by scanning every vector (vectors are unit length, so cosine = dot). */
function bruteForce(vectors: Float32Array[], q: Float32Array, k: number): number[] {
  const top: { i: number; s: number }[] = [];
  for (let i = 0; i < vectors.length; i++) {
    const v = vectors[i]!;
    let s = 0;
    for (let d = 0; d < DIMS; d++) s += v[d]! * q[d]!;
    if (top.length < k || s > top[top.length - 1]!.s) {
      top.push({ i, s });
      top.sort((a, b) => b.s - a.s);
      if (top.length > k) top.pop();
    }
  }
  return top.map((t) => t.i);
}

async function runSize(n: number, workDir: string, queries: number): Promise<{ rows: BenchRow[]; summary: Record<string, number> }> {
  const store = openStore({ dataDir: join(workDir, `n${n}`) });
  try {
    if (!store.vecVersion) throw new Error('sqlite-vec did not load');
    ensureVecTable(store, 'synthetic', DIMS);
    const r = rng(n);
    const vectors: Float32Array[] = [];
    const t0 = performance.now();
    for (let d = 0; d * CHUNKS_PER_DOC < n; d++) {
      const chunks = [];
      const vecs = [];
      for (let c = 0; c < CHUNKS_PER_DOC && d * CHUNKS_PER_DOC + c < n; c++) {
        const text = `${sentence(r, 12)}. ${sentence(r, 14)}. ${sentence(r, 10)}.`;
        chunks.push({ heading: sentence(r, 2), text, start: 0, end: text.length });
        const v = unitVector(r);
        vecs.push(v);
        vectors.push(v);
      }
      writeDoc(store, { id: `doc_${d}`, source: 'user', path: `/bench/${d}.md`, title: sentence(r, 3), kind: 'markdown', tags: [], hash: String(d), bytes: 0, folder: null, chunks, vectors: vecs });
    }
    const indexMs = performance.now() - t0;

    const qs = Array.from({ length: queries }, () => ({ text: sentence(r, 4), vec: unitVector(r) }));
    let qi = 0;
    // A stand-in embedder that returns the query's precomputed vector: the timing covers retrieval, not inference.
    const fake: Embedder = { dimensions: DIMS, modelPath: 'synthetic', embed: async () => [qs[qi % qs.length]!.vec], dispose: async () => {} };
    const hybrid = await timeRuns(queries, async () => {
      await search(store, qs[qi % qs.length]!.text, { embedder: fake, k: 5 });
      qi++;
    }, 3);
    qi = 0;
    const knn = await timeRuns(queries, () => vectorRanks(store, qs[qi++ % qs.length]!.vec, 50), 3);
    qi = 0;
    const kw = await timeRuns(queries, () => keywordRanks(store, qs[qi++ % qs.length]!.text, 50), 3);
    qi = 0;
    const baseline = await timeRuns(queries, () => bruteForce(vectors, qs[qi++ % qs.length]!.vec, 50), 3);

    // The KNN re-scores sign-bit candidates exactly; how many of the exact top 10 it returns. Random vectors are the
    // worst case for any quantisation (no structure: every vector is nearly orthogonal to the query); real
    // embeddings are checked by \`npm run eval:retrieval\`.
    const evalQs = qs.slice(0, 20);
    let found = 0;
    for (const q of evalQs) {
      const exact = new Set(bruteForce(vectors, q.vec, 10).map((i) => i + 1));
      found += vectorRanks(store, q.vec, 10).filter((id) => exact.has(id)).length;
    }
    const recall = found / (10 * evalQs.length);

    const p = (xs: number[], q: number) => round(percentile(xs, q), 3);
    const rows: BenchRow[] = [
      { name: `index ${n} chunks`, value: round(n / (indexMs / 1000), 0), unit: 'chunks/s', note: 'FTS5 + vectors + chunk rows, one transaction per document' },
      { name: `hybrid query @${n}`, median_ms: p(hybrid, 50), p95_ms: p(hybrid, 95), baseline: 'JS brute-force cosine p95', baseline_value: p(baseline, 95), ratio: round(percentile(hybrid, 95) / percentile(baseline, 95), 3), better: 'lower', note: 'BM25 + KNN + RRF + row fetch' },
      { name: `KNN top-50 @${n}`, median_ms: p(knn, 50), p95_ms: p(knn, 95), baseline: 'JS brute-force cosine p95', baseline_value: p(baseline, 95), ratio: round(percentile(knn, 95) / percentile(baseline, 95), 3), better: 'lower', note: `sign bits → int8 → exact float; recall@10 vs brute force ${round(recall, 3)} (random vectors)` },
      { name: `keyword BM25 top-50 @${n}`, median_ms: p(kw, 50), p95_ms: p(kw, 95), note: 'FTS5, common terms dropped when rarer ones exist' },
    ];
    return {
      rows,
      summary: {
        chunks: n,
        p50_ms: p(hybrid, 50),
        p95_ms: p(hybrid, 95),
        baseline_p50_ms: p(baseline, 50),
        baseline_p95_ms: p(baseline, 95),
        knn_p50_ms: p(knn, 50),
        knn_p95_ms: p(knn, 95),
        index_chunks_per_s: round(n / (indexMs / 1000), 0),
        keyword_p50_ms: p(kw, 50),
        keyword_p95_ms: p(kw, 95),
        knn_recall_at_10: round(recall, 3),
      },
    };
  } finally {
    store.close();
  }
}

export const retrievalSuite: Suite = async ({ quick, workDir }) => {
  const sizes = quick ? [2000] : [10_000, 100_000];
  const rows: BenchRow[] = [];
  const bySize: Record<string, Record<string, number>> = {};
  const skipped: string[] = [];
  if (quick) skipped.push('100k chunks (quick run: 2k only)');
  for (const n of sizes) {
    const res = await runSize(n, workDir, quick ? 50 : 200);
    rows.push(...res.rows);
    bySize[String(n)] = res.summary;
  }
  const model = process.env.BASTION_EMBED_MODEL ?? join(appRoot(), '.cache', 'models', 'all-minilm-l6-v2-f16.gguf');
  let queryEmbedMs: number | undefined;
  if (existsSync(model)) {
    const { loadEmbedder } = await import('../../native');
    const e = await loadEmbedder(model);
    const t = await timeRuns(quick ? 5 : 20, () => e.embed(['is SMS two-factor authentication safe for my bank account']), 1);
    await e.dispose();
    queryEmbedMs = round(percentile(t, 50), 2);
    rows.push({ name: 'query embedding (all-MiniLM-L6-v2, 1 thread)', median_ms: queryEmbedMs, p95_ms: round(percentile(t, 95), 2), note: 'added to hybrid latency when a model is configured' });
  } else skipped.push('query embedding time: no embedding model cached (scripts/fetch-embedding-model.sh)');
  const largest = bySize[String(sizes[sizes.length - 1])]!;
  return { rows, summary: { ...largest, ...(queryEmbedMs !== undefined ? { query_embed_p50_ms: queryEmbedMs } : {}), sizes: bySize, target_p95_ms: 20 }, skipped };
};
