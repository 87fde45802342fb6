// One intent → one answer. Refusals and the secret answer are fixed text (no model); vault and item answers come
// from the report; knowledge answers cite retrieved chunks; small talk is the only free-form chat.
import type { ChatTurn } from '../../native';
import { HELP, knowledgeAnswer, REFUSAL, SMALL_TALK, secretAnswer } from './answers';
import { loadTurns } from './history';
import { chatPrompt } from './prompt';
import { actionRequest } from './respond-action';
import { explainLast, itemStatus, vaultTopic } from './respond-vault';
import type { AskResult, Responded, Turn } from './turn';
import type { Intent } from './understanding';

const fixed = (t: Turn, answer: string): Responded => {
  t.opts.onToken?.(answer);
  return { result: { route: 'chat', answer, citations: [], findings: [], proposals: [] }, next: null };
};

export async function respond(t: Turn, intent: Intent): Promise<Responded> {
  switch (intent.name) {
    case 'injection':
      return fixed(t, REFUSAL.injection);
    case 'harmful':
      return fixed(t, REFUSAL.harmful);
    case 'out_of_scope':
      return fixed(t, REFUSAL.off_topic);
    case 'secret_request':
      return fixed(t, secretAnswer(t.store, intent.itemIds, /\b(export|download|dump|file)\b/i.test(t.q)));
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
    case 'explain':
      return explainLast(t);
    case 'knowledge':
    case 'advice': {
      const k = await knowledgeAnswer(t.store, t.q, intent.query, t.deps.searchKnowledge, t.llm, t.opts.onToken);
      return {
        result: { route: 'knowledge', answer: k.answer, citations: k.citations, findings: [], proposals: [] },
        next: { intent: intent.name, kind: null, itemIds: [], itemId: null, query: intent.query },
      };
    }
    case 'action':
      return actionRequest(t, intent.spec);
    default:
      intent satisfies never;
      return fixed(t, HELP);
  }
}

async function smallTalk(t: Turn, what: keyof typeof SMALL_TALK): Promise<Responded> {
  if (!t.llm.available) {
    const hint = t.opts.noLlm || what === 'thanks' || what === 'bye' || what === 'ack' ? '' : 'No chat model is set up yet: run `bastion models pull NAME` or `bastion models import FILE` for free-form chat.';
    return fixed(t, [SMALL_TALK[what], hint].filter(Boolean).join('\n\n'));
  }
  const history: ChatTurn[] = t.keepHistory ? loadTurns(t.store, t.conversationId) : [];
  const r = await t.llm.run(chatPrompt(t.q), { history, onTextChunk: t.opts.onToken });
  const result: AskResult = { route: 'chat', answer: `${r.text.trim()}${r.aborted ? ' …(stopped)' : ''}`, citations: [], findings: [], proposals: [] };
  return { result, next: null };
}
