// The binary quantisation of a vector that kb_vec stores beside it and the candidate scan compares (vector-index.ts).

/**
 * Sign bits of a vector, one per dimension, little-endian within each byte; zero-padded to whole 128-bit blocks (the
 * scan counts bits four 32-bit words at a time). 384 dimensions → 48 bytes.
 */
export function signBits(v: Float32Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(v.length / 128) * 16);
  for (let i = 0; i < v.length; i++) if (v[i]! > 0) out[i >> 3]! |= 1 << (i & 7);
  return out;
}
