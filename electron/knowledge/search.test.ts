import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db';
import { chunkText } from './chunk';
import { writeDoc } from './kb-store';
import { COMMON_TERM_CHUNKS, ftsQuery, keywordRanks, RRF_K, rrfFuse, search, snippet } from './search';

describe('ftsQuery', () => {
  it('quotes every word and joins with OR, dropping stop words', () => {
    expect(ftsQuery('Is SMS two-factor safe?')).toBe('"sms" OR "two" OR "factor" OR "safe"');
  });

  it('leaves no FTS5 syntax from user text', () => {
    const hostile = ['title:secret', 'a NEAR(b c)', '"unbalanced', 'pass*', '^start', 'x AND y OR NOT z', '(((', 'a - b + c', "it's"];
    for (const h of hostile) {
      const q = ftsQuery(h);
      if (q === null) continue;
      for (const term of q.split(' OR ')) expect(term).toMatch(/^"[\p{L}\p{N}]+"$/u);
    }
    // Operators become quoted literals (or vanish as stop words), never operators.
    expect(ftsQuery('cats AND dogs')).toBe('"cats" OR "dogs"');
    expect(ftsQuery('NOT phishing')).toBe('"not" OR "phishing"');
    expect(ftsQuery('body:"x" OR title:y')).toBe('"body" OR "title"');
  });

  it('returns null when nothing searchable is left', () => {
    expect(ftsQuery('?!* ()"')).toBeNull();
    expect(ftsQuery('')).toBeNull();
  });

  it('keeps stop words when the query has nothing else', () => {
    expect(ftsQuery('what is it')).toBe('"what" OR "is" OR "it"');
  });
});

describe('rrfFuse', () => {
  it('sums 1/(k+rank) over lists', () => {
    const fused = rrfFuse([
      [10, 20, 30],
      [20, 40],
    ]);
    const score = (id: number) => fused.find((f) => f.id === id)!.score;
    expect(score(20)).toBeCloseTo(1 / (RRF_K + 2) + 1 / (RRF_K + 1), 12);
    expect(score(10)).toBeCloseTo(1 / (RRF_K + 1), 12);
    expect(score(40)).toBeCloseTo(1 / (RRF_K + 2), 12);
    expect(score(30)).toBeCloseTo(1 / (RRF_K + 3), 12);
    expect(fused.map((f) => f.id)).toEqual([20, 10, 40, 30]);
  });

  it('with one list keeps its order', () => {
    expect(rrfFuse([[3, 1, 2]]).map((f) => f.id)).toEqual([3, 1, 2]);
  });

  it('honours a custom k', () => {
    expect(rrfFuse([[1]], 0)[0]!.score).toBe(1);
  });
});

describe('snippet', () => {
  it('centres on the first query word and marks cuts', () => {
    const text = `${'filler '.repeat(100)}the passkey is here ${'tail '.repeat(100)}`;
    const s = snippet(text, 'passkey');
    expect(s).toContain('passkey');
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s.length).toBeLessThanOrEqual(302);
  });
});

describe('search (keyword mode)', () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bastion-kbs-'));
    store = openStore({ dataDir: dir });
    const add = (id: string, title: string, body: string, source: 'builtin' | 'user' = 'builtin') =>
      writeDoc(store, { id, source, path: source === 'user' ? `/x/${id}` : null, title, kind: 'markdown', tags: [], hash: id, bytes: body.length, folder: null, chunks: chunkText(body) });
    add('sms', 'Text message codes', '## Risks\nSMS codes can be intercepted through SIM swap.');
    add('keys', 'Security keys', '## Why\nHardware keys resist phishing.');
    add('mine', 'My notes', 'Our policy: SMS codes are banned.', 'user');
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ranks by BM25, reports keyword mode and marks user documents untrusted', async () => {
    const r = await search(store, 'sms swap', { noEmbed: true });
    expect(r.mode).toBe('keyword');
    expect(r.results[0]).toMatchObject({ doc: 'sms', heading: 'Risks', untrusted: false, chunkId: 'sms#0' });
    expect(r.results.find((x) => x.doc === 'mine')?.untrusted).toBe(true);
    expect(r.results.some((x) => x.doc === 'keys')).toBe(false);
  });

  it('survives hostile query text', async () => {
    for (const q of ['title:sms', 'NEAR(sms keys)', '"', 'sms*', '']) {
      await expect(search(store, q, { noEmbed: true })).resolves.toBeDefined();
    }
  });

  it('limits k and chunks per document', async () => {
    const r = await search(store, 'sms keys codes phishing policy', { noEmbed: true, k: 2 });
    expect(r.results).toHaveLength(2);
  });
});

describe('keywordRanks with common terms', () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bastion-kbcommon-'));
    store = openStore({ dataDir: dir });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets rarer terms alone select and rank when a term is in more than COMMON_TERM_CHUNKS chunks', () => {
    const n = 2 * (COMMON_TERM_CHUNKS + 1);
    const chunks = Array.from({ length: n }, (_, i) => {
      const text = `router number ${i}${i % 2 === 0 ? ' modem' : ''}${i % 500 === 0 ? ' firmware' : ''}${i === 7 ? ' firmware firmware' : ''}`;
      return { heading: '', text, start: 0, end: text.length };
    });
    writeDoc(store, { id: 'big', source: 'user', path: '/big.md', title: 'Big', kind: 'markdown', tags: [], hash: 'h', bytes: 1, folder: null, chunks });
    const rowidOf = (i: number) => store.db.prepare<{ rowid: number }>('select rowid from kb_chunks where id = ?').get(`big#${i}`)!.rowid;
    // "router" is in every chunk: only the firmware chunks are candidates, the one with most "firmware" first.
    const both = keywordRanks(store, 'router firmware');
    expect(both[0]).toBe(rowidOf(7));
    expect(new Set(both)).toEqual(new Set([0, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 7].map(rowidOf)));
    // Only common terms: the chunks holding all of them ("modem" is in every other chunk).
    expect(keywordRanks(store, 'router modem', n)).toHaveLength(n / 2);
    // A single common term is never dropped.
    expect(keywordRanks(store, 'router', n)).toHaveLength(n);
  });

  it('drops nothing below the cutoff', () => {
    const chunks = ['router firmware', 'router admin', 'router'].map((text) => ({ heading: '', text, start: 0, end: text.length }));
    writeDoc(store, { id: 'small', source: 'user', path: '/small.md', title: 'Small', kind: 'markdown', tags: [], hash: 'h', bytes: 1, folder: null, chunks });
    expect(keywordRanks(store, 'router firmware')).toHaveLength(3);
  });
});
