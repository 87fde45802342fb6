import { z } from 'zod';
import { BastionError, ERROR_CODES, type ErrorCode } from '../core';
import type { GenerateRequest, GenerateResult } from '../../native/llm';

// The desktop app runs the model in a separate process that only GENERATES: it never opens the store, reads the
// install key or writes the audit log. Main sends a model path and a prompt; tokens stream back; main decides
// everything else. This file is the message protocol both ends speak, written against a minimal port so it is
// tested with a plain MessageChannel.

/** A generation as it crosses the process boundary: the request without its callbacks (signal, onTextChunk). */
const WireRequest = z
  .object({
    system: z.string(),
    user: z.string(),
    history: z.array(z.object({ role: z.enum(['user', 'assistant']), text: z.string() })).optional(),
    maxTokens: z.number().int().positive().optional(),
    jsonSchema: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

export const ToModelProcess = z.discriminatedUnion('type', [
  z.object({ type: z.literal('generate'), id: z.string(), model: z.string(), request: WireRequest, stream: z.boolean() }),
  z.object({ type: z.literal('stop'), id: z.string() }),
]);
export const FromModelProcess = z.discriminatedUnion('type', [
  z.object({ type: z.literal('token'), id: z.string(), delta: z.string() }),
  z.object({ type: z.literal('done'), id: z.string(), result: z.object({ text: z.string(), aborted: z.boolean() }).loose() }),
  z.object({ type: z.literal('error'), id: z.string(), error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }) }),
]);
export type ToModelProcessMsg = z.infer<typeof ToModelProcess>;
export type FromModelProcessMsg = z.infer<typeof FromModelProcess>;

export interface MsgPort<In, Out> {
  post(msg: Out): void;
  onMessage(listener: (msg: In) => void): void;
}

/** What generates text: a loaded model (native's LlmRuntime fits). */
export interface Generator {
  generate(req: GenerateRequest): Promise<GenerateResult>;
}

/** Main side: a model loader whose models run in the model process. */
export function connectModelProcess(port: MsgPort<unknown, ToModelProcessMsg>): (modelPath: string) => Promise<Generator> {
  let next = 0;
  const pending = new Map<string, { onToken?: (d: string) => void; resolve: (r: GenerateResult) => void; reject: (e: unknown) => void }>();
  port.onMessage((raw) => {
    const parsed = FromModelProcess.safeParse(raw);
    if (!parsed.success) return; // a broken model process never reaches the user as garbage
    const msg = parsed.data;
    const p = pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'token') p.onToken?.(msg.delta);
    else {
      pending.delete(msg.id);
      if (msg.type === 'done') p.resolve(msg.result as unknown as GenerateResult);
      else p.reject(new BastionError(msg.error.code, msg.error.message));
    }
  });
  return async (modelPath) => ({
    generate(req) {
      const id = `g${++next}`;
      const { signal, onTextChunk, ...wire } = req;
      return new Promise<GenerateResult>((resolve, reject) => {
        pending.set(id, { ...(onTextChunk ? { onToken: onTextChunk } : {}), resolve, reject });
        signal?.addEventListener('abort', () => port.post({ type: 'stop', id }), { once: true });
        port.post({ type: 'generate', id, model: modelPath, request: wire as z.infer<typeof WireRequest>, stream: Boolean(onTextChunk) });
      });
    },
  });
}

/** Model-process side: serves generations with models loaded by `load` (one per path, kept warm). */
export function serveModelProcess(port: MsgPort<unknown, FromModelProcessMsg>, load: (modelPath: string) => Promise<Generator>): void {
  const ctls = new Map<string, AbortController>();
  port.onMessage(async (raw) => {
    const parsed = ToModelProcess.safeParse(raw);
    if (!parsed.success) return;
    const msg = parsed.data;
    if (msg.type === 'stop') {
      ctls.get(msg.id)?.abort();
      return;
    }
    const ctl = new AbortController();
    ctls.set(msg.id, ctl);
    try {
      const model = await load(msg.model);
      const result = await model.generate({
        ...(msg.request as GenerateRequest),
        signal: ctl.signal,
        ...(msg.stream ? { onTextChunk: (delta: string) => port.post({ type: 'token', id: msg.id, delta }) } : {}),
      });
      port.post({ type: 'done', id: msg.id, result: { ...result } });
    } catch (e) {
      port.post({ type: 'error', id: msg.id, error: errorOf(e) });
    } finally {
      ctls.delete(msg.id);
    }
  });
}

function errorOf(e: unknown): { code: ErrorCode; message: string } {
  if (e instanceof BastionError) return { code: e.code, message: e.message };
  return { code: 'MODEL_ERROR', message: `The model failed to answer: ${(e as Error)?.message ?? String(e)}` };
}
