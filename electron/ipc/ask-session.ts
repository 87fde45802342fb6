import { BastionError } from '../core';
import type { AskResultT } from './contract';
import type { Emit } from './events';

// Runs questions off the request path and streams tokens as small delta events. One run per conversation at a
// time; ask:stop aborts it. The renderer mints the conversation id, so even the first answer's first token is
// addressed to an id it already knows (an id minted here would arrive after the tokens of a fast runner).

export interface AskRunOptions {
  conversationId: string;
  noLlm?: boolean;
  onToken: (delta: string) => void;
  signal: AbortSignal;
}
export interface AskRunner {
  run(question: string, opts: AskRunOptions): Promise<AskResultT>;
}

export interface AskSessions {
  start(question: string, opts: { conversationId: string; noLlm?: boolean }): { conversationId: string };
  stop(conversationId: string): boolean;
  /** Resolves when the conversation's current run has finished (tests and shutdown). */
  idle(conversationId: string): Promise<void>;
}

export function createAskSessions(runner: AskRunner, emit: Emit): AskSessions {
  const running = new Map<string, { ctl: AbortController; done: Promise<void> }>();
  return {
    start(question, opts) {
      const { conversationId } = opts;
      if (running.has(conversationId)) throw new BastionError('CONFLICT', 'This conversation is still answering; stop it or wait.');
      const ctl = new AbortController();
      const done = (async () => {
        try {
          const result = await runner.run(question, {
            conversationId,
            noLlm: opts.noLlm,
            signal: ctl.signal,
            onToken: (delta) => {
              if (!ctl.signal.aborted && delta) emit('ask:token', { conversationId, delta });
            },
          });
          if (ctl.signal.aborted) emit('ask:error', { conversationId, error: { code: 'CANCELLED', message: 'Stopped.' } });
          else emit('ask:done', { conversationId, result });
        } catch (e) {
          const error =
            ctl.signal.aborted
              ? { code: 'CANCELLED' as const, message: 'Stopped.' }
              : e instanceof BastionError
                ? { code: e.code, message: e.message }
                : { code: 'INTERNAL' as const, message: 'The assistant failed; details are in the local log.' };
          emit('ask:error', { conversationId, error });
        } finally {
          running.delete(conversationId);
        }
      })();
      running.set(conversationId, { ctl, done });
      return { conversationId };
    },
    stop(conversationId) {
      const r = running.get(conversationId);
      if (!r) return false;
      r.ctl.abort();
      return true;
    },
    async idle(conversationId) {
      await running.get(conversationId)?.done;
    },
  };
}
