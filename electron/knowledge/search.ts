// Hybrid retrieval: FTS5 BM25 keyword ranks and vector KNN ranks (vector-index.ts) fused with reciprocal rank fusion.
import type { Store } from '../db';
import { activeEmbedder, embedPending, type EmbedOptions } from './embedder';
import type { Embedder, SqliteStatement } from '../../native';
import { vecTableExists } from './kb-store';
import { nearestChunks, nearestChunksAsync } from './vector-index';

export interface KbResult {
  chunkId: string;
  doc: string;
  title: string;
  heading: string;
  snippet: string;
  score: number;
  /** The chunk comes from a user document (untrusted text), not a built-in article. */
  untrusted: boolean;
}

export interface SearchOptions extends EmbedOptions {
  k?: number;
  /** Which retrievers to use; 'auto' = hybrid when an embedder is available, else keyword. */
  mode?: 'auto' | 'keyword' | 'vector' | 'hybrid';
  /** At most this many chunks from one document (default 2), so answers draw on several sources. */
  maxPerDoc?: number;
}

export interface SearchResponse {
  mode: 'hybrid' | 'keyword' | 'vector';
  results: KbResult[];
}

/** RRF constant from Cormack et al. (2009); 60 damps the head of each list so both retrievers matter. */
export const RRF_K = 60;
const CANDIDATES = 50;

// Words that carry no topic; removing them keeps OR queries from matching every chunk.
const STOPWORDS = new Set(
  ('a an and are as at be been being but by can could do does did for from had has have how i if in into is it its ' +
    'me my of on or our should so than that the their them then there these they this to us was we were what when where ' +
    'which who why will with would you your yours about any all also just more most some such very am im ive id dont ' +
    'doesnt isnt get got need want use using ok okay').split(' '),
);

/**
 * Turns user text into a safe FTS5 MATCH expression: words only, each a quoted string (so no operator, column
 * filter, NEAR or quote in the input can mean anything to FTS5), OR-ed so BM25 ranks partial matches.
 * Returns null when nothing searchable is left.
 */
export function ftsQuery(text: string): string | null {
  const terms = ftsTerms(text);
  return terms.length ? terms.map(quote).join(' OR ') : null;
}

/** The searchable words of user text (letters and digits only, stopwords dropped unless nothing else is left). */
function ftsTerms(text: string): string[] {
  const words = (text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 1 || /\d/.test(w));
  const kept = words.filter((w) => !STOPWORDS.has(w));
  return [...new Set(kept.length ? kept : words)].slice(0, 32);
}

/** Reciprocal rank fusion: score(d) = Σ over lists of 1 / (k + rank), rank starting at 1. */
export function rrfFuse(lists: readonly (readonly number[])[], k = RRF_K): { id: number; score: number }[] {
  const scores = new Map<number, number>();
  for (const list of lists) list.forEach((id, i) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + i + 1)));
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}

/**
 * A term in more chunks than this is "common". BM25 has to score every chunk that matches the OR query, so one common
 * word ("password" in a security corpus) makes a query cost O(corpus). When a query also has rarer terms, only those
 * select and rank the keyword candidates — the cutoff-frequency idea of Lucene's common-terms query; a common term's
 * weight is small anyway (IDF ≤ log(N / 2000)). When every term is common, candidates must hold all of them (AND).
 * Below 2,000 chunks in all, nothing is ever dropped.
 */
export const COMMON_TERM_CHUNKS = 2000;

export function keywordRanks(store: Store, query: string, limit = CANDIDATES): number[] {
  const terms = ftsTerms(query);
  if (terms.length === 0) return [];
  const st = statements(store);
  // How many chunks hold each term, counted only up to the cutoff, so the check costs O(cutoff), not O(corpus).
  // With no more chunks than the cutoff in all (the highest rowid bounds the count), no term can be common.
  const small = (st.maxRowid.get()?.n ?? 0) <= COMMON_TERM_CHUNKS;
  const rare = terms.length > 1 && !small ? terms.filter((t) => st.termHits.get(quote(t), COMMON_TERM_CHUNKS + 1)!.n <= COMMON_TERM_CHUNKS) : terms;
  const q = rare.length ? rare.map(quote).join(' OR ') : terms.map(quote).join(' AND ');
  return st.keyword.all(q, limit).map((r) => r.rowid);
}

export function vectorRanks(store: Store, vector: Float32Array, limit = CANDIDATES): number[] {
  return nearestChunks(store, vector, limit);
}

const quote = (t: string) => `"${t}"`;

interface Statements {
  keyword: SqliteStatement<{ rowid: number }>;
  termHits: SqliteStatement<{ n: number }>;
  maxRowid: SqliteStatement<{ n: number | null }>;
  chunk: SqliteStatement<ChunkInfo>;
}
const prepared = new WeakMap<Store, Statements>();

/** Prepared once per store: preparing costs about as much as running these small queries. */
function statements(store: Store): Statements {
  let s = prepared.get(store);
  if (!s) {
    s = {
      // Column weights: title and heading matches count more than body text.
      keyword: store.db.prepare('select rowid from kb_fts where kb_fts match ? order by bm25(kb_fts, 3.0, 2.0, 1.0) limit ?'),
      termHits: store.db.prepare('select count(*) as n from (select rowid from kb_fts where kb_fts match ? limit ?)'),
      maxRowid: store.db.prepare('select max(rowid) as n from kb_chunks'),
      chunk: store.db.prepare(
        `select c.rowid as rowid, c.id as id, c.doc_id as doc_id, d.title as title, c.heading as heading, c.text as text, d.source as source
         from kb_chunks c join kb_documents d on d.id = c.doc_id where c.rowid = ?`,
      ),
    };
    prepared.set(store, s);
  }
  return s;
}

interface ChunkInfo {
  rowid: number;
  id: string;
  doc_id: string;
  title: string;
  heading: string;
  text: string;
  source: string;
}

export async function search(store: Store, query: string, opts: SearchOptions = {}): Promise<SearchResponse> {
  const k = Math.max(1, Math.min(opts.k ?? 5, 50));
  const want = opts.mode ?? 'auto';
  const embedder = want === 'keyword' ? null : await activeEmbedder(store, opts);
  if (embedder) await embedPending(store, embedder);
  const useVec = Boolean(embedder && vecTableExists(store));
  const mode: SearchResponse['mode'] = !useVec ? 'keyword' : want === 'vector' ? 'vector' : want === 'keyword' ? 'keyword' : 'hybrid';

  const fused = rrfFuse(mode === 'keyword' || !embedder ? [keywordRanks(store, query)] : await bothHalves(store, query, embedder, mode));
  const get = statements(store).chunk;
  const perDoc = new Map<string, number>();
  const maxPerDoc = opts.maxPerDoc ?? 2;
  const results: KbResult[] = [];
  for (const { id, score } of fused) {
    const c = get.get(id);
    if (!c) continue;
    const n = perDoc.get(c.doc_id) ?? 0;
    if (n >= maxPerDoc) continue;
    perDoc.set(c.doc_id, n + 1);
    results.push({
      chunkId: c.id,
      doc: c.doc_id,
      title: c.title,
      heading: c.heading,
      snippet: snippet(c.text, query),
      score: Math.round(score * 1e6) / 1e6,
      untrusted: c.source !== 'builtin',
    });
    if (results.length >= k) break;
  }
  return { mode, results };
}

/**
 * The keyword and vector ranks, each half overlapping the other's slow part: with the query vector already to hand
 * (an embedder that answers at once), the candidate scan runs on its worker while this thread runs the keyword query;
 * otherwise the keyword query runs while the model embeds the query (off this thread), then the scan.
 */
async function bothHalves(store: Store, query: string, embedder: Embedder, mode: 'hybrid' | 'vector'): Promise<number[][]> {
  const embedding = embedder.embed([query]);
  // Settles now only if the embedding is already there (a settled promise's reaction is queued first).
  const ready = await Promise.race([embedding, Promise.resolve(null)]);
  let keyword: number[] | null = null;
  if (!ready && mode === 'hybrid') keyword = keywordRanks(store, query);
  const vector = nearestChunksAsync(store, (ready ?? (await embedding))[0]!, CANDIDATES);
  if (mode === 'hybrid') keyword ??= keywordRanks(store, query);
  return keyword ? [keyword, await vector] : [await vector];
}

/** About 300 characters around the first query word found, on word boundaries. */
export function snippet(text: string, query: string, width = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= width) return flat;
  const lower = flat.toLowerCase();
  const words = (query.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []).filter((w) => !STOPWORDS.has(w));
  let at = -1;
  for (const w of words) {
    const i = lower.indexOf(w);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  let start = at < 0 ? 0 : Math.max(0, at - Math.floor(width / 3));
  if (start > 0) start = flat.indexOf(' ', start) + 1 || start;
  let end = Math.min(flat.length, start + width);
  if (end < flat.length) end = flat.lastIndexOf(' ', end) > start ? flat.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}
