// Nearest chunks by cosine in three stages, each over fewer vectors with more precision:
// 1. sign bits (one bit per dimension, 48 bytes at 384-d): Hamming distance tracks the angle between vectors, so one
//    in-memory pass over every chunk (~5 MB at 100k chunks) keeps the few thousand nearest;
// 2. an int8 copy (384 bytes, in memory) re-ranks those by an almost exact cosine and keeps a few hundred;
// 3. the float32 vectors of those, read by rowid, give the exact cosine order.
// sqlite-vec's float KNN reads every float vector (150 MB at 100k) per query, and its point lookups read a whole
// 1,024-vector chunk each, which is why neither is used for queries here.
import type { SqliteStatement } from '../../native';
import type { Store } from '../db';
import { VEC_TABLE } from './kb-store';
import { signBits } from './sign-bits';

/** Kept by the sign-bit pass: 4% of a 100k-chunk store (recall of real MiniLM neighbours measured in bench/). */
export const BIT_CANDIDATES = 4000;
/** Kept by the int8 pass and re-scored exactly (at least; more when more results are asked for). */
export const RESCORE_CANDIDATES = 200;

interface Loaded {
  /** What the store looked like when this was read; any commit (ours or another connection's) changes it. */
  token: string;
  words: number;
  dims: number;
  rowids: Float64Array;
  bits: Uint32Array;
  q8: Int8Array;
  /** Euclidean norm of each int8 copy. */
  q8norm: Float32Array;
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

function load(store: Store): Loaded {
  const token = tokenOf(store);
  const hit = cache.get(store);
  if (hit && hit.token === token) return hit;
  const rows = store.db.prepare(`select rowid, bits, q8 from ${VEC_TABLE} order by rowid`).raw(true).all() as [number, Buffer, Buffer][];
  const words = rows.length ? rows[0]![1].length / 4 : 0; // a multiple of 4 (128-bit blocks)
  const dims = rows.length ? rows[0]![2].length : 0;
  const bytes = new Uint8Array(rows.length * words * 4);
  const q8 = new Int8Array(rows.length * dims);
  const q8norm = new Float32Array(rows.length);
  const rowids = new Float64Array(rows.length);
  rows.forEach(([id, b, q], i) => {
    rowids[i] = id;
    bytes.set(b, i * words * 4);
    const v = new Int8Array(q.buffer, q.byteOffset, dims);
    q8.set(v, i * dims);
    let n = 0;
    for (let d = 0; d < dims; d++) n += v[d]! * v[d]!;
    q8norm[i] = Math.sqrt(n) || 1;
  });
  const loaded: Loaded = {
    token,
    words,
    dims,
    rowids,
    bits: new Uint32Array(bytes.buffer),
    q8,
    q8norm,
    // One statement for all candidates: rowid lookups driven by the JSON list.
    get: store.db.prepare(`select rowid, embedding from ${VEC_TABLE} where rowid in (select value from json_each(?))`).raw(true),
  };
  cache.set(store, loaded);
  return loaded;
}

/** Per-byte bit counts of a 32-bit word (each byte 0–8), to be summed over a few words before folding. */
function byteCounts(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (x + (x >>> 4)) & 0x0f0f0f0f;
}

/** Indexes (into `rowids`) of the `count` smallest Hamming distances to `q`: one pass plus a counting sort. */
function hammingCandidates(idx: Loaded, q: Uint32Array, count: number): number[] {
  const n = idx.rowids.length;
  const { words, bits } = idx;
  if (n <= count) return Array.from({ length: n }, (_, i) => i);
  const dist = new Uint16Array(n);
  const hist = new Uint32Array(words * 32 + 1);
  for (let i = 0, o = 0; i < n; i++, o += words) {
    let d = 0;
    // Four words at a time (signBits pads to 128 bits): byte lanes reach at most 32, so one multiply folds them.
    for (let w = 0; w < words; w += 4) {
      const s = byteCounts(bits[o + w]! ^ q[w]!) + byteCounts(bits[o + w + 1]! ^ q[w + 1]!) + byteCounts(bits[o + w + 2]! ^ q[w + 2]!) + byteCounts(bits[o + w + 3]! ^ q[w + 3]!);
      d += Math.imul(s, 0x01010101) >>> 24;
    }
    dist[i] = d;
    hist[d]!++;
  }
  let cut = 0;
  for (let acc = 0; acc + hist[cut]! < count; cut++) acc += hist[cut]!;
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (dist[i]! < cut) out.push(i);
  for (let i = 0; i < n && out.length < count; i++) if (dist[i] === cut) out.push(i);
  return out;
}

/** Of `from` (indexes into `rowids`), the `count` nearest to `query` by cosine against their int8 copies. */
function int8Candidates(idx: Loaded, query: Float32Array, from: number[], count: number): number[] {
  if (from.length <= count) return from;
  const { q8, q8norm, dims } = idx;
  // The query quantised too, so the dot products are integer multiplies (about twice as fast as float ones here).
  let max = 0;
  for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(query[d]!));
  const qq = new Int32Array(dims);
  for (let d = 0; d < dims; d++) qq[d] = Math.round((query[d]! * 127) / (max || 1));
  const scores = new Float64Array(from.length);
  for (let k = 0; k < from.length; k++) {
    const i = from[k]!;
    let a = 0;
    let b = 0;
    let d = 0;
    for (let o = i * dims; d + 1 < dims; d += 2, o += 2) {
      a = (a + Math.imul(q8[o]!, qq[d]!)) | 0;
      b = (b + Math.imul(q8[o + 1]!, qq[d + 1]!)) | 0;
    }
    if (d < dims) a = (a + Math.imul(q8[i * dims + d]!, qq[d]!)) | 0;
    scores[k] = (a + b) / q8norm[i]!;
  }
  // The count-th best score by a numeric typed-array sort (no comparator), then everything at or above it.
  const cut = scores.slice().sort()[from.length - count]!;
  const out: number[] = [];
  for (let k = 0; k < from.length; k++) if (scores[k]! > cut) out.push(from[k]!);
  for (let k = 0; k < from.length && out.length < count; k++) if (scores[k] === cut) out.push(from[k]!);
  return out;
}

/**
 * Rowids of the `limit` chunks nearest to `query` by cosine, nearest first (ties by rowid). Exact whenever the
 * store holds at most `rescore` vectors; beyond that, exact among the candidates the two quantised passes keep.
 */
export function nearestChunks(
  store: Store,
  query: Float32Array,
  limit: number,
  rescore = Math.max(RESCORE_CANDIDATES, 4 * limit),
  bitCandidates = Math.max(BIT_CANDIDATES, rescore),
): number[] {
  const idx = load(store);
  if (idx.rowids.length === 0) return [];
  if (query.length !== idx.dims) return []; // a different dimension: vectors are being rebuilt for a new model
  const q = new Uint32Array(signBits(query).buffer);
  let qn = 0;
  for (let d = 0; d < query.length; d++) qn += query[d]! * query[d]!;
  qn = Math.sqrt(qn) || 1;
  const near = int8Candidates(idx, query, hammingCandidates(idx, q, bitCandidates), rescore);
  const scored: { id: number; s: number }[] = [];
  for (const [id, b] of idx.get.all(JSON.stringify(near.map((i) => idx.rowids[i]!))) as [number, Buffer][]) {
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
  scored.sort((a, b) => b.s - a.s || a.id - b.id);
  return scored.slice(0, limit).map((x) => x.id);
}
