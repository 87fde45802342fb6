// The only way `ask` reaches a model: through deps.loadModel(path) — in the app a proxy to the model process. The
// managed policy is checked before each load, and every call can be traced (--trace-prompts): one JSON line per
// call with the exact prompt, the settings, how generation ended and the verdict on what it wrote.
import { appendFileSync } from 'node:fs';
import type { GenerateRequest, GenerateResult, ModelKind } from '../../native';
import { BastionError } from '../core';
import type { Store } from '../db';
import type { ManagedPolicy } from '../managed';
import { tokenEstimate } from '../quality';
import { assertModelAllowed, chooseModel, type ResolveModel } from './model-choice';
import type { Prompt } from './prompt';

/**
 * A loaded model. In this process it is native's LlmRuntime (kind, window and tokenizer as fields); across the
 * model-process boundary it is a proxy that describes the model and counts tokens on request.
 */
export interface Generator {
  generate(req: GenerateRequest): Promise<GenerateResult>;
  readonly kind?: ModelKind;
  readonly contextSize?: number;
  countTokens?(text: string): number;
  describe?(): Promise<{ kind: ModelKind | null; contextSize: number | null }>;
  countTokensMany?(texts: readonly string[]): Promise<number[] | null>;
}

export interface ModelInfo {
  kind: ModelKind;
  contextSize: number;
  /** The model's own token count of each text (an over-estimate when the loader cannot count). */
  count(texts: readonly string[]): Promise<number[]>;
}

/** What a trace line records about the output: whether it was used, and why not. */
export interface Verdict {
  ok: boolean;
  reasons: string[];
}

export interface ModelAccess {
  /** False with --no-llm or when no model is configured. */
  available: boolean;
  /** Loads the model (policy first) and says what it is. */
  info(): Promise<ModelInfo>;
  /** One generation; `judge` decides the verdict written to the trace line (the caller gets it back). */
  run(prompt: Prompt, extra?: Partial<GenerateRequest> & { route?: string }, judge?: (r: GenerateResult) => Verdict): Promise<GenerateResult & { verdict?: Verdict }>;
}

export interface ModelAccessOptions {
  model?: string;
  noLlm?: boolean;
  env?: NodeJS.ProcessEnv;
  maxTokens?: number;
  signal?: AbortSignal;
  tracePromptsFile?: string;
}

// A generator that does not say (a test double) is taken as an instruct model with the runtime's default window;
// both real loaders (the runtime and the model-process proxy) report both.
const DEFAULT_CONTEXT = 4096;

async function describe(model: Generator): Promise<ModelInfo> {
  const d = model.describe ? await model.describe() : { kind: model.kind ?? null, contextSize: model.contextSize ?? null };
  const estimate = (texts: readonly string[]) => texts.map(tokenEstimate);
  const count = model.countTokens
    ? async (texts: readonly string[]) => texts.map((t) => model.countTokens!(t))
    : model.countTokensMany
      ? async (texts: readonly string[]) => (texts.length ? ((await model.countTokensMany!(texts)) ?? estimate(texts)) : [])
      : async (texts: readonly string[]) => estimate(texts);
  return { kind: d.kind ?? 'instruct', contextSize: d.contextSize ?? DEFAULT_CONTEXT, count };
}

export function modelAccess(store: Store, opts: ModelAccessOptions, deps: { resolveModel: ResolveModel; loadModel(path: string): Promise<Generator> }, policy: ManagedPolicy): ModelAccess {
  const path = chooseModel(store, opts, policy, deps.resolveModel);
  let info: Promise<ModelInfo> | undefined;
  let loaded: Promise<Generator> | undefined;
  // Loaded once per question (policy checked first); a failed load is retried by the next call.
  const load = (): Promise<Generator> => {
    loaded ??= (async () => {
      if (!path) throw new BastionError('MODEL_ERROR', 'No model is set up: run `bastion models pull NAME` or `bastion models import FILE`, or pass --no-llm.');
      await assertModelAllowed(path, policy);
      return deps.loadModel(path);
    })();
    loaded.catch(() => (loaded = undefined));
    return loaded;
  };
  const trace = (line: Record<string, unknown>) => {
    if (opts.tracePromptsFile) appendFileSync(opts.tracePromptsFile, `${JSON.stringify({ time: new Date().toISOString(), model: path, ...line })}\n`);
  };
  return {
    available: path !== null,
    info() {
      info ??= load().then(describe);
      info.catch(() => (info = undefined));
      return info;
    },
    async run(prompt, extra = {}, judge) {
      const { route, signal, ...rest } = extra;
      // The user's stop (opts.signal) and the caller's own (a loop detected while streaming) both end generation.
      const signals = [opts.signal, signal].filter((s): s is AbortSignal => s !== undefined);
      const req: GenerateRequest = {
        system: prompt.system,
        user: prompt.user,
        maxTokens: opts.maxTokens ?? 256,
        ...rest,
        ...(signals.length ? { signal: signals.length === 1 ? signals[0]! : AbortSignal.any(signals) } : {}),
      };
      const line = {
        ...(route ? { route } : {}),
        system: req.system,
        history: req.history ?? [],
        user: req.user,
        settings: { mode: req.mode ?? null, maxTokens: req.maxTokens, temperature: req.temperature ?? 0, repeatPenalty: req.repeatPenalty ?? null, stop: req.stop ?? [] },
        ...(req.jsonSchema ? { jsonSchema: req.jsonSchema } : {}),
      };
      let result: GenerateResult;
      try {
        const model = await load();
        result = await model.generate(req);
      } catch (e) {
        trace({ ...line, error: (e as Error).message });
        if (e instanceof BastionError) throw e;
        throw new BastionError('MODEL_ERROR', `The model failed to answer: ${(e as Error).message}`, { cause: e });
      }
      const verdict = judge?.(result);
      trace({
        ...line,
        output: { text: result.text, stopReason: result.stopReason, promptTokens: result.promptTokens, generatedTokens: result.generatedTokens, mode: result.mode ?? null },
        ...(verdict ? { verdict } : {}),
      });
      return verdict ? { ...result, verdict } : result;
    },
  };
}
