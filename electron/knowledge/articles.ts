import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BastionError } from '../core';
import { appRoot } from '../db';

/** A built-in article: Markdown with front matter (id, title, tags). */
export interface Article {
  id: string;
  title: string;
  tags: string[];
  /** The whole file, front matter included (chunk offsets point into it). */
  source: string;
  /** Where the body starts, after the front matter. */
  bodyStart: number;
}

const FrontMatter = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be a lowercase slug'),
  title: z.string().min(3),
  tags: z.array(z.string().min(1)).min(1),
});

export function articlesDir(): string {
  return join(appRoot(), 'electron', 'knowledge', 'articles');
}

/** Parses the small YAML subset the articles use: `key: value` and `tags: [a, b]`. */
export function parseArticle(source: string, file: string): Article {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(source);
  if (!m) throw new BastionError('BAD_FILE', `${file} has no front matter (--- id/title/tags ---).`);
  const fields: Record<string, unknown> = {};
  for (const line of m[1]!.split(/\r?\n/)) {
    const kv = /^(\w+):\s*(.*)$/.exec(line.trim());
    if (!kv) continue;
    const [, key, raw] = kv;
    const value = raw!.trim();
    fields[key!] = value.startsWith('[')
      ? value.replace(/^\[|\]$/g, '').split(',').map((t) => t.trim()).filter(Boolean)
      : value.replace(/^["']|["']$/g, '');
  }
  const parsed = FrontMatter.safeParse(fields);
  if (!parsed.success) throw new BastionError('BAD_FILE', `${file}: bad front matter (${parsed.error.issues[0]?.message}).`);
  return { ...parsed.data, source, bodyStart: m[0].length };
}

export interface ArticleSet {
  articles: Article[];
  /** sha256 over every article file's name and bytes: changes whenever any article does. */
  hash: string;
}

let cache: ArticleSet | undefined;

export function loadArticles(dir = articlesDir()): ArticleSet {
  if (cache && dir === articlesDir()) return cache;
  const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  const h = createHash('sha256');
  const articles: Article[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    const source = readFileSync(join(dir, f), 'utf8');
    h.update(f).update('\0').update(source).update('\0');
    const a = parseArticle(source, f);
    if (seen.has(a.id)) throw new BastionError('BAD_FILE', `Duplicate article id ${a.id} (${f}).`);
    seen.add(a.id);
    articles.push(a);
  }
  const set = { articles, hash: h.digest('hex') };
  if (dir === articlesDir()) cache = set;
  return set;
}
