// Knowledge answers: retrieved chunks, quoted without a model or phrased by one that must cite them.
import type { Store } from '../../db';
import type { KbResult } from '../../knowledge';
import type { ModelAccess } from '../model-access';
import { knowledgePrompt } from '../prompt';

export interface AskCitation {
  doc: string;
  title: string;
  snippet: string;
}

export type Search = (store: Store, query: string, opts: { k?: number }) => Promise<{ results: KbResult[] }>;

export const cite = (c: KbResult): AskCitation => ({ doc: c.doc, title: c.title, snippet: c.snippet });

/**
 * `retrievalQuery` finds the chunks (typo-corrected, or expanded for an incident); the model, when used, is asked the
 * person's own question.
 */
export async function knowledgeAnswer(
  store: Store,
  question: string,
  retrievalQuery: string,
  search: Search,
  llm: ModelAccess,
  onToken?: (delta: string) => void,
): Promise<{ answer: string; citations: AskCitation[] }> {
  const { results } = await search(store, retrievalQuery, { k: 4 });
  const chunks = results.slice(0, 4);
  if (chunks.length === 0) {
    const answer = "I couldn't find anything about that in Bastion's knowledge base.";
    onToken?.(answer);
    return { answer, citations: [] };
  }
  if (!llm.available) {
    const top = chunks.slice(0, 3);
    const answer = ["From Bastion's knowledge base:", ...top.map((c, i) => `[${i + 1}] ${c.title}${c.heading ? ` — ${c.heading}` : ''}\n${c.snippet}`)].join('\n\n');
    onToken?.(answer);
    return { answer, citations: top.map(cite) };
  }
  const r = await llm.run(knowledgePrompt(question, chunks), { onTextChunk: onToken });
  const used = [...new Set([...r.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]) - 1))].filter((i) => i >= 0 && i < chunks.length);
  // The model saw all chunks; if it cited none explicitly, every chunk it was given is a source.
  const cited = (used.length ? used.map((i) => chunks[i]!) : chunks).map(cite);
  const sources = cited.map((c, i) => `[${used.length ? used[i]! + 1 : i + 1}] ${c.title}`).join('\n');
  return { answer: `${r.text.trim()}${r.aborted ? ' …(stopped)' : ''}\n\nSources:\n${sources}`, citations: cited };
}

/** The built-in "How to fix" article chunk for a finding kind (cited under vault explanations), if indexed. */
export async function fixArticle(store: Store, kind: string, query: string, search: Search): Promise<AskCitation | null> {
  const doc = `fix-${kind.replace(/_/g, '-')}`;
  const { results } = await search(store, query, { k: 4 });
  const hit = results.find((r) => r.doc === doc) ?? results.find((r) => !r.untrusted);
  return hit ? cite(hit) : null;
}
