// The only place that runs a chat model (node-llama-cpp). Everything else sees LlmRuntime: one lazily loaded model
// and context, reused across calls; the fixed system prompt stays first so its KV prefix is reused turn after turn.
import { existsSync } from 'node:fs';
// Types only at load time: node-llama-cpp is imported on first use so commands that never generate start fast.
import type { ChatHistoryItem, Llama, LlamaContext, LlamaModel, Token } from 'node-llama-cpp';
import { LRUCache } from 'lru-cache';
import { modelKindOf } from './gguf';
import { completionPrompt, createJsonEndTracker, createStopMatcher, parseFirstJson, type GenerationMode } from './generation';
import type { GenerateRequest, GenerateResult, LlmRuntime, LoadLlmOptions, StopReason } from './llm-types';
import { fitHistory, repeatPenaltyOptions } from './window';

export type { ChatTurn } from './window';

/** Compiled JSON-schema grammars kept per runtime (least recently used dropped first). */
export const GRAMMAR_CACHE_SIZE = 16;
export type { GenerateRequest, GenerateResult, LlmRuntime, LoadLlmOptions, StopReason } from './llm-types';

const llamas = new Map<string, Promise<Llama>>();

async function getLlamaFor(gpu: 'auto' | false): Promise<Llama> {
  const key = String(gpu);
  let p = llamas.get(key);
  if (!p) {
    p = (async () => {
      const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
      // build: 'never' — use the prebuilt binaries shipped in the package; never compile or download at run time.
      if (gpu === false) return getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
      try {
        return await getLlama({ gpu: 'auto', build: 'never', logLevel: LlamaLogLevel.error });
      } catch {
        return getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
      }
    })();
    p.catch(() => llamas.delete(key));
    llamas.set(key, p);
  }
  return p;
}

export async function loadLlmRuntime(opts: LoadLlmOptions): Promise<LlmRuntime> {
  if (!existsSync(opts.modelPath)) throw new Error(`Model file not found: ${opts.modelPath}`);
  let llama = await getLlamaFor(opts.gpu ?? 'auto');
  let model: LlamaModel;
  try {
    model = await llama.loadModel({ modelPath: opts.modelPath });
  } catch (e) {
    if (llama.gpu === false) throw e;
    // A GPU that initialised but cannot hold the model (VRAM, driver): retry on the CPU.
    llama = await getLlamaFor(false);
    model = await llama.loadModel({ modelPath: opts.modelPath });
  }
  const contextSize = Math.min(opts.contextSize ?? 4096, model.trainContextSize || 4096);
  let context: LlamaContext;
  try {
    context = await model.createContext({ contextSize, sequences: 1, ...(opts.threads ? { threads: opts.threads } : {}) });
  } catch (e) {
    await model.dispose();
    throw e;
  }
  const { LlamaGrammarEvaluationState, resolveChatWrapper } = await import('node-llama-cpp');
  // The model's own chat template (Jinja in the GGUF, matched to a built-in wrapper where one fits).
  const wrapper = resolveChatWrapper(model);
  const sequence = context.getSequence();
  // Our own evaluate loop rather than LlamaChatSession: it keeps per-token overhead near a bare loop and lets us
  // reuse exactly the KV prefix that matches (the fixed system prompt, and earlier turns when they are unchanged).
  // node-llama-cpp types a grammar by its literal schema; ours are built at run time. Bounded: a proposal's schema
  // lists the item ids in that question's context, so the keys vary per question.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const grammars = new LRUCache<string, any>({ max: GRAMMAR_CACHE_SIZE });
  let queue: Promise<unknown> = Promise.resolve();

  const countTokens = (text: string) => model.tokenize(text).length;
  const meta = model.fileInfo.metadata as { general?: { finetune?: unknown; name?: unknown }; tokenizer?: { chat_template?: unknown } };
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
  const kindInfo = modelKindOf({ chatTemplate: str(meta.tokenizer?.chat_template), finetune: str(meta.general?.finetune), name: str(meta.general?.name) });
  const defaultMode: GenerationMode = kindInfo.kind === 'instruct' ? 'chat' : 'completion';
  const bos = model.tokens.shouldPrependBosToken && model.tokens.bos !== null ? [model.tokens.bos] : [];

  /** The prompt's tokens, dropping the oldest turns until prompt + answer fit the window. */
  function buildPrompt(req: GenerateRequest, mode: GenerationMode, maxTokens: number): { tokens: Token[]; stops: Token[][]; trimmed: number } {
    // Estimate per message, then check the real prompt; drop more turns if the estimate was short.
    let budget = contextSize - maxTokens;
    for (;;) {
      const fit = fitHistory(req, budget, countTokens);
      let tokens: Token[];
      let stops: Token[][] = [];
      if (mode === 'chat') {
        const chatHistory: ChatHistoryItem[] = [...fit.history, { type: 'user', text: req.user }, { type: 'model', response: [] }];
        const state = wrapper.generateContextState({ chatHistory });
        tokens = state.contextText.tokenize(model.tokenizer);
        stops = state.stopGenerationTriggers.map((t) => t.tokenize(model.tokenizer)).filter((t) => t.length > 0);
      } else {
        // specialTokens false: text that spells a control token stays text (vault titles are untrusted).
        tokens = [...bos, ...model.tokenize(completionPrompt({ ...req, history: (req.history ?? []).slice(fit.trimmed) }), false)];
      }
      const over = tokens.length + maxTokens - contextSize;
      if (over <= 0) return { tokens, stops, trimmed: fit.trimmed };
      if (fit.history.length <= 1) throw new Error(`The prompt needs ${tokens.length} tokens; the window is ${contextSize}.`);
      budget -= over;
    }
  }

  async function generateNow(req: GenerateRequest): Promise<GenerateResult> {
    const t0 = performance.now();
    const mode = req.mode ?? defaultMode;
    const maxTokens = Math.max(1, Math.min(req.maxTokens ?? 512, Math.floor(contextSize / 2)));
    const { tokens, stops, trimmed } = buildPrompt(req, mode, maxTokens);
    const promptTokens = tokens.length;

    // Keep the longest evaluated prefix that still matches; evaluate at least one token to get logits.
    const have = sequence.contextTokens;
    let keep = 0;
    while (keep < have.length && keep < tokens.length && have[keep] === tokens[keep]) keep++;
    keep = Math.min(keep, tokens.length - 1);
    if (keep < sequence.nextTokenIndex) await sequence.eraseContextTokenRanges([{ start: keep, end: sequence.nextTokenIndex }]);

    let grammar;
    if (req.jsonSchema) {
      const key = JSON.stringify(req.jsonSchema);
      grammar = grammars.get(key);
      if (!grammar) {
        grammar = await llama.createGrammarForJsonSchema(req.jsonSchema as never);
        grammars.set(key, grammar);
      }
    }
    const grammarEvaluationState = grammar ? new LlamaGrammarEvaluationState({ model, grammar }) : undefined;

    const out: Token[] = [];
    let text = '';
    let pending: Token[] = [];
    let ttftMs: number | null = null;
    let stopReason: StopReason = 'maxTokens';
    const emit = (delta: string) => {
      if (!delta) return;
      if (ttftMs === null) ttftMs = performance.now() - t0;
      text += delta;
      req.onTextChunk?.(delta);
    };
    const stopMatcher = createStopMatcher(req.stop ?? []);
    const jsonEnd = grammar ? createJsonEndTracker() : null;
    let raw = '';
    /** Streams a decoded piece; true when it ended generation (a stop string, or the end of the JSON value). */
    const take = (piece: string): boolean => {
      let jsonDone = false;
      if (jsonEnd) {
        const before = raw.length;
        raw += piece;
        const end = jsonEnd.push(raw);
        if (end !== null) {
          piece = piece.slice(0, Math.max(0, end - before));
          jsonDone = true;
        }
      }
      const r = stopMatcher.push(piece);
      emit(r.emit);
      if (r.stopped) stopReason = 'customStopTrigger';
      else if (jsonDone) {
        emit(stopMatcher.flush());
        stopReason = 'jsonComplete';
      }
      return r.stopped || jsonDone;
    };
    const penalty = repeatPenaltyOptions(req.repeatPenalty, () => out);
    if (!req.signal?.aborted) {
      let stopped = false;
      for await (const token of sequence.evaluate(tokens.slice(keep), {
        temperature: req.temperature ?? 0,
        ...(req.seed !== undefined ? { seed: req.seed } : {}),
        ...(grammarEvaluationState ? { grammarEvaluationState } : {}),
        ...penalty,
      })) {
        out.push(token);
        if (stops.some((s) => endsWith(out, s))) {
          stopReason = 'stopGenerationTrigger';
          stopped = true;
          break;
        }
        // Hold tokens that end inside a multi-byte character until it is complete.
        pending.push(token);
        const piece = model.detokenize(pending, false, out.slice(Math.max(0, out.length - pending.length - 4), out.length - pending.length));
        if (!piece.endsWith('\uFFFD') || pending.length >= 4) {
          pending = [];
          if (take(piece)) {
            stopped = true;
            break;
          }
        }
        if (req.signal?.aborted) {
          stopReason = 'abort';
          stopped = true;
          break;
        }
        if (out.length >= maxTokens) {
          stopped = true;
          break;
        }
      }
      if (!stopped) stopReason = 'eogToken';
    } else stopReason = 'abort';
    if (!endedByText(stopReason)) {
      // A held partial stop string that never completed is text after all.
      const ended = stopReason !== 'stopGenerationTrigger' && pending.length > 0 && take(model.detokenize(pending));
      if (!ended) emit(stopMatcher.flush());
    }
    const aborted = stopReason === 'abort';
    const result: GenerateResult = { text, aborted, stopReason, mode, promptTokens, generatedTokens: out.length, trimmedTurns: trimmed, reusedTokens: keep, ttftMs };
    if (grammar && !aborted && stopReason !== 'maxTokens') {
      // grammar.parse also checks the schema; a value that fails it is left out rather than thrown.
      const value = parseFirstJson(text);
      if (value !== undefined) {
        try {
          result.json = grammar.parse(JSON.stringify(value));
        } catch {
          // left undefined: the caller sees the text and no json
        }
      }
    }
    return result;
  }

  return {
    modelPath: opts.modelPath,
    gpu: llama.gpu,
    contextSize,
    chatWrapper: wrapper.constructor.name,
    kind: kindInfo.kind,
    kindReason: kindInfo.reason,
    countTokens,
    generate(req) {
      // One sequence: calls run one after another, never interleaved.
      const run = queue.then(() => generateNow(req));
      queue = run.catch(() => undefined);
      return run;
    },
    async dispose() {
      await queue;
      sequence.dispose();
      await context.dispose();
      await model.dispose();
    },
  };
}

/** Stops `take` decided (set inside a closure, so the type checker cannot follow them). */
const endedByText = (r: StopReason) => r === 'customStopTrigger' || r === 'jsonComplete';

function endsWith(tokens: Token[], tail: readonly Token[]): boolean {
  if (tail.length > tokens.length) return false;
  for (let i = 1; i <= tail.length; i++) if (tokens[tokens.length - i] !== tail[tail.length - i]) return false;
  return true;
}
