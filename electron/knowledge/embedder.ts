// Which embedding model to use, and one loaded instance per model path for the life of the process.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadEmbedder, type Embedder } from '../../native';
import { BastionError } from '../core';
import type { Store } from '../db';
import { embeddingText, ensureVecTable, getSetting, insertVectors, pendingVectors, setSetting, VEC_DIRTY } from './kb-store';

export interface EmbedOptions {
  /** Explicit model path (the flag, else the user's setting, chosen by the caller); beats BASTION_EMBED_MODEL. */
  embedModel?: string;
  /** Turn vectors off even when a model is configured (keyword-only). */
  noEmbed?: boolean;
  /** Tests and benches may inject an embedder. */
  embedder?: Embedder;
}

export function resolveEmbedModelPath(_store: Store, opts: EmbedOptions = {}, env = process.env): string | null {
  if (opts.noEmbed) return null;
  const p = opts.embedModel ?? env.BASTION_EMBED_MODEL;
  return p ? resolve(p) : null;
}

const loaded = new Map<string, Promise<Embedder>>();

/** The active embedder, or null for keyword-only (no model configured, or sqlite-vec unavailable). */
export async function activeEmbedder(store: Store, opts: EmbedOptions = {}): Promise<Embedder | null> {
  if (!store.vecVersion || opts.noEmbed) return null;
  if (opts.embedder) return opts.embedder;
  const path = resolveEmbedModelPath(store, opts);
  if (!path) return null;
  if (!existsSync(path)) {
    throw new BastionError('MODEL_ERROR', `Embedding model ${path} does not exist; run scripts/fetch-embedding-model.sh or drop --embed-model.`);
  }
  let p = loaded.get(path);
  if (!p) {
    p = loadEmbedder(path).catch((e: unknown) => {
      loaded.delete(path);
      throw new BastionError('MODEL_ERROR', `Cannot load embedding model ${path}: ${(e as Error).message}`, { cause: e });
    });
    loaded.set(path, p);
  }
  return p;
}

/** Identity of a model file for invalidating stored vectors: path plus size and mtime. */
export function modelKey(e: Embedder): string {
  try {
    const st = statSync(e.modelPath);
    return `${e.modelPath}:${st.size}:${Math.round(st.mtimeMs)}`;
  } catch {
    return e.modelPath;
  }
}

/** Creates kb_vec if needed and embeds every chunk that has no vector yet. */
export async function embedPending(store: Store, e: Embedder, onProgress?: (done: number, total: number) => void): Promise<number> {
  ensureVecTable(store, modelKey(e), e.dimensions);
  // Cheap check first: searches call this on every query, and the anti-join below is a full scan.
  if (getSetting(store, VEC_DIRTY) !== '1') return 0;
  // Cleared before scanning, so a document written meanwhile without vectors sets it again.
  setSetting(store, VEC_DIRTY, null);
  const total = (store.db.prepare<{ n: number }>('select count(*) as n from kb_chunks').get()?.n ?? 0);
  let done = 0;
  try {
    for (;;) {
      const batch = pendingVectors(store, 64);
      if (batch.length === 0) break;
      const vectors = await e.embed(batch.map((c) => embeddingText(c.title, c.heading, c.text)));
      insertVectors(store, batch.map((c, i) => ({ rowid: c.rowid, vector: vectors[i]! })));
      done += batch.length;
      onProgress?.(done, total);
    }
  } catch (err) {
    setSetting(store, VEC_DIRTY, '1');
    throw err;
  }
  return done;
}

/** Releases every loaded model (end of a CLI command, app shutdown). */
export async function disposeEmbedders(): Promise<void> {
  const all = [...loaded.values()];
  loaded.clear();
  for (const p of all) await p.then((e) => e.dispose()).catch(() => undefined);
}
