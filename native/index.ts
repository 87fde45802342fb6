export { applyPragmas, openSqlite, type OpenedSqlite, type OpenSqliteOptions, type SqliteDb, type SqliteStatement, type SqlParam } from './sqlite';
export { loadEmbedder, type Embedder } from './embedding';
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
