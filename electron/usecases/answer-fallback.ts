import type { AskResult, Generator } from '../assistant';
import { resolveModelPath } from '../../models';
import type { UseCaseContext } from './context';
import { fallback, type Fallback } from './fallback';

// What the model did for one answer, seen from outside the engine: every generation goes through the loader the use
// case passes in (so this layer knows which model was asked), and the engine reports each draft's fate (used,
// rejected by the quality gate, skipped for a base model).

export interface GenerationWatch {
  loadModel(path: string): Promise<Generator>;
  /** Whether any model was asked to generate. */
  readonly asked: boolean;
  /** The model that wrote free text, if it was asked (null: none was). */
  readonly wrotePath: string | null;
}

export function watchGenerations(load: (path: string) => Promise<Generator>): GenerationWatch {
  let asked = false;
  let wrotePath: string | null = null;
  return {
    async loadModel(path) {
      const model = await load(path);
      // The model's kind, window and tokenizer pass through: the engine packs prompts and picks settings with them.
      return {
        ...(model.kind ? { kind: model.kind } : {}),
        ...(model.contextSize ? { contextSize: model.contextSize } : {}),
        ...(model.countTokens ? { countTokens: (text: string) => model.countTokens!(text) } : {}),
        ...(model.describe ? { describe: () => model.describe!() } : {}),
        ...(model.countTokensMany ? { countTokensMany: (texts: readonly string[]) => model.countTokensMany!(texts) } : {}),
        async generate(req) {
          asked = true;
          const out = await model.generate(req);
          if (!req.jsonSchema) wrotePath = path;
          return out;
        },
      };
    },
    get asked() {
      return asked;
    },
    get wrotePath() {
      return wrotePath;
    },
  };
}

/** The model whose text reached the answer (the engine says which drafts were shown), or null. */
export function answeredBy(watch: GenerationWatch, result: AskResult): string | null {
  return (result.drafts ?? []).some((d) => d.status === 'used') ? watch.wrotePath : null;
}

export interface AnswerRequest {
  noLlm?: boolean;
  model?: string;
}

const ENGINE_MESSAGES: Record<NonNullable<AskResult['fallback']>, Fallback> = {
  quality: fallback('model_rejected', "Answered from Bastion's engine; the model's draft did not pass checks."),
  too_large: fallback('model_rejected', "Answered from Bastion's engine; the question's context did not fit the model's window."),
  base_model: fallback(
    'no_model',
    "Answered from Bastion's engine: the model in use is a base model (no chat template), which only phrases short intros. An instruct model (such as smollm2-135m-instruct) writes answers.",
  ),
  invalid: fallback('model_rejected', "The model's output did not pass Bastion's checks (invalid), so this answer uses Bastion's own facts and wording."),
  family_mismatch: fallback('model_rejected', "The model's output did not pass Bastion's checks (family_mismatch), so this answer uses Bastion's own facts and wording."),
};

/** The model side of an answer's fallback: a draft not used (and why), or no model set up at all. */
export function modelFallback(ctx: UseCaseContext, req: AnswerRequest, watch: GenerationWatch, result: AskResult): Fallback | null {
  if (result.fallback) return ENGINE_MESSAGES[result.fallback];
  if (req.noLlm || watch.asked) return null;
  const configured = ctx.settings().models.pinnedModel ?? resolveModelPath({ ...(req.model ? { flag: ctx.path(req.model) } : {}), env: ctx.env, dataDir: ctx.dataDir });
  if (configured) return null;
  return fallback('no_model', 'No chat model is set up, so this answer comes from Bastion\'s own facts and templates; add one with `bastion models pull NAME` or `bastion models import FILE`.');
}
