// "Is my laptop secure?", "do I have unencrypted ssh keys?": answered from the device-health report (read-only
// checks of this computer). Code decides what is said; a model may add a one- or two-sentence intro, gated like a
// vault intro. Fixes are not proposed here: they start from Device health, where each names its exact file.
import { deviceFacts } from './answers';
import { introPlan } from './context';
import { writeDraft, type DraftReport } from './draft';
import type { Responded, Turn } from './turn';
import type { CheckId } from '../vocabulary';

export async function deviceTopic(t: Turn, check: CheckId | null): Promise<Responded> {
  const facts = deviceFacts(await t.deps.deviceHealth(t.store), check);
  const drafts: DraftReport[] = [];
  let intro: string | null = null;
  if (t.llm.available && facts.checks.length) {
    const d = await writeDraft(t, introPlan(t.q, { summary: facts.summary, support: facts.text, numbers: facts.numbers, names: facts.names, ...(facts.state ? { state: facts.state } : {}), items: [], label: 'device-checks', more: () => '' }));
    drafts.push(d.report);
    intro = d.text;
  }
  return {
    result: { route: 'device', answer: [intro, facts.text].filter(Boolean).join('\n\n'), citations: facts.citations, findings: [], proposals: [], drafts },
    next: { intent: 'device', kind: null, itemIds: [], itemId: null, query: null, check },
  };
}
