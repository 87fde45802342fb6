import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli';
import { openStore, type Store } from '../db';
import { articlesDir, loadArticles, parseArticle } from './articles';
import { indexBuiltinKeywords } from './builtin';
import { getSetting } from './kb-store';
import { searchKnowledge } from '.';

const FINDING_KINDS = ['weak', 'reused', 'exposed', 'insecure_url', 'missing_2fa', 'duplicate', 'old'];

describe('built-in articles', () => {
  it('has at least 60 articles with ids, titles and tags, and a how-to-fix article per finding kind', () => {
    const { articles } = loadArticles();
    expect(articles.length).toBeGreaterThanOrEqual(60);
    for (const a of articles) {
      expect(a.title.length).toBeGreaterThan(3);
      expect(a.tags.length).toBeGreaterThan(0);
      expect(a.source.length - a.bodyStart).toBeGreaterThan(300);
    }
    for (const kind of FINDING_KINDS) {
      const fix = articles.filter((a) => a.tags.includes('how-to-fix') && a.tags.includes(kind));
      expect(fix, kind).toHaveLength(1);
    }
  });

  it('rejects an article without valid front matter', () => {
    expect(() => parseArticle('no front matter', 'x.md')).toThrow(/front matter/);
    expect(() => parseArticle('---\nid: Bad Id\ntitle: T here\ntags: [a]\n---\nbody', 'x.md')).toThrow(/slug/);
  });
});

describe('indexing built-in articles', () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bastion-kbb-'));
    store = openStore({ dataDir: join(dir, 'data') });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('indexes once, and again only when the articles change', () => {
    const copy = join(dir, 'articles');
    cpSync(articlesDir(), copy, { recursive: true });
    const set1 = loadArticles(copy);
    expect(indexBuiltinKeywords(store, { articles: set1 })).toBe(true);
    const docs = store.db.prepare<{ n: number }>("select count(*) as n from kb_documents where source = 'builtin'").get()!.n;
    expect(docs).toBe(set1.articles.length);
    expect(indexBuiltinKeywords(store, { articles: loadArticles(copy) })).toBe(false);

    writeFileSync(join(copy, 'zz-new.md'), '---\nid: zz-new\ntitle: Brand new article\ntags: [test]\n---\nQuokkas recommend passkeys.\n');
    const set2 = loadArticles(copy);
    expect(set2.hash).not.toBe(set1.hash);
    expect(indexBuiltinKeywords(store, { articles: set2 })).toBe(true);
    expect(getSetting(store, 'builtin_state')).toContain(set2.hash);
    expect(store.db.prepare("select id from kb_documents where id = 'zz-new'").get()).toBeDefined();
  });

  it('answers "is SMS two-factor safe" with the SMS article first, keyword-only without a model', async () => {
    const r = await searchKnowledge(store, 'is SMS two-factor safe', { noEmbed: true });
    expect(r.mode).toBe('keyword');
    expect(r.results[0]?.doc).toBe('sms-2fa');
  });

  it('bastion kb search --json prints the documented shape', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    const errors: string[] = [];
    const prev = process.env.BASTION_EMBED_MODEL;
    delete process.env.BASTION_EMBED_MODEL;
    try {
      await runCli(['--data-dir', join(dir, 'cli'), 'kb', 'search', 'is SMS two-factor safe', '--json', '--k', '3'], {
        setExitCode: (c) => errors.push(`exit ${c}`),
        writeErr: (l) => errors.push(l),
      });
    } finally {
      spy.mockRestore();
      if (prev !== undefined) process.env.BASTION_EMBED_MODEL = prev;
    }
    expect(errors).toEqual([]);
    const json = JSON.parse(out.join('')) as { mode: string; results: { doc: string; title: string; heading: string; snippet: string; score: number }[] };
    expect(json.mode).toBe('keyword');
    expect(json.results).toHaveLength(3);
    expect(json.results[0]).toMatchObject({ doc: 'sms-2fa', title: expect.stringMatching(/SMS/) });
    for (const r of json.results) expect(Object.keys(r).sort()).toEqual(['doc', 'heading', 'score', 'snippet', 'title', 'untrusted']);
  });
});
