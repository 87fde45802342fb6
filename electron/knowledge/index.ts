// Knowledge face: built-in security articles plus the user's own documents, searchable by keyword (FTS5/BM25)
// and, when an embedding model is configured, by meaning (sqlite-vec), fused with reciprocal rank fusion.
import type { Store } from '../db';
import { ensureBuiltinIndexed, type BuiltinOptions } from './builtin';
import type { EmbedOptions } from './embedder';
import { search, type KbResult } from './search';

export { loadArticles, type Article } from './articles';
export { chunkText, type Chunk } from './chunk';
export { disposeEmbedders, resolveEmbedModelPath, type EmbedOptions } from './embedder';
export { MAX_FILE_BYTES } from './extract';
export {
  addDocuments,
  checkFolder,
  listDocuments,
  removeDocument,
  removeFolderDocuments,
  syncFolders,
  type AddOptions,
  type AddSummary,
  type DocumentInfo,
  type SyncSummary,
} from './ingest';
export { describeChunks, type ChunkInfo } from './chunk-info';
export { loadKnowledgePacks, packFolder, type PackLoadResult } from './pack-load';
export { ftsQuery, rrfFuse, search, type KbResult, type SearchOptions, type SearchResponse } from './search';
/** The vector scan worker (large stores): closes by itself when idle; the app closes it on quit. */
export { disposeVectorWorker } from './vector-worker';
export { ensureBuiltinIndexed, type BuiltinOptions };

export interface SearchKnowledgeOptions extends EmbedOptions {
  k?: number;
  maxPerDoc?: number;
}

/** Indexes the built-in articles if needed, then runs hybrid search (keyword-only without an embedding model). */
export async function searchKnowledge(
  store: Store,
  query: string,
  opts: SearchKnowledgeOptions = {},
): Promise<{ mode: 'hybrid' | 'keyword'; results: KbResult[] }> {
  await ensureBuiltinIndexed(store, opts);
  const r = await search(store, query, { ...opts, mode: 'auto' });
  return { mode: r.mode === 'hybrid' ? 'hybrid' : 'keyword', results: r.results };
}
