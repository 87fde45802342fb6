// Nearest chunks by cosine. A small store (float32 vectors ≤ EXACT_MAX_BYTES) keeps its vectors in memory and is
// scanned exactly. A larger one goes through three stages, each over fewer vectors with more precision:
// 1. sign bits (one bit per dimension, 48 bytes at 384-d): Hamming distance tracks the angle between vectors, so one
//    in-memory pass over every chunk (~5 MB at 100k chunks) keeps the nearest few thousand (BIT_FRACTION, BIT_MIN);
// 2. an int8 copy (384 bytes, in memory) re-ranks those by an almost exact cosine and keeps a few hundred;
// 3. the float32 vectors of those, read by rowid, give the exact cosine order.
// Stages 1–2 (vector-scan.ts) can run on a worker thread (vector-worker.ts) while the caller does the keyword half.
// sqlite-vec's float KNN reads every float vector (150 MB at 100k) per query, and its point lookups read a whole
// 1,024-vector chunk each, which is why neither is used for queries here.
import type { SqliteStatement } from '../../native';
import type { Store } from '../db';
import { VEC_TABLE } from './kb-store';
import { candidateScan, type QuantisedVectors } from './vector-scan';
import { scanInWorker } from './vector-worker';

/**
 * What the sign-bit pass keeps: 5% of the store, and at least BIT_MIN. On random vectors (the worst case for sign
 * bits), 100 queries, recall@10 against exact: at 100k chunks 0.89 keeping 2%, 0.93 at 3%, 0.954 at 4%, 0.972 at 5%;
 * at 10k chunks 0.88 keeping 500 (5%), 0.964 keeping 1,000, 0.993 keeping 2,000 — a smaller store needs a larger share.
 * The int8 pass after it costs ~1 ms per 1,000 candidates (it reads their 384-byte rows from all over memory).
 */
export const BIT_FRACTION = 0.05;
export const BIT_MIN = 2000;
/**
 * Kept by the int8 pass and re-scored exactly (at least; twice the results asked for when more). Reading these rows is
 * most of the last stage; on 100k random vectors, top 50 from 100 re-scored = top 50 from 200 on 50 of 50 queries.
 */
export const RESCORE_CANDIDATES = 100;
/**
 * Up to this many bytes of float32 vectors (~2.7k chunks at 384-d) stay in memory and are scanned exactly: below that
 * the exact scan (~0.6 ms per 1,000 chunks) costs less than the quantised passes' fixed part (reading 200 vectors).
 */
export const EXACT_MAX_BYTES = 4 * 2 ** 20;

interface Loaded {
  /** What the store looked like when this was read; any commit (ours or another connection's) changes it. */
  token: string;
  rowids: Float64Array;
  /** In shared memory, so the scan worker reads it without a copy. */
  quantised: QuantisedVectors;
  /** Small stores only: every float32 vector and its norm, for the exact scan. */
  floats: { v: Float32Array; norm: Float64Array } | null;
  get: SqliteStatement<unknown[]>;
}

const cache = new WeakMap<Store, Loaded>();

const tokenStatements = new WeakMap<Store, SqliteStatement<{ dv: number; tc: number }>>();
function tokenOf(store: Store): string {
  let st = tokenStatements.get(store);
  if (!st) tokenStatements.set(store, (st = store.db.prepare('select data_version as dv, total_changes() as tc from pragma_data_version')));
  const { dv, tc } = st.get()!;
  return `${dv}:${tc}`;
}

/** The store's vectors as the scans read them: loaded on first query, again only after a write. */
function load(store: Store): Loaded {
  const token = tokenOf(store);
  const hit = cache.get(store);
  if (hit && hit.token === token) return hit;
  // One read transaction: the float copy of a small store is read from the same snapshot as the quantised ones.
  const loaded = store.db.transaction(() => read(store, token))();
  cache.set(store, loaded);
  return loaded;
}

function read(store: Store, token: string): Loaded {
  // Row by row into growing arrays, then one copy into shared memory: materialising every row first (~400 B of
  // Buffer per chunk, 100k at a time) made the first query's peak RSS ~200 MB higher than what is kept.
  let n = 0;
  let words = 0;
  let dims = 0;
  let cap = 1024;
  let bitBytes = new Uint8Array(0);
  let q8 = new Int8Array(0);
  let q8norm = new Float32Array(cap);
  let rowids = new Float64Array(cap);
  for (const [id, b, q] of store.db.prepare(`select rowid, bits, q8 from ${VEC_TABLE} order by rowid`).raw(true).iterate() as Iterable<[number, Buffer, Buffer]>) {
    if (n === 0) {
      words = b.length / 4; // a multiple of 4 (128-bit blocks)
      dims = q.length;
      bitBytes = new Uint8Array(cap * words * 4);
      q8 = new Int8Array(cap * dims);
    }
    if (n === cap) {
      cap *= 2;
      bitBytes = grown(bitBytes, cap * words * 4);
      q8 = grown(q8, cap * dims);
      q8norm = grown(q8norm, cap);
      rowids = grown(rowids, cap);
    }
    rowids[n] = id;
    bitBytes.set(b, n * words * 4);
    const v = new Int8Array(q.buffer, q.byteOffset, dims);
    q8.set(v, n * dims);
    let sq = 0;
    for (let d = 0; d < dims; d++) sq += v[d]! * v[d]!;
    q8norm[n++] = Math.sqrt(sq) || 1;
  }
  const bits = new Uint32Array(new SharedArrayBuffer(n * words * 4));
  new Uint8Array(bits.buffer).set(bitBytes.subarray(0, n * words * 4));
  const q8s = new Int8Array(new SharedArrayBuffer(n * dims));
  q8s.set(q8.subarray(0, n * dims));
  const norms = new Float32Array(new SharedArrayBuffer(n * 4));
  norms.set(q8norm.subarray(0, n));
  return {
    token,
    rowids: rowids.slice(0, n),
    quantised: { n, words, dims, bits, q8: q8s, q8norm: norms },
    floats: n * dims * 4 <= EXACT_MAX_BYTES ? loadFloats(store, n, dims) : null,
    // One statement for all candidates: rowid lookups driven by the JSON list.
    get: store.db.prepare(`select rowid, embedding from ${VEC_TABLE} where rowid in (select value from json_each(?))`).raw(true),
  };
}

/** A copy of `a` with room for `length` elements. */
function grown<T extends Uint8Array | Int8Array | Float32Array | Float64Array>(a: T, length: number): T {
  const out = new (a.constructor as new (n: number) => T)(length);
  out.set(a);
  return out;
}

function loadFloats(store: Store, n: number, dims: number): Loaded['floats'] {
  const v = new Float32Array(n * dims);
  const norm = new Float64Array(n);
  let i = 0;
  for (const [b] of store.db.prepare(`select embedding from ${VEC_TABLE} order by rowid`).raw(true).iterate() as Iterable<[Buffer]>) {
    if (i >= n || b.byteLength !== dims * 4) return null; // not one vector per row: the quantised path still works
    const f = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    v.set(f, i * dims);
    let s = 0;
    for (let d = 0; d < dims; d++) s += f[d]! * f[d]!;
    norm[i++] = Math.sqrt(s) || 1;
  }
  return i === n ? { v, norm } : null;
}

const normOf = (q: Float32Array): number => {
  let s = 0;
  for (let d = 0; d < q.length; d++) s += q[d]! * q[d]!;
  return Math.sqrt(s) || 1;
};

/** The `limit` best of scored candidates: cosine descending, ties by rowid. */
function top(scored: { id: number; s: number }[], limit: number): number[] {
  scored.sort((a, b) => b.s - a.s || a.id - b.id);
  return scored.slice(0, limit).map((x) => x.id);
}

/** Exact cosine over every vector held in memory. */
function exactScan(idx: Loaded, query: Float32Array, limit: number): number[] {
  const { v, norm } = idx.floats!;
  const { n, dims } = idx.quantised;
  const qn = normOf(query);
  const scores = new Float64Array(n);
  for (let i = 0, o = 0; i < n; i++, o += dims) {
    let dot = 0;
    for (let d = 0; d < dims; d++) dot += v[o + d]! * query[d]!;
    scores[i] = dot / (norm[i]! * qn);
  }
  // Only scores at or above the limit-th best need sorting with their rowids.
  const cut = n > limit ? scores.slice().sort()[n - limit]! : -Infinity;
  const scored: { id: number; s: number }[] = [];
  for (let i = 0; i < n; i++) if (scores[i]! >= cut) scored.push({ id: idx.rowids[i]!, s: scores[i]! });
  return top(scored, limit);
}

/** Stage 3: the candidates' float32 vectors, read by rowid, in exact cosine order. */
function rescoreExact(idx: Loaded, query: Float32Array, near: Int32Array, limit: number): number[] {
  const qn = normOf(query);
  const scored: { id: number; s: number }[] = [];
  for (const [id, b] of idx.get.all(JSON.stringify(Array.from(near, (i) => idx.rowids[i]!))) as [number, Buffer][]) {
    // A view when the blob is 4-byte aligned (it usually is), else a copy.
    const v = b.byteOffset % 4 === 0 ? new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4) : new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    let dot = 0;
    let vn = 0;
    for (let d = 0; d < v.length; d++) {
      dot += v[d]! * query[d]!;
      vn += v[d]! * v[d]!;
    }
    scored.push({ id, s: dot / ((Math.sqrt(vn) || 1) * qn) });
  }
  return top(scored, limit);
}

interface Plan {
  idx: Loaded;
  /** Exact scan in memory, or the quantised stages with these counts. */
  counts: { rescore: number; bitCount: number } | null;
}

function plan(store: Store, query: Float32Array, limit: number, rescore?: number, bitCandidates?: number): Plan | null {
  const idx = load(store);
  const { n, dims } = idx.quantised;
  if (n === 0 || query.length !== dims) return null; // empty, or a different dimension: vectors are being rebuilt
  if (idx.floats && rescore === undefined && bitCandidates === undefined) return { idx, counts: null };
  const r = rescore ?? Math.max(RESCORE_CANDIDATES, 2 * limit);
  return { idx, counts: { rescore: r, bitCount: bitCandidates ?? Math.max(r, BIT_MIN, Math.ceil(n * BIT_FRACTION)) } };
}

/**
 * Rowids of the `limit` chunks nearest to `query` by cosine, nearest first (ties by rowid). Exact for a small store
 * (and whenever the store holds at most `rescore` vectors); beyond that, exact among the candidates the two quantised
 * passes keep. Giving `rescore` or `bitCandidates` forces the quantised passes with those counts.
 */
export function nearestChunks(store: Store, query: Float32Array, limit: number, rescore?: number, bitCandidates?: number): number[] {
  const p = plan(store, query, limit, rescore, bitCandidates);
  if (!p) return [];
  if (!p.counts) return exactScan(p.idx, query, limit);
  return rescoreExact(p.idx, query, candidateScan(p.idx.quantised, query, p.counts.bitCount, p.counts.rescore), limit);
}

/**
 * nearestChunks with the candidate scan of a large store on the scan worker: call, do other work on this thread
 * (the keyword half), then await. Same result as nearestChunks.
 */
export function nearestChunksAsync(store: Store, query: Float32Array, limit: number, rescore?: number, bitCandidates?: number): Promise<number[]> {
  const p = plan(store, query, limit, rescore, bitCandidates);
  if (!p) return Promise.resolve([]);
  if (!p.counts) return Promise.resolve(exactScan(p.idx, query, limit));
  const { idx, counts } = p;
  return scanInWorker(idx.quantised, query, counts.bitCount, counts.rescore).then((near) => rescoreExact(idx, query, near, limit));
}
