// The built-in articles are indexed on first use and re-indexed whenever the app version or any article changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../db';
import { appRoot } from '../db';
import { loadArticles, type ArticleSet } from './articles';
import { chunkText } from './chunk';
import { activeEmbedder, embedPending, type EmbedOptions } from './embedder';
import { deleteDoc, getSetting, listDocs, setSetting, writeDoc } from './kb-store';

let appVersion: string | undefined;
function currentAppVersion(): string {
  return (appVersion ??= (JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version: string }).version);
}

export interface BuiltinOptions extends EmbedOptions {
  /** For tests: a different article set (folder) than the shipped one. */
  articles?: ArticleSet;
  onProgress?: (message: string) => void;
}

/**
 * Returns true when the built-in articles were (re)indexed by this call. Safe when many processes start together:
 * the state is checked again inside the (IMMEDIATE, so serialised) transaction, and only the first one indexes.
 */
export function indexBuiltinKeywords(store: Store, opts: BuiltinOptions = {}): boolean {
  const set = opts.articles ?? loadArticles();
  const state = `${currentAppVersion()}:${set.hash}`;
  if (getSetting(store, 'builtin_state') === state) return false;
  return store.db.transaction(() => {
    if (getSetting(store, 'builtin_state') === state) return false; // another process indexed while we waited
    opts.onProgress?.(`indexing ${set.articles.length} built-in articles`);
    const keep = new Set(set.articles.map((a) => a.id));
    for (const d of listDocs(store, 'builtin')) if (!keep.has(d.id)) deleteDoc(store, d.id);
    for (const a of set.articles) {
      writeDoc(store, {
        id: a.id,
        source: 'builtin',
        path: null,
        title: a.title,
        kind: 'markdown',
        tags: a.tags,
        hash: set.hash,
        bytes: Buffer.byteLength(a.source),
        folder: null,
        chunks: chunkText(a.source, { bodyStart: a.bodyStart, markdownHeadings: true }),
      });
    }
    setSetting(store, 'builtin_state', state);
    return true;
  })();
}

/** Keyword index always; vectors too when an embedding model is configured. */
export async function ensureBuiltinIndexed(store: Store, opts: BuiltinOptions = {}): Promise<void> {
  indexBuiltinKeywords(store, opts);
  const e = await activeEmbedder(store, opts);
  if (e) await embedPending(store, e, (done, total) => opts.onProgress?.(`embedding ${done}/${total} chunks`));
}
