// Client side of offline provisioning: load the knowledge packs an administrator built with `bastion policy pack`
// and listed in the managed policy. A pack is a read-only Bastion database; its documents (not its built-in
// articles, which every client has) are copied into this store under the folder `pack:PATH`, replacing the pack's
// previous version in one transaction. Vectors are reused only when the pack was embedded with the very model this
// store uses; otherwise its chunks are embedded here on the next search.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { sha256File } from '../../models';
import { openSqlite, type SqliteDb } from '../../native';
import type { Store } from '../db';
import { deleteDoc, getSetting, listDocs, setSetting, writeDoc, type NewDoc } from './kb-store';

export interface PackLoadResult {
  pack: string;
  status: 'loaded' | 'unchanged' | 'skipped';
  documents: number;
  /** Whether the pack's vectors were reused (same embedding model) rather than left to be computed here. */
  vectorsReused: boolean;
  reason?: string;
}

export const packFolder = (path: string): string => `pack:${path}`;

const DocRow = z.object({
  id: z.string().min(1).max(200),
  title: z.string().max(1000),
  kind: z.enum(['markdown', 'text', 'html', 'pdf']),
  tags: z.string(),
  content_hash: z.string().max(200),
  bytes: z.number().int().nonnegative(),
});
const ChunkRow = z.object({
  rowid: z.number().int(),
  heading: z.string(),
  text: z.string(),
  start_offset: z.number().int(),
  end_offset: z.number().int(),
});

/** Loads every listed pack; a missing or unreadable pack is skipped with a reason, never half-loaded. */
export async function loadKnowledgePacks(store: Store, packs: readonly string[]): Promise<PackLoadResult[]> {
  const out: PackLoadResult[] = [];
  const listed = new Set(packs.map((p) => packFolder(resolve(p))));
  // A pack the policy no longer lists is removed from the index (and forgotten, so listing it again reloads it).
  for (const d of listDocs(store, 'user')) {
    if (!d.folder?.startsWith('pack:') || listed.has(d.folder)) continue;
    deleteDoc(store, d.id);
    setSetting(store, `pack_hash:${d.folder.slice(5)}`, null);
  }
  for (const raw of packs) out.push(await loadPack(store, resolve(raw)));
  return out;
}

async function loadPack(store: Store, path: string): Promise<PackLoadResult> {
  const base = { pack: path, documents: 0, vectorsReused: false };
  if (!existsSync(path)) return { ...base, status: 'skipped', reason: 'the pack file does not exist' };
  const digest = await sha256File(path);
  const key = `pack_hash:${path}`;
  const present = listDocs(store, 'user').filter((d) => d.folder === packFolder(path)).length;
  if (getSetting(store, key) === digest && present > 0) return { ...base, status: 'unchanged', documents: present };
  let pack: SqliteDb;
  try {
    pack = openSqlite(path, { readonly: true, fileMustExist: true, vector: store.vecVersion !== null }).db;
  } catch (e) {
    return { ...base, status: 'skipped', reason: `cannot open the pack: ${(e as Error).message}` };
  }
  try {
    const docs = readDocs(pack, store, path);
    store.db.transaction(() => {
      for (const d of listDocs(store, 'user')) if (d.folder === packFolder(path)) deleteDoc(store, d.id);
      for (const d of docs.docs) writeDoc(store, d);
      setSetting(store, key, digest);
    })();
    return { ...base, status: 'loaded', documents: docs.docs.length, vectorsReused: docs.vectorsReused };
  } catch (e) {
    return { ...base, status: 'skipped', reason: `not a valid knowledge pack: ${(e as Error).message}` };
  } finally {
    pack.close();
  }
}

function readDocs(pack: SqliteDb, store: Store, path: string): { docs: NewDoc[]; vectorsReused: boolean } {
  const packModel = settingOf(pack, 'vec_model');
  const reuse = packModel !== null && packModel === getSetting(store, 'vec_model') && hasTable(pack, 'kb_vec');
  const vecStmt = reuse ? pack.prepare<{ embedding: Buffer }>('select embedding from kb_vec where rowid = ?') : null;
  const rows = pack.prepare('select id, title, kind, tags, content_hash, bytes from kb_documents where source = ? order by id').all('user');
  const chunkStmt = pack.prepare('select rowid, heading, text, start_offset, end_offset from kb_chunks where doc_id = ? order by ord');
  const prefix = createHash('sha256').update(path).digest('base64url').slice(0, 8);
  let vectorsReused = reuse;
  const docs = rows.map((raw): NewDoc => {
    const d = DocRow.parse(raw);
    const chunks = chunkStmt.all(d.id).map((c) => ChunkRow.parse(c));
    const vectors = vecStmt
      ? chunks.map((c) => {
          const b = vecStmt.get(c.rowid)?.embedding;
          return b ? new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)) : null;
        })
      : [];
    const complete = vecStmt !== null && vectors.every((v) => v !== null);
    if (!complete) vectorsReused = false;
    return {
      id: `pk_${prefix}_${d.id}`,
      source: 'user',
      path: null,
      title: d.title,
      kind: d.kind,
      tags: parseTags(d.tags),
      hash: d.content_hash,
      bytes: d.bytes,
      folder: packFolder(path),
      chunks: chunks.map((c) => ({ heading: c.heading, text: c.text, start: c.start_offset, end: c.end_offset })),
      ...(complete ? { vectors: vectors as Float32Array[] } : {}),
    };
  });
  return { docs, vectorsReused };
}

function parseTags(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

function settingOf(db: SqliteDb, key: string): string | null {
  if (!hasTable(db, 'kb_settings')) return null;
  return db.prepare<{ value: string }>('select value from kb_settings where key = ?').get(key)?.value ?? null;
}

function hasTable(db: SqliteDb, name: string): boolean {
  return Boolean(db.prepare("select 1 from sqlite_master where name = ? and type = 'table'").get(name));
}
