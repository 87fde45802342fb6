// The chat runtime's contract (types only): what a caller asks for and gets back. native/llama.ts implements it.
import type { GenerationMode, RepeatPenalty } from './generation';
import type { ModelKind } from './gguf';
import type { ChatTurn } from './window';

export interface GenerateRequest {
  /** Fixed per use (keep it identical across calls: its evaluated tokens are reused). */
  system: string;
  /** Earlier turns, oldest first; the oldest are dropped when the window is short. */
  history?: ChatTurn[];
  user: string;
  maxTokens?: number;
  temperature?: number;
  seed?: number;
  /**
   * Constrain the output to JSON matching this schema (node-llama-cpp's GBNF JSON-schema subset). Generation stops
   * at the end of the JSON value (`stopReason: 'jsonComplete'`); `text` is that value, nothing after it.
   */
  jsonSchema?: object;
  /** 'chat' feeds the model's own chat template; 'completion' a plain text prompt. Default: by model kind. */
  mode?: GenerationMode;
  /** A number is the plain penalty (1.1–1.2 typical); see RepeatPenalty. Default: none. */
  repeatPenalty?: number | RepeatPenalty;
  /** Stop strings: generation ends at the first one, which is neither returned nor streamed. */
  stop?: readonly string[];
  onTextChunk?: (delta: string) => void;
  /** Aborting stops generation; the partial text is returned with `aborted: true`. */
  signal?: AbortSignal;
}

export type StopReason =
  | 'eogToken' // the model ended its turn
  | 'stopGenerationTrigger' // the chat template's end-of-turn text
  | 'customStopTrigger' // one of `stop`
  | 'jsonComplete' // the constrained JSON value closed
  | 'maxTokens'
  | 'abort';

export interface GenerateResult {
  text: string;
  /** Parsed output when `jsonSchema` was given and a complete JSON value was generated. */
  json?: unknown;
  aborted: boolean;
  stopReason: StopReason;
  /** The prompt format used: the model's chat template or a plain completion (always set by the runtime). */
  mode?: GenerationMode;
  /** Tokens of the final prompt (system + kept history + user), as counted before generation. */
  promptTokens: number;
  generatedTokens: number;
  /** History turns dropped to fit the context window. */
  trimmedTurns: number;
  /** Prompt tokens whose KV cache was reused from the previous call (the shared system-prompt prefix and more). */
  reusedTokens: number;
  /** Milliseconds from the call to the first streamed text; null when nothing was generated. */
  ttftMs: number | null;
}

export interface LlmRuntime {
  readonly modelPath: string;
  /** 'cuda' | 'vulkan' | 'metal', or false on CPU. */
  readonly gpu: string | false;
  readonly contextSize: number;
  /** The chat template in use, e.g. "ChatMLChatWrapper" (resolved from the model's own template). */
  readonly chatWrapper: string;
  /** 'instruct' when the file carries a chat template; a base model gets completion prompts by default. */
  readonly kind: ModelKind;
  readonly kindReason: string;
  /** Tokens of `text` by the model's own tokenizer (no special tokens, no BOS). */
  countTokens(text: string): number;
  generate(req: GenerateRequest): Promise<GenerateResult>;
  dispose(): Promise<void>;
}

export interface LoadLlmOptions {
  modelPath: string;
  /** Upper bound; the model's training context caps it. Default 4096. */
  contextSize?: number;
  /** CPU threads for generation; 0/undefined lets llama.cpp pick. */
  threads?: number;
  /** 'auto' tries CUDA/Vulkan/Metal and falls back to CPU; false forces CPU. */
  gpu?: 'auto' | false;
}
