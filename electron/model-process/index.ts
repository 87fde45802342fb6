import { z } from 'zod';
import { BastionError, ERROR_CODES, type ErrorCode } from '../core';
import type { GenerateRequest, GenerateResult, ModelKind } from '../../native/llm';

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

/** Texts one count request may carry (a 10,000-item vault's fact lines fit). */
export const MAX_COUNT_TEXTS = 50_000;

/** What main needs to plan a prompt: the model's kind (instruct or base) and window; null where it cannot tell. */
const Description = z.object({ kind: z.enum(['instruct', 'base']).nullable(), contextSize: z.number().int().positive().nullable() });
export type ModelDescription = z.infer<typeof Description>;

export const ToModelProcess = z.discriminatedUnion('type', [
  z.object({ type: z.literal('generate'), id: z.string(), model: z.string(), request: WireRequest, stream: z.boolean() }),
  z.object({ type: z.literal('stop'), id: z.string() }),
  z.object({ type: z.literal('describe'), id: z.string(), model: z.string() }),
  z.object({ type: z.literal('count'), id: z.string(), model: z.string(), texts: z.array(z.string()).max(MAX_COUNT_TEXTS) }),
]);
export const FromModelProcess = z.discriminatedUnion('type', [
  z.object({ type: z.literal('token'), id: z.string(), delta: z.string() }),
  z.object({ type: z.literal('done'), id: z.string(), result: z.object({ text: z.string(), aborted: z.boolean() }).loose() }),
  z.object({ type: z.literal('described'), id: z.string(), info: Description }),
  // null: the loaded model cannot count (main then plans with an over-estimate).
  z.object({ type: z.literal('counted'), id: z.string(), counts: z.array(z.number().int().min(0)).nullable() }),
  z.object({ type: z.literal('error'), id: z.string(), error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }) }),
]);
export type ToModelProcessMsg = z.infer<typeof ToModelProcess>;
export type FromModelProcessMsg = z.infer<typeof FromModelProcess>;

export interface MsgPort<In, Out> {
  post(msg: Out): void;
  onMessage(listener: (msg: In) => void): void;
}

/** What generates text: a loaded model (native's LlmRuntime fits; its kind, window and tokenizer are optional). */
export interface Generator {
  generate(req: GenerateRequest): Promise<GenerateResult>;
  readonly kind?: ModelKind;
  readonly contextSize?: number;
  countTokens?(text: string): number;
}

/** A model in the model process, seen from main: generation, plus its description and token counts on request. */
export interface RemoteGenerator {
  generate(req: GenerateRequest): Promise<GenerateResult>;
  describe(): Promise<ModelDescription>;
  /** The model's own token count of each text, in one round trip; null when the model process cannot count. */
  countTokensMany(texts: readonly string[]): Promise<number[] | null>;
}

/** Main side: a model loader whose models run in the model process. */
export function connectModelProcess(port: MsgPort<unknown, ToModelProcessMsg>): (modelPath: string) => Promise<RemoteGenerator> {
  let next = 0;
  interface Pending {
    onToken?: (d: string) => void;
    resolve: (m: FromModelProcessMsg) => void;
    reject: (e: unknown) => void;
  }
  const pending = new Map<string, Pending>();
  port.onMessage((raw) => {
    const parsed = FromModelProcess.safeParse(raw);
    if (!parsed.success) return; // a broken model process never reaches the user as garbage
    const msg = parsed.data;
    const p = pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'token') p.onToken?.(msg.delta);
    else {
      pending.delete(msg.id);
      if (msg.type === 'error') p.reject(new BastionError(msg.error.code, msg.error.message));
      else p.resolve(msg);
    }
  });
  /** Sends one request and waits for its answer of the expected type (any other type is a protocol error). */
  function request<T extends FromModelProcessMsg['type']>(want: T, msg: ToModelProcessMsg, onToken?: (d: string) => void): Promise<Extract<FromModelProcessMsg, { type: T }>> {
    return new Promise((resolve, reject) => {
      pending.set(msg.id, {
        ...(onToken ? { onToken } : {}),
        resolve: (m) => (m.type === want ? resolve(m as Extract<FromModelProcessMsg, { type: T }>) : reject(new BastionError('MODEL_ERROR', `The model process answered ${m.type} to a ${msg.type} request.`))),
        reject,
      });
      port.post(msg);
    });
  }
  return async (modelPath) => ({
    async generate(req) {
      const id = `g${++next}`;
      const { signal, onTextChunk, ...wire } = req;
      signal?.addEventListener('abort', () => port.post({ type: 'stop', id }), { once: true });
      const msg = await request('done', { type: 'generate', id, model: modelPath, request: wire as z.infer<typeof WireRequest>, stream: Boolean(onTextChunk) }, onTextChunk);
      return msg.result as unknown as GenerateResult;
    },
    async describe() {
      return (await request('described', { type: 'describe', id: `d${++next}`, model: modelPath })).info;
    },
    async countTokensMany(texts) {
      const out: number[] = [];
      for (let i = 0; i < texts.length; i += MAX_COUNT_TEXTS) {
        const msg = await request('counted', { type: 'count', id: `c${++next}`, model: modelPath, texts: texts.slice(i, i + MAX_COUNT_TEXTS) });
        if (!msg.counts) return null;
        out.push(...msg.counts);
      }
      return out;
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
    if (msg.type === 'describe' || msg.type === 'count') {
      try {
        const model = await load(msg.model);
        if (msg.type === 'describe') port.post({ type: 'described', id: msg.id, info: { kind: model.kind ?? null, contextSize: model.contextSize ?? null } });
        else port.post({ type: 'counted', id: msg.id, counts: model.countTokens ? msg.texts.map((t) => model.countTokens!(t)) : null });
      } catch (e) {
        port.post({ type: 'error', id: msg.id, error: errorOf(e) });
      }
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
