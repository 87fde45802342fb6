import { conversations } from '../../usecases';
import type { HandlerDeps, Handlers } from './deps';

export function conversationHandlers({ ctx }: HandlerDeps): Handlers<'conversations:list' | 'conversations:messages' | 'conversations:rename' | 'conversations:delete' | 'conversations:clear'> {
  return {
    'conversations:list': () => conversations.list(ctx),
    'conversations:messages': (req) => conversations.messages(ctx, req.id),
    'conversations:rename': (req) => conversations.rename(ctx, req.id, req.title),
    'conversations:delete': (req) => conversations.remove(ctx, req.id),
    'conversations:clear': () => conversations.clear(ctx),
  };
}
