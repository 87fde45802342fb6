// Nearest chunks by cosine: a binary-quantised scan for candidates, then exact float re-scoring.
// Each stored vector keeps a sign-bit copy (one bit per dimension, 48 bytes at 384-d). Hamming distance between sign
// bits tracks the angle between vectors, so scanning the bits of every chunk (in memory, ~5 MB at 100k chunks) finds
// a candidate set that holds the true nearest neighbours of real embeddings; those few hundred candidates are then
// ranked by their exact float cosine. sqlite-vec's float KNN reads every float vector (150 MB at 100k) per query,
// and its point lookups read a whole 1,024-vector chunk each, which is why neither is used for queries here.
import type { SqliteStatement } from '../../native';
import type { Store } from '../db';
import { VEC_TABLE } from './kb-store';
import { signBits } from './sign-bits';

/** Candidates re-scored exactly per query (at least; more when more results are asked for). */
export const RESCORE_CANDIDATES = 400;

interface Loaded {
  /** What the store looked like when this was read; any commit (ours or another connection's) changes it. */
  token: string;
  words: number;
  dims: number;
  rowids: Float64Array;
  bits: Uint32Array;
  get: SqliteStatement<unknown[]>;
}

const cache = new WeakMap<Store, Loaded>();

function tokenOf(store: Store): string {
  const dv = store.db.pragma('data_version', { simple: true }) as number;
  const tc = store.db.prepare<{ n: number }>('select total_changes() as n').get()!.n;
  return `${dv}:${tc}`;
}

function load(store: Store): Loaded {
  const token = tokenOf(store);
  const hit = cache.get(store);
  if (hit && hit.token === token) return hit;
  const rows = store.db.prepare(`select rowid, bits from ${VEC_TABLE} order by rowid`).raw(true).all() as [number, Buffer][];
  const words = rows.length ? rows[0]![1].length / 4 : 0; // a multiple of 4 (128-bit blocks)
  const dims = (store.db.prepare<{ n: number }>(`select length(embedding) / 4 as n from ${VEC_TABLE} limit 1`).get()?.n ?? 0);
  const bytes = new Uint8Array(rows.length * words * 4);
  const rowids = new Float64Array(rows.length);
  rows.forEach(([id, b], i) => {
    rowids[i] = id;
    bytes.set(b, i * words * 4);
  });
  const loaded: Loaded = {
    token,
    words,
    dims,
    rowids,
    bits: new Uint32Array(bytes.buffer),
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

/**
 * Rowids of the `limit` chunks nearest to `query` by cosine, nearest first (ties by rowid). Exact whenever the
 * store holds at most `candidates` vectors; beyond that, exact among the `candidates` nearest by sign bits.
 */
export function nearestChunks(store: Store, query: Float32Array, limit: number, candidates = Math.max(RESCORE_CANDIDATES, 8 * limit)): number[] {
  const idx = load(store);
  if (idx.rowids.length === 0) return [];
  if (query.length !== idx.dims) return []; // a different dimension: vectors are being rebuilt for a new model
  const q = new Uint32Array(signBits(query).buffer);
  let qn = 0;
  for (let d = 0; d < query.length; d++) qn += query[d]! * query[d]!;
  qn = Math.sqrt(qn) || 1;
  const ids = hammingCandidates(idx, q, candidates).map((i) => idx.rowids[i]!);
  const scored: { id: number; s: number }[] = [];
  for (const [id, b] of idx.get.all(JSON.stringify(ids)) as [number, Buffer][]) {
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
