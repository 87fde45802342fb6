import type { Store } from '../db';

// What the confirm dialog names when a knowledge chunk was in the assistant's context: the document's title and
// section, and whether it is a user's (untrusted) document rather than a built-in article.

export interface ChunkInfo {
  chunkId: string;
  title: string;
  heading: string;
  untrusted: boolean;
}

export function describeChunks(store: Store, chunkIds: readonly string[]): ChunkInfo[] {
  const stmt = store.db.prepare<{ title: string; heading: string; source: string }>(
    'select d.title as title, c.heading as heading, d.source as source from kb_chunks c join kb_documents d on d.id = c.doc_id where c.id = ?',
  );
  return chunkIds.map((chunkId) => {
    const row = stmt.get(chunkId);
    // A chunk removed since (document deleted or re-indexed) is still listed, and treated as untrusted.
    return row ? { chunkId, title: row.title, heading: row.heading, untrusted: row.source !== 'builtin' } : { chunkId, title: '(no longer indexed)', heading: '', untrusted: true };
  });
}
