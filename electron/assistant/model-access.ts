// The only way `ask` reaches a model: through deps.loadModel(path).generate(req) — in the app a proxy to the model
// worker. Every prompt can be traced (--trace-prompts), and the managed policy is checked before each load.
import { appendFileSync } from 'node:fs';
import type { GenerateRequest, GenerateResult } from '../../native';
import { BastionError } from '../core';
import type { Store } from '../db';
import type { ManagedPolicy } from '../managed';
import { assertModelAllowed, chooseModel, type ResolveModel } from './model-choice';
import type { Prompt } from './prompt';

export interface Generator {
  generate(req: GenerateRequest): Promise<GenerateResult>;
}

export interface ModelAccess {
  /** False with --no-llm or when no model is configured. */
  available: boolean;
  run(prompt: Prompt, extra?: Partial<GenerateRequest>): Promise<GenerateResult>;
}

export interface ModelAccessOptions {
  model?: string;
  noLlm?: boolean;
  env?: NodeJS.ProcessEnv;
  maxTokens?: number;
  signal?: AbortSignal;
  tracePromptsFile?: string;
}

export function modelAccess(store: Store, opts: ModelAccessOptions, deps: { resolveModel: ResolveModel; loadModel(path: string): Promise<Generator> }, policy: ManagedPolicy): ModelAccess {
  const path = chooseModel(store, opts, policy, deps.resolveModel);
  return {
    available: path !== null,
    async run(prompt, extra = {}) {
      if (!path) throw new BastionError('MODEL_ERROR', 'No model is set up: run `bastion models pull NAME` or `bastion models import FILE`, or pass --no-llm.');
      const req: GenerateRequest = { system: prompt.system, user: prompt.user, maxTokens: opts.maxTokens ?? 256, signal: opts.signal, ...extra };
      if (opts.tracePromptsFile) {
        const line = { time: new Date().toISOString(), model: path, system: req.system, history: req.history ?? [], user: req.user, ...(req.jsonSchema ? { jsonSchema: req.jsonSchema } : {}) };
        appendFileSync(opts.tracePromptsFile, `${JSON.stringify(line)}\n`);
      }
      await assertModelAllowed(path, policy);
      const model = await deps.loadModel(path);
      try {
        return await model.generate(req);
      } catch (e) {
        if (e instanceof BastionError) throw e;
        throw new BastionError('MODEL_ERROR', `The model failed to answer: ${(e as Error).message}`, { cause: e });
      }
    },
  };
}
