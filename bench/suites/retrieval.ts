// Retrieval bench: indexing throughput and hybrid query latency (FTS5 BM25 + vector KNN + RRF) over a synthetic
// corpus (corpus.ts), against a plain in-memory JavaScript brute-force cosine over the same vectors, measured in the
// same run. The figures measure the index, not inference (a stand-in embedder hands over each query's vector);
// query embedding time with the real model is reported separately when cached. At the largest size a separate
// process reports the peak RSS of a query process and where it goes.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Embedder } from '../../native';
import { appRoot, openStore } from '../../electron/db';
import { disposeVectorWorker, search } from '../../electron/knowledge';
import { keywordRanks, vectorRanks } from '../../electron/knowledge/search';
import { EXACT_MAX_BYTES } from '../../electron/knowledge/vector-index';
import { childJson } from '../child/run-child';
import { percentile, round, timeRuns, type BenchRow, type Suite } from '../harness';
import { DIMS, queries, writeCorpus } from './corpus';

const ROOT = resolve(import.meta.dirname, '../..');

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

/** CPU time of this process so far (every thread, the scan worker included): hardly moved by the machine's load. */
function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

async function runSize(n: number, dataDir: string, count: number, defer: (label: string, close: () => unknown) => void) {
  const store = openStore({ dataDir });
  defer(`store ${n}`, () => store.close());
  if (!store.vecVersion) throw new Error('sqlite-vec did not load');
  const t0 = performance.now();
  const vectors = writeCorpus(store, n);
  const indexMs = performance.now() - t0;

  const qs = queries(count, 1_000_003 + n);
  let qi = 0;
  // A stand-in embedder that returns the query's precomputed vector: the timing covers retrieval, not inference.
  const fake: Embedder = { dimensions: DIMS, modelPath: 'synthetic', embed: async () => [qs[qi % qs.length]!.vec], dispose: async () => {} };
  const t1 = performance.now();
  vectorRanks(store, qs[0]!.vec, 50);
  const firstMs = performance.now() - t1;
  const hybridCpu: number[] = [];
  const hybrid = await timeRuns(count, async () => {
    const c0 = cpuMs();
    await search(store, qs[qi % qs.length]!.text, { embedder: fake, k: 5 });
    if (qi >= 3) hybridCpu.push(cpuMs() - c0); // after the 3 warm-up queries
    qi++;
  }, 3);
  qi = 0;
  const knnCpu: number[] = [];
  const knn = await timeRuns(count, () => {
    const c0 = cpuMs();
    vectorRanks(store, qs[qi++ % qs.length]!.vec, 50);
    if (qi > 3) knnCpu.push(cpuMs() - c0);
  }, 3);
  qi = 0;
  const kw = await timeRuns(count, () => keywordRanks(store, qs[qi++ % qs.length]!.text, 50), 3);
  qi = 0;
  const baseline = await timeRuns(count, () => bruteForce(vectors, qs[qi++ % qs.length]!.vec, 50), 3);

  // How many of the exact top 10 the KNN returns. Random vectors are the worst case for any quantisation (no
  // structure: every vector is nearly orthogonal to the query); real embeddings are checked by `npm run eval:retrieval`.
  const evalQs = qs.slice(0, 50);
  let found = 0;
  for (const q of evalQs) {
    const exact = new Set(bruteForce(vectors, q.vec, 10).map((i) => i + 1));
    found += vectorRanks(store, q.vec, 10).filter((id) => exact.has(id)).length;
  }
  const recall = found / (10 * evalQs.length);
  store.close();

  const p = (xs: number[], q: number) => round(percentile(xs, q), 3);
  const vs = (xs: number[]) => ({ baseline: 'JS brute-force cosine p95', baseline_value: p(baseline, 95), ratio: round(percentile(xs, 95) / percentile(baseline, 95), 3), better: 'lower' as const });
  const how = n * DIMS * 4 <= EXACT_MAX_BYTES ? 'exact scan of the float32 copies in memory' : 'sign bits → int8 (on the scan worker for hybrid) → exact float';
  const rows: BenchRow[] = [
    { name: `index ${n} chunks`, value: round(n / (indexMs / 1000), 0), unit: 'chunks/s', note: 'FTS5 + vectors + chunk rows, one transaction per document' },
    { name: `hybrid query @${n}`, median_ms: p(hybrid, 50), p95_ms: p(hybrid, 95), ...vs(hybrid), note: `BM25 ‖ KNN, RRF, row fetch; CPU p50/p95 ${p(hybridCpu, 50)}/${p(hybridCpu, 95)} ms (both threads); target p95 < 20 ms at 100k` },
    { name: `KNN top-50 @${n}`, median_ms: p(knn, 50), p95_ms: p(knn, 95), ...vs(knn), note: `${how}; CPU p50/p95 ${p(knnCpu, 50)}/${p(knnCpu, 95)} ms; recall@10 vs exact ${round(recall, 3)} (random vectors)` },
    { name: `keyword BM25 top-50 @${n}`, median_ms: p(kw, 50), p95_ms: p(kw, 95), note: 'FTS5, common terms dropped when rarer ones exist' },
    { name: `first query @${n} (loads the vectors into memory)`, median_ms: round(firstMs, 1), note: 'once per process, and after a write' },
  ];
  const summary = {
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
    cpu_p50_ms: p(hybridCpu, 50),
    cpu_p95_ms: p(hybridCpu, 95),
    knn_cpu_p50_ms: p(knnCpu, 50),
    knn_cpu_p95_ms: p(knnCpu, 95),
    first_query_ms: round(firstMs, 1),
  };
  return { rows, summary };
}

interface QueryMemory {
  maxRssMb: number;
  stages: { stage: string; rssMb: number; heapMb: number; externalMb: number }[];
}

export const retrievalSuite: Suite = async ({ quick, workDir, defer }) => {
  defer('vector scan worker', () => disposeVectorWorker());
  const sizes = quick ? [2000] : [10_000, 100_000];
  const rows: BenchRow[] = [];
  const bySize: Record<string, Record<string, number>> = {};
  const skipped: string[] = [];
  if (quick) skipped.push('100k chunks (quick run: 2k only)');
  for (const n of sizes) {
    const res = await runSize(n, join(workDir, `n${n}`), quick ? 50 : 200, defer);
    rows.push(...res.rows);
    bySize[String(n)] = res.summary;
  }
  const largest = sizes[sizes.length - 1]!;
  const mem = childJson<QueryMemory>(join(ROOT, 'bench/child/retrieval-memory.ts'), [join(workDir, `n${largest}`), String(largest)]);
  if ('error' in mem) skipped.push(`memory: ${mem.error}`);
  else rows.push({ name: `query process @${largest}: peak RSS`, value: mem.maxRssMb, unit: 'MB', note: mem.stages.map((s) => `${s.stage} ${s.rssMb}`).join(', ') + ' (RSS MB after each step)' });

  const model = process.env.BASTION_EMBED_MODEL ?? join(appRoot(), '.cache', 'models', 'all-minilm-l6-v2-f16.gguf');
  let queryEmbedMs: number | undefined;
  if (existsSync(model)) {
    const { loadEmbedder } = await import('../../native');
    const e = await loadEmbedder(model);
    defer('embedding model', () => e.dispose());
    const t = await timeRuns(quick ? 5 : 20, () => e.embed(['is SMS two-factor authentication safe for my bank account']), 1);
    queryEmbedMs = round(percentile(t, 50), 2);
    rows.push({ name: 'query embedding (all-MiniLM-L6-v2, 1 thread)', median_ms: queryEmbedMs, p95_ms: round(percentile(t, 95), 2), note: 'off the main thread: the keyword half runs meanwhile' });
  } else skipped.push('query embedding time: no embedding model cached (scripts/fetch-embedding-model.sh)');
  return {
    rows,
    summary: { ...bySize[String(largest)], ...(queryEmbedMs !== undefined ? { query_embed_p50_ms: queryEmbedMs } : {}), sizes: bySize, target_p95_ms: 20, memory: 'error' in mem ? null : mem },
    skipped,
  };
};
