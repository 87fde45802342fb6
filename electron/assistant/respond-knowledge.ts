// Knowledge answers: the retrieved sources quoted by code, or — with an instruct model — a paragraph it writes from
// them, shown only if it passes the quality gate. The sources listed are the ones the model was given, numbered as it
// saw them, so every [n] in the text points into the list (the gate rejects a number with no source).
import type { ChatTurn } from '../../native';
import { cite, mergeByDoc, NOT_FOUND, quotedAnswer, type AskCitation } from './answers';
import { knowledgePlan } from './context';
import { writeDraft, type DraftReport } from './draft';
import { loadTurns } from './history';
import type { Turn } from './turn';

export interface KnowledgeAnswer {
  answer: string;
  citations: AskCitation[];
  drafts: DraftReport[];
}

/** `query` finds the sources (typo-corrected, or expanded for an incident); the model is asked the person's own words. */
export async function knowledgeTurn(t: Turn, query: string, route: 'knowledge' | 'followup'): Promise<KnowledgeAnswer> {
  const { results } = await t.deps.searchKnowledge(t.store, query, { k: 4 });
  const sources = mergeByDoc(results.slice(0, 4));
  if (sources.length === 0) return { answer: NOT_FOUND, citations: [], drafts: [] };
  const plain = quotedAnswer(sources);
  if (!t.llm.available) return { ...plain, drafts: [] };
  // A follow-up ("and what about SMS?") is read with the conversation so far.
  const history: ChatTurn[] = route === 'followup' && t.keepHistory ? loadTurns(t.store, t.conversationId, 6) : [];
  const d = await writeDraft(t, knowledgePlan(t.q, sources, route, history));
  if (d.text === null || !d.meta) return { ...plain, drafts: [d.report] };
  return { answer: d.text, citations: d.meta.kept.map(cite), drafts: [d.report] };
}
