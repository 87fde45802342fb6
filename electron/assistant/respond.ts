// One intent → one answer. Refusals and the secret answer are fixed text (no model); vault, item and device answers
// come from the engines' reports; knowledge answers cite retrieved sources; small talk is the only free-form chat.
// A model only ever phrases (intros, knowledge paragraphs, chat) through draft.ts, and is checked there.
import type { ChatTurn } from '../../native';
import { HELP, REFUSAL, SMALL_TALK, secretAnswer } from './answers';
import { writeDraft } from './draft';
import { loadTurns } from './history';
import { chatPrompt } from './prompt';
import { actionRequest } from './respond-action';
import { deviceTopic } from './respond-device';
import { knowledgeTurn } from './respond-knowledge';
import { explainLast, itemStatus, vaultTopic } from './respond-vault';
import type { AskResult, Responded, Turn } from './turn';
import type { Intent } from './understanding';

const fixed = (answer: string): Responded => ({ result: { route: 'chat', answer, citations: [], findings: [], proposals: [] }, next: null });

export async function respond(t: Turn, intent: Intent): Promise<Responded> {
  switch (intent.name) {
    case 'injection':
      return fixed(REFUSAL.injection);
    case 'harmful':
      return fixed(REFUSAL.harmful);
    case 'out_of_scope':
      return fixed(REFUSAL.off_topic);
    case 'secret_request':
      return fixed(secretAnswer(t.store, intent.itemIds, /\b(export|download|dump|file)\b/i.test(t.q)));
    case 'small_talk':
      return smallTalk(t, intent.what);
    case 'finding':
      return vaultTopic(t, intent.kind, intent.scoped);
    case 'count':
    case 'fix_first':
    case 'overview':
      return vaultTopic(t, intent.name, false);
    case 'item_status':
      return itemStatus(t, intent.itemIds, intent.focus);
    case 'device':
      return deviceTopic(t, intent.check);
    case 'explain':
      return explainLast(t);
    case 'knowledge':
    case 'advice': {
      const k = await knowledgeTurn(t, intent.query, t.followUp ? 'followup' : 'knowledge');
      return {
        result: { route: 'knowledge', answer: k.answer, citations: k.citations, findings: [], proposals: [], drafts: k.drafts },
        next: { intent: intent.name, kind: null, itemIds: [], itemId: null, query: intent.query },
      };
    }
    case 'action':
      return actionRequest(t, intent.spec);
    default:
      intent satisfies never;
      return fixed(HELP);
  }
}

async function smallTalk(t: Turn, what: keyof typeof SMALL_TALK): Promise<Responded> {
  // What Bastion can do is a fact about Bastion: the fixed text says it; a model would guess.
  if (what === 'capabilities') return fixed(SMALL_TALK.capabilities);
  if (!t.llm.available) {
    const hint = t.opts.noLlm || what === 'thanks' || what === 'bye' || what === 'ack' ? '' : 'No chat model is set up yet: run `bastion models pull NAME` or `bastion models import FILE` for free-form chat.';
    return fixed([SMALL_TALK[what], hint].filter(Boolean).join('\n\n'));
  }
  const history: ChatTurn[] = t.keepHistory ? loadTurns(t.store, t.conversationId) : [];
  const d = await writeDraft(t, {
    route: 'chat',
    lines: [],
    history,
    build: () => ({ prompt: chatPrompt(t.q), gate: { question: t.q }, meta: null }),
  });
  const result: AskResult = { route: 'chat', answer: d.text ?? SMALL_TALK[what], citations: [], findings: [], proposals: [], drafts: [d.report] };
  return { result, next: null };
}
