// Vault answers: one finding kind, counts, priorities, the overview, one item's status, and "why?" — facts from the
// engine's report; a model may only add an intro, shown only if it passes the quality gate.
import type { Finding, FindingKind } from '../vault';
import { explain, fixArticle, itemFacts, scopedFacts, type AskCitation } from './answers';
import { findingItems, introPlan, vaultSupport } from './context';
import { writeDraft, type DraftReport } from './draft';
import { cleanTitle, vaultFacts, type VaultFacts, type VaultTopic } from './facts';
import { deviceTopic } from './respond-device';
import { knowledgeTurn } from './respond-knowledge';
import type { Responded, Turn } from './turn';
import { fixQuery } from './understanding';

async function withIntro(t: Turn, facts: VaultFacts, open: Finding[]): Promise<{ answer: string; drafts: DraftReport[] }> {
  if (!t.llm.available) return { answer: facts.text, drafts: [] };
  const d = await writeDraft(
    t,
    introPlan(t.q, {
      summary: facts.summary,
      numbers: facts.numbers,
      names: [],
      state: open.length > 0 ? 'problems' : 'clean',
      support: vaultSupport(facts.text, open),
      items: findingItems(facts.findings),
      label: 'vault-titles',
      more: (n) => `and ${n.toLocaleString('en-US')} more — see Vault health`,
    }),
  );
  return { answer: [d.text, facts.text].filter(Boolean).join('\n\n'), drafts: [d.report] };
}

const idsOf = (findings: Finding[]) => [...new Set(findings.flatMap((f) => f.items.map((i) => i.id)))];

export async function vaultTopic(t: Turn, topic: VaultTopic, scoped: boolean): Promise<Responded> {
  const report = t.report();
  const scope = scoped && t.state ? t.state.itemIds : null;
  const facts = scope && topic !== 'count' && topic !== 'overview' && topic !== 'fix_first' ? scopedFacts(report, topic, scope) : vaultFacts(report, topic);
  // The counts answer lists no findings, but the vault may have them.
  const open = topic === 'count' ? report.findings : facts.findings;
  const { answer, drafts } = await withIntro(t, facts, open);
  const kind = topic === 'fix_first' ? (facts.findings[0]?.kind ?? null) : topic === 'count' || topic === 'overview' ? null : topic;
  const intent = topic === 'count' || topic === 'overview' || topic === 'fix_first' ? topic : 'finding';
  return {
    result: { route: 'vault', answer, citations: [], findings: facts.findings, proposals: [], drafts },
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
  const first = parts[0]?.findings[0]?.kind ?? null;
  return {
    result: { route: 'vault', answer, citations: [], findings, proposals: [], items: shown.map((id) => ({ id, title: cleanTitle(t.items.get(id)!.title) })) },
    next: { intent: 'item_status', kind: focus ?? first, itemIds: shown, itemId: shown[0] ?? null, query: null },
  };
}

export async function explainLast(t: Turn): Promise<Responded> {
  // "why?" after a device answer: the same checks again, whose reasons are the why.
  if (t.state?.intent === 'device') return deviceTopic(t, t.state.check ?? null);
  const e = explain(t.state, t.report(), t.items);
  if (e.route === 'knowledge' && t.state?.query) {
    const k = await knowledgeTurn(t, t.state.query, 'followup');
    return { result: { route: 'knowledge', answer: k.answer, citations: k.citations, findings: [], proposals: [], drafts: k.drafts }, next: null };
  }
  const citations: AskCitation[] = [];
  let text = e.text;
  if (e.fixKind) {
    const fix = await fixArticle(t.store, e.fixKind, fixQuery(e.fixKind), t.deps.searchKnowledge);
    if (fix) {
      citations.push(fix);
      text += `\n\nHow to fix it:\n${fix.snippet} [1]`;
    }
  }
  return { result: { route: e.route, answer: text, citations, findings: e.findings, proposals: [] }, next: null };
}
