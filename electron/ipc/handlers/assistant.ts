import { assistant } from '../../usecases';
import { createAskSessions, type AskRunner, type AskSessions } from '../ask-session';
import { AskResult } from '../contract';
import type { Emit } from '../events';
import type { HandlerDeps, Handlers } from './deps';

/** Questions run in this process (routing, facts, proposals); only generation goes to the model process. */
export function askSessions(deps: Pick<HandlerDeps, 'ctx' | 'loadModel'>, emit: Emit): AskSessions {
  const runner: AskRunner = {
    run: async (question, o) =>
      AskResult.parse(
        await assistant.ask(deps.ctx, {
          question,
          conversationId: o.conversationId,
          ...(o.noLlm !== undefined ? { noLlm: o.noLlm } : {}),
          onToken: o.onToken,
          signal: o.signal,
          ...(deps.loadModel ? { loadModel: deps.loadModel } : {}),
        }),
      ),
  };
  return createAskSessions(runner, emit);
}

export function assistantHandlers({ sessions }: HandlerDeps): Handlers<'ask:start' | 'ask:stop'> {
  return {
    'ask:start': (req) => sessions.start(req.question, { conversationId: req.conversationId, ...(req.noLlm !== undefined ? { noLlm: req.noLlm } : {}) }),
    'ask:stop': (req) => ({ stopped: sessions.stop(req.conversationId) }),
  };
}
