import { z } from 'zod';
import { BastionError, ERROR_CODES } from '../core';
import type { AskRunner } from './ask-session';
import { AskResult, type AskResultT } from './contract';

// LLM work off the main process: the desktop app runs questions in an Electron utilityProcess; this file is the
// message protocol both ends speak, written against a minimal port so it is tested with a plain MessageChannel.

export const ToWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ask'), id: z.string(), question: z.string(), conversationId: z.string(), noLlm: z.boolean().optional() }),
  z.object({ type: z.literal('stop'), id: z.string() }),
]);
export const FromWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('token'), id: z.string(), delta: z.string() }),
  z.object({ type: z.literal('done'), id: z.string(), result: AskResult }),
  z.object({ type: z.literal('error'), id: z.string(), error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }) }),
]);
export type ToWorkerMsg = z.infer<typeof ToWorker>;
export type FromWorkerMsg = z.infer<typeof FromWorker>;

export interface MsgPort<In, Out> {
  post(msg: Out): void;
  onMessage(listener: (msg: In) => void): void;
}

/** Main side: an AskRunner whose runs happen in the worker. */
export function createWorkerAskRunner(port: MsgPort<unknown, ToWorkerMsg>): AskRunner {
  let next = 0;
  const pending = new Map<string, { onToken: (d: string) => void; resolve: (r: AskResultT) => void; reject: (e: unknown) => void }>();
  port.onMessage((raw) => {
    const parsed = FromWorker.safeParse(raw);
    if (!parsed.success) return; // a worker bug never reaches the renderer
    const msg = parsed.data;
    const p = pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'token') p.onToken(msg.delta);
    else {
      pending.delete(msg.id);
      if (msg.type === 'done') p.resolve(msg.result);
      else p.reject(new BastionError(msg.error.code, msg.error.message));
    }
  });
  return {
    run(question, opts) {
      const id = `q${++next}`;
      return new Promise<AskResultT>((resolve, reject) => {
        pending.set(id, { onToken: opts.onToken, resolve, reject });
        opts.signal.addEventListener('abort', () => port.post({ type: 'stop', id }), { once: true });
        port.post({ type: 'ask', id, question, conversationId: opts.conversationId, ...(opts.noLlm !== undefined ? { noLlm: opts.noLlm } : {}) });
      });
    },
  };
}

/** Worker side: serves questions with the given runner (the assistant over the worker's own store connection). */
export function serveAskWorker(port: MsgPort<unknown, FromWorkerMsg>, runner: AskRunner): void {
  const ctls = new Map<string, AbortController>();
  port.onMessage(async (raw) => {
    const parsed = ToWorker.safeParse(raw);
    if (!parsed.success) return;
    const msg = parsed.data;
    if (msg.type === 'stop') {
      ctls.get(msg.id)?.abort();
      return;
    }
    const ctl = new AbortController();
    ctls.set(msg.id, ctl);
    try {
      const result = await runner.run(msg.question, {
        conversationId: msg.conversationId,
        ...(msg.noLlm !== undefined ? { noLlm: msg.noLlm } : {}),
        signal: ctl.signal,
        onToken: (delta) => port.post({ type: 'token', id: msg.id, delta }),
      });
      port.post({ type: 'done', id: msg.id, result });
    } catch (e) {
      const error = e instanceof BastionError ? { code: e.code, message: e.message } : { code: 'INTERNAL' as const, message: 'The assistant failed; details are in the local log.' };
      port.post({ type: 'error', id: msg.id, error });
    } finally {
      ctls.delete(msg.id);
    }
  });
}
