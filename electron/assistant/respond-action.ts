// Action requests: the deterministic plan first; the model only fills an item the message did not pin down.
import { ACTION_INFO } from '../permissions';
import { modelFill, planAction, submitPlanned, type Proposed } from './actions';
import { cleanTitle, line, rankFindings } from './facts';
import { ROUTE_OF_ACTION, type Responded, type Turn } from './turn';
import type { ActionSpec } from './understanding';

export async function actionRequest(t: Turn, spec: ActionSpec): Promise<Responded> {
  const plan = planAction(spec, { report: () => t.report(), state: t.state, items: t.items, maxBatch: t.maxBatch, now: t.opts.now ?? new Date() });
  let proposed: Proposed = { list: [], notes: [] };
  if (plan.requests.length) proposed = await submitPlanned(t.store, plan.requests, t.q, t.conversationId, t.deps.submitProposal);
  else if (plan.unresolved && t.llm.available) {
    const report = t.report();
    const pool = spec.kind ? report.findings.filter((f) => f.kind === spec.kind) : rankFindings(report.findings);
    const fromFindings = pool.flatMap((f) => f.items);
    const logins = [...t.items.values()].filter((i) => i.kind === 'login').map((i) => ({ id: i.id, title: i.title }));
    const seen = new Set<string>();
    const candidates = [...fromFindings, ...logins].filter((c) => !seen.has(c.id) && seen.add(c.id)).slice(0, 20).map((c) => ({ id: c.id, title: cleanTitle(c.title) }));
    proposed = await modelFill(t.store, t.q, spec, candidates, t.llm, t.conversationId, t.deps.submitProposal);
  }
  const named: string[] = [];
  const facts = plan.findings.map((f) => line(f, undefined, named));
  const exportPath = plan.requests[0]?.action === 'export_report' ? `: ${String(plan.requests[0].args.path)} (${String(plan.requests[0].args.format).toUpperCase()})` : '';
  const heading = `${ACTION_INFO[spec.action].title}${plan.itemIds.length && !plan.findings.length ? `: ${plan.itemIds.map((id) => cleanTitle(t.items.get(id)?.title ?? id)).join(', ')}` : exportPath}.`;
  const notes = [plan.note, ...proposed.notes].filter(Boolean);
  const answer = [proposed.list.length ? heading : null, facts.length ? facts.join('\n') : null, ...notes].filter(Boolean).join('\n\n') || heading;
  const made = [...new Set(proposed.list.flatMap((p) => [p.args.itemId, ...(Array.isArray(p.args.itemIds) ? p.args.itemIds : [])]).filter((x): x is string => typeof x === 'string'))];
  const itemIds = made.length ? made : plan.itemIds;
  return {
    result: { route: ROUTE_OF_ACTION[spec.action], answer, citations: [], findings: plan.findings, proposals: proposed.list, ...(proposed.fallback ? { fallback: proposed.fallback } : {}) },
    next: {
      intent: 'action',
      kind: plan.kind ?? t.state?.kind ?? null,
      itemIds: itemIds.length ? itemIds : (t.state?.itemIds ?? []),
      itemId: itemIds.length === 1 ? itemIds[0]! : (t.state?.itemId ?? null),
      query: null,
    },
  };
}
