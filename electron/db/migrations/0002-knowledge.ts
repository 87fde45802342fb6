import type { Migration } from '../migration';

// Knowledge documents and chunks. kb_fts is an FTS5 virtual table and so cannot be STRICT; the vec0 table of
// embeddings (kb_vec) is created at run time by electron/knowledge once the embedder's dimension is known, because
// vec0 needs the sqlite-vec extension, which a migration cannot assume is loaded.
export const m0002: Migration = {
  version: 2,
  name: 'knowledge',
  up(db) {
    db.exec(`
      create table kb_documents (
        id text primary key,
        source text not null check (source in ('builtin', 'user')),
        path text,
        title text not null,
        kind text not null check (kind in ('markdown', 'text', 'html', 'pdf')),
        tags text not null default '[]',
        content_hash text not null,
        bytes integer not null,
        chunk_count integer not null,
        folder text,
        added_at integer not null,
        updated_at integer not null
      ) strict;
      create unique index kb_documents_path on kb_documents (path) where path is not null;

      create table kb_chunks (
        rowid integer primary key autoincrement, -- never reused, so a stale vector can never alias a new chunk
        id text not null unique,
        doc_id text not null references kb_documents (id) on delete cascade,
        ord integer not null,
        heading text not null,
        text text not null,
        start_offset integer not null,
        end_offset integer not null
      ) strict;
      create index kb_chunks_doc on kb_chunks (doc_id, ord);

      create virtual table kb_fts using fts5 (title, heading, body, tokenize = 'porter unicode61 remove_diacritics 2');

      create table kb_folders (
        dir text primary key,
        added_at integer not null
      ) strict;

      create table kb_settings (
        key text primary key,
        value text not null
      ) strict;
    `);
  },
};
