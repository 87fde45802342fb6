// zxcvbn's ranked dictionaries as two tries in typed arrays: every dictionary (the dictionary, l33t and reverse
// matchers) and the word-sequence lists only (the wordSequence matcher). Built once — by
// scripts/build-zxcvbn-index.ts into dist/, or in memory when that file is missing or stale — then encoded into one
// buffer that loads with one read and no parsing (typed-array views over the bytes, shareable with the strength
// workers through a SharedArrayBuffer). The library builds one object per dictionary (236k keys) in every thread
// that checks a password; this replaces ~0.5 s per thread with a few milliseconds.
import type { ZxcvbnModuleName } from './zxcvbn-modules';

/** A trie in breadth-first order: the children of a node are contiguous and sorted by UTF-16 code unit. */
export interface ZxcvbnTrie {
  /** The code unit on the edge into each node (0 for the root). */
  char: Uint16Array;
  firstChild: Uint32Array;
  childCount: Uint16Array;
  /** Entries of node n are [entryOff[n], entryOff[n + 1]); a node with none is not a word. */
  entryOff: Uint32Array;
  /** Index into `names` of each entry's dictionary, in dictionary order. */
  entryDict: Uint8Array;
  /** The word's rank in that dictionary (1 = most common), as zxcvbn's buildRankedDictionary assigns it. */
  entryRank: Uint32Array;
}

export interface ZxcvbnIndex {
  /** Which zxcvbn packages (and index format) the index was built from. */
  key: string;
  /** Dictionary names in zxcvbn's order (`{...common.dictionary, ...en.dictionary}`). */
  names: string[];
  graphs: unknown;
  translations: unknown;
  all: ZxcvbnTrie;
  wordSequence: ZxcvbnTrie;
}

/** Bump when the encoding or the trie layout changes: an older file is then stale and rebuilt in memory. */
const FORMAT = 1;
const MAGIC = 0x4958_5a42; // "BZXI" little-endian
// What the file stores; firstChild and entryOff are prefix sums of the counts, rebuilt at load (~2 ms).
const ARRAYS = ['char', 'childCount', 'entryCount', 'entryDict', 'entryRank'] as const;
const ARRAY_TYPES = { char: Uint16Array, childCount: Uint16Array, entryCount: Uint8Array, entryDict: Uint8Array, entryRank: Uint32Array };
type Stored = Record<(typeof ARRAYS)[number], Uint16Array | Uint8Array | Uint32Array>;

/** The index key for the installed packages: their versions and the format. */
export function zxcvbnIndexKey(versions: Record<'core' | 'common' | 'en', string>): string {
  return `core@${versions.core} common@${versions.common} en@${versions.en} format@${FORMAT}`;
}

/** Builds the index from the zxcvbn-ts language packages (what the library itself would rank). */
export function buildZxcvbnIndex(load: (name: ZxcvbnModuleName) => any, key: string): ZxcvbnIndex {
  const core = load('core');
  const common = load('common');
  const en = load('en');
  const dictionary: Record<string, (string | number)[]> = { ...common.dictionary, ...en.dictionary };
  const names = Object.keys(dictionary);
  if (names.length > 255) throw new Error(`zxcvbn index: ${names.length} dictionaries do not fit one byte each`);
  // word → [dictionary index, rank] pairs in dictionary order; a word repeated in one list keeps its last rank, as
  // buildRankedDictionary's object assignment does.
  const entries = new Map<string, number[]>();
  names.forEach((name, d) => {
    let rank = 1;
    for (const w of dictionary[name]!) {
      const word = String(w);
      const list = entries.get(word);
      if (!list) entries.set(word, [d, rank]);
      else if (list[list.length - 2] === d) list[list.length - 1] = rank;
      else list.push(d, rank);
      rank++;
    }
  });
  const isWordSequence = new core.Options().isWordSequence.bind(new core.Options()) as (name: string) => boolean;
  const wsDicts = new Set(names.flatMap((n, d) => (isWordSequence(n) ? [d] : [])));
  const wsEntries = new Map<string, number[]>();
  for (const [word, list] of entries) {
    const ws: number[] = [];
    for (let e = 0; e < list.length; e += 2) if (wsDicts.has(list[e]!)) ws.push(list[e]!, list[e + 1]!);
    if (ws.length) wsEntries.set(word, ws);
  }
  return { key, names, graphs: common.adjacencyGraphs, translations: en.translations, all: buildTrie(entries), wordSequence: buildTrie(wsEntries) };
}

/** Breadth-first over the sorted words: a node is the range of words sharing its prefix. */
function buildTrie(entries: Map<string, number[]>): ZxcvbnTrie {
  const words = [...entries.keys()].sort();
  const lo: number[] = [0];
  const hi: number[] = [words.length];
  const depth: number[] = [0];
  const char: number[] = [0];
  const firstChild: number[] = [];
  const childCount: number[] = [];
  const entryOff: number[] = [];
  const entryDict: number[] = [];
  const entryRank: number[] = [];
  for (let k = 0; k < lo.length; k++) {
    let a = lo[k]!;
    const b = hi[k]!;
    const d = depth[k]!;
    entryOff.push(entryDict.length);
    // Sorted, so the word equal to the prefix (if any) comes first in the range.
    if (words[a]!.length === d) {
      const list = entries.get(words[a]!)!;
      for (let e = 0; e < list.length; e += 2) {
        entryDict.push(list[e]!);
        entryRank.push(list[e + 1]!);
      }
      a++;
    }
    firstChild.push(lo.length);
    let count = 0;
    while (a < b) {
      const c = words[a]!.charCodeAt(d);
      let e = a + 1;
      while (e < b && words[e]!.charCodeAt(d) === c) e++;
      lo.push(a);
      hi.push(e);
      depth.push(d + 1);
      char.push(c);
      count++;
      a = e;
    }
    if (count > 0xffff) throw new Error('zxcvbn index: a trie node has more than 65535 children');
    childCount.push(count);
  }
  entryOff.push(entryDict.length);
  return {
    char: Uint16Array.from(char),
    firstChild: Uint32Array.from(firstChild),
    childCount: Uint16Array.from(childCount),
    entryOff: Uint32Array.from(entryOff),
    entryDict: Uint8Array.from(entryDict),
    entryRank: Uint32Array.from(entryRank),
  };
}

/** The node reached by `word` from the root, or -1. */
export function trieFind(t: ZxcvbnTrie, word: string): number {
  let node = 0;
  for (let j = 0; j < word.length && node >= 0; j++) node = trieChild(t, node, word.charCodeAt(j));
  return node;
}

/** Whether `word` is in dictionary number `dict`. */
export function trieHas(t: ZxcvbnTrie, word: string, dict: number): boolean {
  const node = trieFind(t, word);
  if (node < 0) return false;
  for (let e = t.entryOff[node]!; e < t.entryOff[node + 1]!; e++) if (t.entryDict[e] === dict) return true;
  return false;
}

function trieChild(t: ZxcvbnTrie, node: number, c: number): number {
  let lo = t.firstChild[node]!;
  let hi = lo + t.childCount[node]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = t.char[mid]!;
    if (m === c) return mid;
    if (m < c) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

interface Header {
  format: number;
  key: string;
  names: string[];
  graphs: unknown;
  translations: unknown;
  /** Byte offset and element count of each array of each trie. */
  arrays: Record<'all' | 'wordSequence', Record<(typeof ARRAYS)[number], [number, number]>>;
}

/** One buffer: magic, header length, JSON header, then each typed array 4-byte aligned. */
export function encodeZxcvbnIndex(index: ZxcvbnIndex): Uint8Array {
  const arrays = {} as Header['arrays'];
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const t of ['all', 'wordSequence'] as const) {
    arrays[t] = {} as Header['arrays'][typeof t];
    const trie = index[t];
    const stored: Stored = { ...trie, entryCount: Uint8Array.from(trie.entryOff.subarray(1), (end, n) => end - trie.entryOff[n]!) };
    for (const a of ARRAYS) {
      const v = stored[a];
      arrays[t][a] = [offset, v.length];
      const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      parts.push(bytes);
      offset += bytes.length;
      const pad = (4 - (offset % 4)) % 4;
      if (pad) parts.push(new Uint8Array(pad));
      offset += pad;
    }
  }
  const header: Header = { format: FORMAT, key: index.key, names: index.names, graphs: index.graphs, translations: index.translations, arrays };
  let json = new TextEncoder().encode(JSON.stringify(header));
  const pre = 8 + json.length;
  json = Uint8Array.from([...json, ...new Array((4 - (pre % 4)) % 4).fill(0x20)]);
  const out = new Uint8Array(8 + json.length + offset);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, json.length, true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Views over `bytes` (no copy when it starts 4-byte aligned, as a fresh ArrayBuffer or SharedArrayBuffer does).
 * Returns null when the bytes are not an index of this format or not for `key` (stale): the caller rebuilds.
 */
export function decodeZxcvbnIndex(bytes: Uint8Array, key: string): ZxcvbnIndex | null {
  if (bytes.byteOffset % 4 !== 0) bytes = bytes.slice();
  if (bytes.length < 8) return null;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint32(0, true) !== MAGIC) return null;
  const len = dv.getUint32(4, true);
  if (8 + len > bytes.length) return null;
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + len))) as Header;
  } catch {
    return null;
  }
  if (header.format !== FORMAT || header.key !== key) return null;
  const base = bytes.byteOffset + 8 + len;
  const trie = (t: 'all' | 'wordSequence'): ZxcvbnTrie | null => {
    const out = {} as Stored;
    for (const a of ARRAYS) {
      const [off, count] = header.arrays[t][a];
      const Type = ARRAY_TYPES[a];
      if (base + off + count * Type.BYTES_PER_ELEMENT > bytes.byteOffset + bytes.byteLength) return null; // truncated
      out[a] = new Type(bytes.buffer as ArrayBuffer, base + off, count);
    }
    const nodes = out.char.length;
    // Shared like the bytes when they are, so the workers get these without a copy too.
    const Buf = bytes.buffer instanceof SharedArrayBuffer ? SharedArrayBuffer : ArrayBuffer;
    const firstChild = new Uint32Array(new Buf(nodes * 4));
    const entryOff = new Uint32Array(new Buf((nodes + 1) * 4));
    for (let n = 0, next = 1; n < nodes; n++) {
      firstChild[n] = next;
      next += out.childCount[n]!;
      entryOff[n + 1] = entryOff[n]! + out.entryCount[n]!;
    }
    if (entryOff[nodes] !== out.entryDict.length) return null;
    return { char: out.char as Uint16Array, firstChild, childCount: out.childCount as Uint16Array, entryOff, entryDict: out.entryDict as Uint8Array, entryRank: out.entryRank as Uint32Array };
  };
  const all = trie('all');
  const wordSequence = trie('wordSequence');
  if (!all || !wordSequence) return null;
  return { key: header.key, names: header.names, graphs: header.graphs, translations: header.translations, all, wordSequence };
}
