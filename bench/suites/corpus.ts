// The retrieval bench's synthetic corpus: seeded random 384-d unit vectors (the all-MiniLM-L6-v2 dimension) and text
// drawn from a Zipf-distributed vocabulary (security words at the head, then 5,000 pseudo-words), like real text: a few
// words are everywhere, most are rare. Queries draw from the same distribution, so common and rare terms both occur.
import type { Store } from '../../electron/db';
import { ensureVecTable, writeDoc } from '../../electron/knowledge/kb-store';

export const DIMS = 384;
const CHUNKS_PER_DOC = 50;
const HEAD = (
  'password passphrase manager vault breach phishing domain token code factor key passkey recovery account email ' +
  'browser extension device update router wifi network carrier sim swap share family team policy audit report'
).split(' ');
const SYLLABLES = 'ka lo mi ne ru ta vo xi ze bu fa gi ho ju ly pe qu sa ti we'.split(' ');
const WORDS = [...HEAD, ...Array.from({ length: 5000 }, (_, i) => SYLLABLES[i % 20]! + SYLLABLES[Math.floor(i / 20) % 20]! + SYLLABLES[Math.floor(i / 400) % 20]!)];
const LOG_V = Math.log(WORDS.length + 1);

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function unitVector(r: () => number): Float32Array {
  const v = new Float32Array(DIMS);
  let n = 0;
  for (let i = 0; i < DIMS; i++) n += (v[i] = r() * 2 - 1) ** 2;
  const s = 1 / Math.sqrt(n);
  for (let i = 0; i < DIMS; i++) v[i]! *= s;
  return v;
}

export function sentence(r: () => number, n: number): string {
  return Array.from({ length: n }, () => WORDS[Math.min(WORDS.length, Math.floor(Math.exp(r() * LOG_V))) - 1]).join(' ');
}

/** Writes `n` chunks (50 per document, one transaction each) with their vectors; returns the vectors in rowid order. */
export function writeCorpus(store: Store, n: number): Float32Array[] {
  ensureVecTable(store, 'synthetic', DIMS);
  const r = rng(n);
  const vectors: Float32Array[] = [];
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
  return vectors;
}

/** `count` queries: four words and a vector each, from their own seed. */
export function queries(count: number, seed: number): { text: string; vec: Float32Array }[] {
  const r = rng(seed);
  return Array.from({ length: count }, () => ({ text: sentence(r, 4), vec: unitVector(r) }));
}
