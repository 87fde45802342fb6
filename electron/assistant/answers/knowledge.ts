// Knowledge answers without a model: retrieved chunks merged per article (one source, one number) and quoted with
// their citation numbers; the Sources list (the `citations`) names each article once.
import type { Store } from '../../db';
import type { KbResult } from '../../knowledge';

export interface AskCitation {
  doc: string;
  title: string;
  snippet: string;
}

export type Search = (store: Store, query: string, opts: { k?: number }) => Promise<{ results: KbResult[] }>;

export const cite = (c: KbResult): AskCitation => ({ doc: c.doc, title: c.title, snippet: c.snippet });

export const NOT_FOUND = "I couldn't find anything about that in Bastion's knowledge base.";

/**
 * Chunks of the same article become one source (in rank order of their best chunk): a Sources list never names an
 * article twice, and [n] means one article.
 */
export function mergeByDoc(chunks: readonly KbResult[]): KbResult[] {
  const byDoc = new Map<string, KbResult[]>();
  for (const c of chunks) byDoc.set(c.doc, [...(byDoc.get(c.doc) ?? []), c]);
  return [...byDoc.values()].map((cs) => {
    const first = cs[0]!;
    if (cs.length === 1) return first;
    const snippet = cs.map((c) => (c.heading ? `${c.heading}: ${c.snippet}` : c.snippet)).join('\n');
    return { ...first, heading: '', snippet, score: Math.max(...cs.map((c) => c.score)) };
  });
}

/** The deterministic answer: the best sources quoted, each with its number. */
export function quotedAnswer(sources: readonly KbResult[]): { answer: string; citations: AskCitation[] } {
  const top = sources.slice(0, 3);
  const answer = ["From Bastion's knowledge base:", ...top.map((c, i) => `${c.heading ? `${c.heading}: ` : ''}${c.snippet} [${i + 1}]`)].join('\n\n');
  return { answer, citations: top.map(cite) };
}

/** The built-in "How to fix" article chunk for a finding kind (cited under vault explanations), if indexed. */
export async function fixArticle(store: Store, kind: string, query: string, search: Search): Promise<AskCitation | null> {
  const doc = `fix-${kind.replace(/_/g, '-')}`;
  const { results } = await search(store, query, { k: 4 });
  const hit = results.find((r) => r.doc === doc) ?? results.find((r) => !r.untrusted);
  return hit ? cite(hit) : null;
}
