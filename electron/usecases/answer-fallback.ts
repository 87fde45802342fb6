import type { AskResult, Generator } from '../assistant';
import { resolveModelPath } from '../../models';
import type { UseCaseContext } from './context';
import { fallback, type Fallback } from './fallback';

// What the model did for one answer, seen from outside the engine: every generation goes through the loader the use
// case passes in, so this layer knows which model produced which text and whether that text reached the answer.

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Text the model produced that was meant to be read (not a JSON proposal), complete and not empty. */
interface Generated {
  path: string;
  text: string;
}

export interface GenerationWatch {
  loadModel(path: string): Promise<Generator>;
  /** Whether any model was asked to generate. */
  readonly asked: boolean;
  /** The model whose text appears in `answer` (so it answered), or null. */
  answeredIn(answer: string): string | null;
  /** Whether some of the model's text was left out of `answer` (dropped by a fact or quality check). */
  droppedFrom(answer: string): boolean;
}

export function watchGenerations(load: (path: string) => Promise<Generator>): GenerationWatch {
  const texts: Generated[] = [];
  let asked = false;
  // A prefix is enough to recognise the text in the answer; the engine may add citations or notes after it.
  const inAnswer = (g: Generated, answer: string) => norm(answer).includes(norm(g.text).slice(0, 80));
  return {
    async loadModel(path) {
      const model = await load(path);
      return {
        async generate(req) {
          asked = true;
          const out = await model.generate(req);
          if (!out.aborted && !req.jsonSchema && norm(out.text)) texts.push({ path, text: out.text });
          return out;
        },
      };
    },
    get asked() {
      return asked;
    },
    answeredIn: (answer) => texts.find((g) => inAnswer(g, answer))?.path ?? null,
    droppedFrom: (answer) => texts.some((g) => !inAnswer(g, answer)),
  };
}

export interface AnswerRequest {
  noLlm?: boolean;
  model?: string;
}

/** The model side of an answer's fallback: output rejected, or no model set up at all. */
export function modelFallback(ctx: UseCaseContext, req: AnswerRequest, watch: GenerationWatch, result: AskResult, engineFallback: unknown): Fallback | null {
  if (typeof engineFallback === 'string' && engineFallback) {
    return fallback('model_rejected', `The model's output did not pass Bastion's checks (${engineFallback}), so this answer uses Bastion's own facts and wording.`);
  }
  if (watch.droppedFrom(result.answer) && !watch.answeredIn(result.answer)) {
    return fallback('model_rejected', "The model's wording did not pass Bastion's fact check, so this answer gives the facts without it.");
  }
  if (req.noLlm || watch.asked) return null;
  const configured = ctx.settings().models.pinnedModel ?? resolveModelPath({ ...(req.model ? { flag: ctx.path(req.model) } : {}), env: ctx.env, dataDir: ctx.dataDir });
  if (configured) return null;
  return fallback('no_model', 'No chat model is set up, so this answer comes from Bastion\'s own facts and templates; add one with `bastion models pull NAME` or `bastion models import FILE`.');
}
