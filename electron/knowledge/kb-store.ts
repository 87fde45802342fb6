// All SQL for the knowledge base. Each document is written in one transaction together with its chunks, FTS rows
// and (when an embedder is loaded) its vectors, so a document is never half-indexed.
import type { Store } from '../db';
import type { Chunk } from './chunk';
import type { DocKind } from './extract';
import { int8Of, signBits } from './sign-bits';

export interface DocRow {
  id: string;
  source: 'builtin' | 'user';
  path: string | null;
  title: string;
  kind: DocKind;
  tags: string;
  content_hash: string;
  bytes: number;
  chunk_count: number;
  folder: string | null;
  added_at: number;
  updated_at: number;
}

export interface NewDoc {
  id: string;
  source: 'builtin' | 'user';
  path: string | null;
  title: string;
  kind: DocKind;
  tags: string[];
  hash: string;
  bytes: number;
  folder: string | null;
  chunks: Chunk[];
  /** One per chunk when an embedder is active, else undefined. */
  vectors?: Float32Array[];
}

export const VEC_TABLE = 'kb_vec';
/** Set whenever chunks may lack vectors (written without an embedder, or a new vec table); cleared by embedPending. */
export const VEC_DIRTY = 'vec_dirty';

export function getSetting(store: Store, key: string): string | null {
  const row = store.db.prepare<{ value: string }>('select value from kb_settings where key = ?').get(key);
  return row?.value ?? null;
}

export function setSetting(store: Store, key: string, value: string | null): void {
  if (value === null) store.db.prepare('delete from kb_settings where key = ?').run(key);
  else store.db.prepare('insert into kb_settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value').run(key, value);
}

export function vecTableExists(store: Store): boolean {
  return Boolean(store.db.prepare("select 1 from sqlite_master where name = ? and type = 'table'").get(VEC_TABLE));
}

/**
 * Makes sure kb_vec exists for this model's dimension. A different model (path or dimension) invalidates every
 * stored vector, so the table is dropped and rebuilt; chunks are then re-embedded by embedPending.
 * kb_vec is a plain table: the float32 vector plus its sign bits and int8 copy (see vector-index.ts). Stores from
 * before held a sqlite-vec vec0 table; its vectors are carried over (quantised copies added) in one transaction, not
 * re-embedded.
 */
export function ensureVecTable(store: Store, modelKey: string, dims: number): void {
  if (!store.vecVersion) return;
  const current = getSetting(store, 'vec_model');
  const want = `${modelKey}|${dims}`;
  const legacy = isLegacyVec0(store);
  if (current === want && vecTableExists(store) && !legacy) return;
  store.db.transaction(() => {
    const keep = current === want && legacy ? store.db.prepare<{ rowid: number; embedding: Buffer }>(`select rowid, embedding from ${VEC_TABLE}`).all() : [];
    store.db.exec(`drop table if exists ${VEC_TABLE}`);
    store.db.exec(`create table ${VEC_TABLE} (rowid integer primary key, embedding blob not null, bits blob not null, q8 blob not null) strict`);
    const ins = store.db.prepare(`insert into ${VEC_TABLE} (rowid, embedding, bits, q8) values (?, ?, ?, ?)`);
    for (const r of keep) ins.run(r.rowid, ...vecRow(asFloats(r.embedding)));
    setSetting(store, 'vec_model', want);
    if (keep.length === 0) setSetting(store, VEC_DIRTY, '1');
  })();
}

/** A vec0 table (earlier versions), or a plain one without the int8 column (development builds). */
function isLegacyVec0(store: Store): boolean {
  const sql = store.db.prepare<{ sql: string }>("select sql from sqlite_master where name = ? and type = 'table'").get(VEC_TABLE)?.sql;
  return sql !== undefined && (/using\s+vec0/i.test(sql) || !/\bq8\b/.test(sql));
}

function asFloats(b: Buffer): Float32Array {
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

/** The row written for one vector: the float32 bytes, and the sign bits and int8 copy the candidate stages read. */
function vecRow(v: Float32Array): [Buffer, Buffer, Buffer] {
  const q8 = int8Of(v);
  return [Buffer.from(v.buffer, v.byteOffset, v.byteLength), Buffer.from(signBits(v)), Buffer.from(q8.buffer, q8.byteOffset, q8.byteLength)];
}

export function findDocByPath(store: Store, path: string): DocRow | undefined {
  return store.db.prepare<DocRow>('select * from kb_documents where path = ?').get(path);
}

export function getDoc(store: Store, id: string): DocRow | undefined {
  return store.db.prepare<DocRow>('select * from kb_documents where id = ?').get(id);
}

export function listDocs(store: Store, source?: 'builtin' | 'user'): DocRow[] {
  return source
    ? store.db.prepare<DocRow>('select * from kb_documents where source = ? order by title').all(source)
    : store.db.prepare<DocRow>('select * from kb_documents order by source, title').all();
}

/** Deletes a document's chunks from every index. Runs inside the caller's transaction. */
function deleteDocRows(store: Store, id: string): void {
  const rowids = store.db.prepare<{ rowid: number }>('select rowid from kb_chunks where doc_id = ?').all(id);
  const delFts = store.db.prepare('delete from kb_fts where rowid = ?');
  const hasVec = store.vecVersion !== null && vecTableExists(store);
  const delVec = hasVec ? store.db.prepare(`delete from ${VEC_TABLE} where rowid = ?`) : null;
  for (const { rowid } of rowids) {
    delFts.run(rowid);
    delVec?.run(BigInt(rowid));
  }
  store.db.prepare('delete from kb_chunks where doc_id = ?').run(id);
  store.db.prepare('delete from kb_documents where id = ?').run(id);
}

export function deleteDoc(store: Store, id: string): void {
  store.db.transaction(() => deleteDocRows(store, id))();
}

/** Replaces (or inserts) a document with all its chunks in one transaction. */
export function writeDoc(store: Store, doc: NewDoc, now = Date.now()): void {
  const db = store.db;
  db.transaction(() => {
    const prev = getDoc(store, doc.id);
    deleteDocRows(store, doc.id);
    db.prepare(
      `insert into kb_documents (id, source, path, title, kind, tags, content_hash, bytes, chunk_count, folder, added_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(doc.id, doc.source, doc.path, doc.title, doc.kind, JSON.stringify(doc.tags), doc.hash, doc.bytes, doc.chunks.length, doc.folder, prev?.added_at ?? now, now);
    const insChunk = db.prepare('insert into kb_chunks (id, doc_id, ord, heading, text, start_offset, end_offset) values (?, ?, ?, ?, ?, ?, ?)');
    const insFts = db.prepare('insert into kb_fts (rowid, title, heading, body) values (?, ?, ?, ?)');
    const insVec = doc.vectors && vecTableExists(store) ? db.prepare(`insert into ${VEC_TABLE} (rowid, embedding, bits, q8) values (?, ?, ?, ?)`) : null;
    doc.chunks.forEach((c, i) => {
      const { lastInsertRowid } = insChunk.run(`${doc.id}#${i}`, doc.id, i, c.heading, c.text, c.start, c.end);
      const rowid = BigInt(lastInsertRowid);
      insFts.run(rowid, doc.title, c.heading, c.text);
      const v = doc.vectors?.[i];
      if (insVec && v) insVec.run(rowid, ...vecRow(v));
    });
    if (!insVec || !doc.vectors || doc.vectors.length !== doc.chunks.length) setSetting(store, VEC_DIRTY, '1');
  })();
}

export interface PendingChunk {
  rowid: number;
  title: string;
  heading: string;
  text: string;
}

/** Chunks that have no vector yet (new model, or indexed while no model was configured). */
export function pendingVectors(store: Store, limit: number): PendingChunk[] {
  if (!vecTableExists(store)) return [];
  return store.db
    .prepare<PendingChunk>(
      `select c.rowid as rowid, d.title as title, c.heading as heading, c.text as text
       from kb_chunks c join kb_documents d on d.id = c.doc_id
       where c.rowid not in (select rowid from ${VEC_TABLE}) order by c.rowid limit ?`,
    )
    .all(limit);
}

export function insertVectors(store: Store, rows: { rowid: number; vector: Float32Array }[]): void {
  const ins = store.db.prepare(`insert into ${VEC_TABLE} (rowid, embedding, bits, q8) values (?, ?, ?, ?)`);
  store.db.transaction(() => {
    for (const r of rows) ins.run(BigInt(r.rowid), ...vecRow(r.vector));
  })();
}

/** The text a chunk is embedded as: its document title and heading give the passage context. */
export function embeddingText(title: string, heading: string, text: string): string {
  return `${title}${heading ? ` — ${heading}` : ''}\n${text}`;
}
