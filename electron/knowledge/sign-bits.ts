// The quantised copies of a vector that kb_vec stores beside it and the candidate stages compare (vector-index.ts).

/**
 * Sign bits of a vector, one per dimension, little-endian within each byte; zero-padded to whole 128-bit blocks (the
 * scan counts bits four 32-bit words at a time). 384 dimensions → 48 bytes.
 */
export function signBits(v: Float32Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(v.length / 128) * 16);
  for (let i = 0; i < v.length; i++) if (v[i]! > 0) out[i >> 3]! |= 1 << (i & 7);
  return out;
}

/** int8 copy of a vector (scaled so its largest component is ±127): cosine against it ranks like the floats, closely. */
export function int8Of(v: Float32Array): Int8Array {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]!));
  const s = max > 0 ? 127 / max : 0;
  const out = new Int8Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.round(v[i]! * s);
  return out;
}
