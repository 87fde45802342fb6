// User documents: add files and folders, re-index only what changed, remove, and keep configured folders in sync.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { BastionError } from '../core';
import type { Store } from '../db';
import { chunkText } from './chunk';
import { activeEmbedder, embedPending, modelKey, type EmbedOptions } from './embedder';
import { extractFile, kindFor, SkipError } from './extract';
import { deleteDoc, embeddingText, ensureVecTable, findDocByPath, getDoc, listDocs, writeDoc, type DocRow } from './kb-store';

export interface AddOptions extends EmbedOptions {
  /** Called before each file: (files done, files total, path). */
  onProgress?: (done: number, total: number, path: string) => void;
  /** The configured folder these files come from (so sync can drop files deleted from it). */
  folder?: string | null;
}

export interface DocumentInfo {
  id: string;
  path: string | null;
  title: string;
  kind: string;
  chunks: number;
  bytes: number;
  folder: string | null;
  updatedAt: string;
}

export interface AddSummary {
  added: DocumentInfo[];
  updated: DocumentInfo[];
  unchanged: DocumentInfo[];
  skipped: { path: string; reason: string }[];
}

export function docIdForPath(path: string): string {
  return `doc_${createHash('sha256').update(path).digest('base64url').slice(0, 16)}`;
}

function info(d: DocRow): DocumentInfo {
  return { id: d.id, path: d.path, title: d.title, kind: d.kind, chunks: d.chunk_count, bytes: d.bytes, folder: d.folder, updatedAt: new Date(d.updated_at).toISOString() };
}

/** Expands folders recursively (symlinked folders are not followed, hidden entries are ignored). */
function expand(paths: string[], skipped: AddSummary['skipped']): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch (e) {
      skipped.push({ path: dir, reason: `cannot read folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return;
    }
    for (const name of entries) {
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      let st;
      try {
        st = lstatSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (st.isFile() || st.isSymbolicLink()) {
        if (kindFor(p)) files.push(p);
        else skipped.push({ path: p, reason: 'unsupported file type (Markdown, text, HTML and PDF are indexed)' });
      }
    }
  };
  for (const raw of paths) {
    const p = resolve(raw);
    let st;
    try {
      st = lstatSync(p);
    } catch {
      skipped.push({ path: p, reason: 'cannot read: no such file or folder' });
      continue;
    }
    if (st.isDirectory()) walk(p);
    else files.push(p);
  }
  return [...new Set(files)];
}

export async function addDocuments(store: Store, paths: string[], opts: AddOptions = {}): Promise<AddSummary> {
  const summary: AddSummary = { added: [], updated: [], unchanged: [], skipped: [] };
  const files = expand(paths, summary.skipped);
  const embedder = await activeEmbedder(store, opts);
  if (embedder) ensureVecTable(store, modelKey(embedder), embedder.dimensions);
  let done = 0;
  for (const path of files) {
    opts.onProgress?.(done++, files.length, path);
    try {
      const x = await extractFile(path);
      const prev = findDocByPath(store, path);
      if (prev && prev.content_hash === x.hash) {
        summary.unchanged.push(info(prev));
        continue;
      }
      const chunks = chunkText(x.text, { bodyStart: x.bodyStart, markdownHeadings: x.markdownHeadings });
      if (chunks.length === 0) throw new SkipError('no readable text');
      const vectors = embedder ? await embedder.embed(chunks.map((c) => embeddingText(x.title, c.heading, c.text))) : undefined;
      const id = prev?.id ?? docIdForPath(path);
      writeDoc(store, {
        id,
        source: 'user',
        path,
        title: x.title,
        kind: x.kind,
        tags: [],
        hash: x.hash,
        bytes: x.bytes,
        folder: opts.folder ?? prev?.folder ?? null,
        chunks,
        vectors,
      });
      (prev ? summary.updated : summary.added).push(info(getDoc(store, id)!));
    } catch (e) {
      if (e instanceof SkipError) summary.skipped.push({ path, reason: e.message });
      else if (e instanceof BastionError) summary.skipped.push({ path, reason: e.message });
      else throw e;
    }
  }
  opts.onProgress?.(done, files.length, '');
  // Chunks indexed before a model was configured get their vectors now.
  if (embedder) await embedPending(store, embedder);
  return summary;
}

export function listDocuments(store: Store, opts: { includeBuiltin?: boolean } = {}): DocumentInfo[] {
  return listDocs(store, opts.includeBuiltin ? undefined : 'user').map(info);
}

/** Removes a user document by id or by path. Built-in articles cannot be removed. */
export function removeDocument(store: Store, idOrPath: string): DocumentInfo {
  const doc = getDoc(store, idOrPath) ?? findDocByPath(store, resolve(idOrPath));
  if (!doc) throw new BastionError('NOT_FOUND', `No knowledge document ${idOrPath}; see \`bastion kb list\`.`);
  if (doc.source === 'builtin') throw new BastionError('UNSUPPORTED', `${idOrPath} is a built-in article and cannot be removed.`);
  if (doc.folder?.startsWith('pack:')) throw new BastionError('UNSUPPORTED', `${idOrPath} comes from a knowledge pack your administrator provisioned (${doc.folder.slice(5)}) and cannot be removed.`);
  deleteDoc(store, doc.id);
  return info(doc);
}

// Knowledge folders ---------------------------------------------------------------------------------------------

// Which folders are knowledge folders is a setting (`knowledge.folders`, kept by the settings use case); this
// capability only indexes them and drops what came from one.

/** The absolute folder path, refusing anything that is not an existing directory. */
export function checkFolder(dir: string): string {
  const abs = resolve(dir);
  if (!existsSync(abs) || !lstatSync(abs).isDirectory()) throw new BastionError('NOT_FOUND', `${abs} is not a folder.`);
  return abs;
}

/** Removes the documents indexed from a folder; returns how many. */
export function removeFolderDocuments(store: Store, dir: string): number {
  const abs = resolve(dir);
  const docs = listDocs(store, 'user').filter((d) => d.folder === abs);
  store.db.transaction(() => {
    for (const d of docs) deleteDoc(store, d.id);
  })();
  return docs.length;
}

export interface SyncSummary extends AddSummary {
  removed: DocumentInfo[];
}

/**
 * Re-indexes the given folders (the configured ones, or policy-managed ones from the enterprise layer): new and
 * changed files are indexed, unchanged ones are left alone, and documents whose file disappeared are removed.
 */
export async function syncFolders(store: Store, dirs: string[], opts: AddOptions = {}): Promise<SyncSummary> {
  const total: SyncSummary = { added: [], updated: [], unchanged: [], skipped: [], removed: [] };
  for (const raw of dirs) {
    const dir = resolve(raw);
    if (!existsSync(dir)) {
      total.skipped.push({ path: dir, reason: 'folder does not exist' });
      continue;
    }
    const s = await addDocuments(store, [dir], { ...opts, folder: dir });
    total.added.push(...s.added);
    total.updated.push(...s.updated);
    total.unchanged.push(...s.unchanged);
    total.skipped.push(...s.skipped);
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    for (const d of listDocs(store, 'user')) {
      if (d.path && (d.folder === dir || d.path.startsWith(prefix)) && !existsSync(d.path)) {
        deleteDoc(store, d.id);
        total.removed.push(info(d));
      }
    }
  }
  return total;
}
