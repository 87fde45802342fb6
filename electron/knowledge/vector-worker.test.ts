import { afterEach, describe, expect, it } from 'vitest';
import { int8Of, signBits } from './sign-bits';
import { candidateScan, type QuantisedVectors } from './vector-scan';
import { disposeVectorWorker, scanInWorker } from './vector-worker';

const DIMS = 64;
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** n random vectors quantised as the index keeps them, in shared memory. */
function quantised(n: number, r: () => number): QuantisedVectors {
  const words = Math.ceil(DIMS / 128) * 4;
  const bits = new Uint32Array(new SharedArrayBuffer(n * words * 4));
  const q8 = new Int8Array(new SharedArrayBuffer(n * DIMS));
  const q8norm = new Float32Array(new SharedArrayBuffer(n * 4));
  for (let i = 0; i < n; i++) {
    const v = Float32Array.from({ length: DIMS }, () => r() * 2 - 1);
    new Uint8Array(bits.buffer).set(signBits(v), i * words * 4);
    const q = int8Of(v);
    q8.set(q, i * DIMS);
    q8norm[i] = Math.hypot(...q) || 1;
  }
  return { n, words, dims: DIMS, bits, q8, q8norm };
}

afterEach(() => disposeVectorWorker());

describe('scan worker', () => {
  it('finds the same candidates as the scan in this thread, over the same shared memory', async () => {
    const r = rng(9);
    const data = quantised(3000, r);
    for (let t = 0; t < 3; t++) {
      const q = Float32Array.from({ length: DIMS }, () => r() * 2 - 1);
      expect([...(await scanInWorker(data, q, 300, 40))]).toEqual([...candidateScan(data, q, 300, 40)]);
    }
  });

  it('fails the queries in flight when closed, and starts afresh on the next', async () => {
    const r = rng(10);
    const data = quantised(20_000, r);
    const q = Float32Array.from({ length: DIMS }, () => r() * 2 - 1);
    const failed = expect(scanInWorker(data, q, 5000, 100)).rejects.toThrow(/scan worker stopped/);
    await disposeVectorWorker();
    await failed;
    expect(await scanInWorker(data, q, 5000, 100)).toHaveLength(100);
  });
});
