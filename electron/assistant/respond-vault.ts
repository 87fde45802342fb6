// Vault answers: one finding kind, counts, priorities, the overview, one item's status, and "why?" — facts from the
// engine's report; a model may only add an intro, kept only if it passes the fact check.
import type { Finding, FindingKind } from '../vault';
import { explain, fixArticle, itemFacts, knowledgeAnswer, scopedFacts, type AskCitation } from './answers';
import { checkIntro, cleanTitle, vaultFacts, type VaultFacts, type VaultTopic } from './facts';
import { vaultPrompt } from './prompt';
import type { Responded, Turn } from './turn';
import { fixQuery } from './understanding';

async function withIntro(t: Turn, facts: VaultFacts): Promise<string> {
  let intro: string | null = null;
  if (t.llm.available) {
    // Not streamed live: the intro is only shown if it passes the fact check.
    const r = await t.llm.run(vaultPrompt(t.q, facts), { maxTokens: Math.min(t.opts.maxTokens ?? 96, 96) });
    if (!r.aborted) intro = checkIntro(r.text, facts);
  }
  const answer = [intro, facts.text].filter(Boolean).join('\n\n');
  t.opts.onToken?.(answer);
  return answer;
}

const idsOf = (findings: Finding[]) => [...new Set(findings.flatMap((f) => f.items.map((i) => i.id)))];

export async function vaultTopic(t: Turn, topic: VaultTopic, scoped: boolean): Promise<Responded> {
  const report = t.report();
  const scope = scoped && t.state ? t.state.itemIds : null;
  const facts = scope && topic !== 'count' && topic !== 'overview' && topic !== 'fix_first' ? scopedFacts(report, topic, scope) : vaultFacts(report, topic);
  const answer = await withIntro(t, facts);
  const kind = topic === 'fix_first' ? (facts.findings[0]?.kind ?? null) : topic === 'count' || topic === 'overview' ? null : topic;
  const intent = topic === 'count' || topic === 'overview' || topic === 'fix_first' ? topic : 'finding';
  return {
    result: { route: 'vault', answer, citations: [], findings: facts.findings, proposals: [] },
    next: { intent, kind, itemIds: idsOf(facts.findings), itemId: null, query: null },
  };
}

export async function itemStatus(t: Turn, itemIds: string[], focus: FindingKind | null): Promise<Responded> {
  const report = t.report();
  const shown = itemIds.slice(0, 3);
  const parts = shown.map((id) => itemFacts(report, t.items.get(id)!, focus));
  const findings: Finding[] = [];
  for (const p of parts) for (const f of p.findings) if (!findings.includes(f)) findings.push(f);
  const more = itemIds.length > shown.length ? `\n\n(${itemIds.length - shown.length} more items match; name one to see it.)` : '';
  const answer = `${parts.map((p) => p.text).join('\n\n')}${more}`;
  t.opts.onToken?.(answer);
  const first = parts[0]?.findings[0]?.kind ?? null;
  return {
    result: { route: 'vault', answer, citations: [], findings, proposals: [], items: shown.map((id) => ({ id, title: cleanTitle(t.items.get(id)!.title) })) },
    next: { intent: 'item_status', kind: focus ?? first, itemIds: shown, itemId: shown[0] ?? null, query: null },
  };
}

export async function explainLast(t: Turn): Promise<Responded> {
  const e = explain(t.state, t.report(), t.items);
  if (e.route === 'knowledge' && t.state?.query) {
    const k = await knowledgeAnswer(t.store, t.q, t.state.query, t.deps.searchKnowledge, t.llm, t.opts.onToken);
    return { result: { route: 'knowledge', answer: k.answer, citations: k.citations, findings: [], proposals: [] }, next: null };
  }
  const citations: AskCitation[] = [];
  let text = e.text;
  if (e.fixKind) {
    const fix = await fixArticle(t.store, e.fixKind, fixQuery(e.fixKind), t.deps.searchKnowledge);
    if (fix) {
      citations.push(fix);
      text += `\n\nHow to fix it — ${fix.title}:\n${fix.snippet}`;
    }
  }
  t.opts.onToken?.(text);
  return { result: { route: e.route, answer: text, citations, findings: e.findings, proposals: [] }, next: null };
}
