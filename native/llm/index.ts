// The llama.cpp binding (node-llama-cpp) behind one face: load a GGUF, generate (chat or completion, grammar-
// constrained JSON, stop strings, repeat penalties), read GGUF metadata. The model process imports this face
// alone, so it never loads SQLite.
export { fitHistory, type ChatTurn } from './window';
export { loadLlmRuntime } from './llama';
export type { GenerateRequest, GenerateResult, LlmRuntime, LoadLlmOptions, StopReason } from './llm-types';
export { modelKind, modelKindOf, readGgufHeader, type GgufHeader, type ModelKind, type ModelKindInfo } from './gguf';
export {
  BASE_MODEL_NOTE,
  completionPrompt,
  createJsonEndTracker,
  createStopMatcher,
  parseFirstJson,
  routeSettings,
  type GenerationMode,
  type GenerationRoute,
  type GenerationSettings,
  type RepeatPenalty,
} from './generation';
