// The two quantised candidate stages of the vector index (vector-index.ts): sign bits over every vector, then the int8
// copies of the survivors. Pure compute over typed arrays, so it runs in this thread or in the scan worker
// (vector-worker.ts) over the same shared memory.

/** The quantised copies of every vector of one store, in rowid order. */
export interface QuantisedVectors {
  n: number;
  /** 32-bit words of sign bits per vector (a multiple of 4: whole 128-bit blocks). */
  words: number;
  dims: number;
  bits: Uint32Array;
  q8: Int8Array;
  /** Euclidean norm of each int8 copy. */
  q8norm: Float32Array;
}

/**
 * Indexes (in rowid order) of the `rescore` vectors nearest to `query` by int8 cosine, among the `bitCount` nearest by
 * Hamming distance of the sign bits.
 *
 * SELF-CONTAINED ON PURPOSE: serialised with Function#toString into the scan worker, so it may not refer to anything
 * outside its own body.
 */
export function candidateScan(data: QuantisedVectors, query: Float32Array, bitCount: number, rescore: number): Int32Array {
  const { n, words, dims, bits, q8, q8norm } = data;
  /** Per-byte bit counts of a 32-bit word (each byte 0–8), to be summed over a few words before folding. */
  const byteCounts = (x: number): number => {
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return (x + (x >>> 4)) & 0x0f0f0f0f;
  };

  // Stage 1: the bitCount smallest Hamming distances, by one pass and a counting sort.
  const bitStage = (): Int32Array => {
    if (n <= bitCount) return Int32Array.from({ length: n }, (_, i) => i);
    const qb = new Uint32Array(words);
    for (let d = 0; d < dims; d++) if (query[d]! > 0) qb[d >>> 5]! |= 1 << (d & 31);
    const dist = new Uint16Array(n);
    const hist = new Uint32Array(words * 32 + 1);
    for (let i = 0, o = 0; i < n; i++, o += words) {
      let d = 0;
      let s = 0;
      // Byte lanes summed over up to 24 words reach at most 192 (< 256); then one multiply folds them.
      for (let w = 0; w < words; w += 4) {
        s += byteCounts(bits[o + w]! ^ qb[w]!) + byteCounts(bits[o + w + 1]! ^ qb[w + 1]!) + byteCounts(bits[o + w + 2]! ^ qb[w + 2]!) + byteCounts(bits[o + w + 3]! ^ qb[w + 3]!);
        if (w % 24 === 20 || w + 4 >= words) {
          d += Math.imul(s, 0x01010101) >>> 24;
          s = 0;
        }
      }
      dist[i] = d;
      hist[d]!++;
    }
    let cut = 0;
    for (let acc = 0; acc + hist[cut]! < bitCount; cut++) acc += hist[cut]!;
    const from = new Int32Array(bitCount);
    let k = 0;
    for (let i = 0; i < n; i++) if (dist[i]! < cut) from[k++] = i;
    for (let i = 0; i < n && k < bitCount; i++) if (dist[i] === cut) from[k++] = i;
    return from;
  };

  // Stage 2: int8 cosine of those; the query quantised too, so the dot products are integer multiplies.
  const int8Stage = (from: Int32Array): Int32Array => {
  let max = 0;
  for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(query[d]!));
  const qq = new Int32Array(dims);
  for (let d = 0; d < dims; d++) qq[d] = Math.round((query[d]! * 127) / (max || 1));
  const scores = new Float64Array(from.length);
  for (let k = 0; k < from.length; k++) {
    const i = from[k]!;
    // Four independent sums: the multiplies overlap instead of waiting on one another.
    let a = 0;
    let b = 0;
    let c = 0;
    let e = 0;
    let d = 0;
    for (let o = i * dims; d + 3 < dims; d += 4, o += 4) {
      a = (a + Math.imul(q8[o]!, qq[d]!)) | 0;
      b = (b + Math.imul(q8[o + 1]!, qq[d + 1]!)) | 0;
      c = (c + Math.imul(q8[o + 2]!, qq[d + 2]!)) | 0;
      e = (e + Math.imul(q8[o + 3]!, qq[d + 3]!)) | 0;
    }
    for (; d < dims; d++) a = (a + Math.imul(q8[i * dims + d]!, qq[d]!)) | 0;
    scores[k] = (a + b + c + e) / q8norm[i]!;
  }
  // The rescore-th best score by a numeric typed-array sort (no comparator), then everything above it, then ties.
  const cut = scores.slice().sort()[from.length - rescore]!;
  const out = new Int32Array(rescore);
  let m = 0;
  for (let k = 0; k < from.length; k++) if (scores[k]! > cut) out[m++] = from[k]!;
  for (let k = 0; k < from.length && m < rescore; k++) if (scores[k] === cut) out[m++] = from[k]!;
  return out;
  };

  const from = bitStage();
  return from.length <= rescore ? from : int8Stage(from);
}
