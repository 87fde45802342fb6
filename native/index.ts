export { applyConnectionPragmas, applyPragmas, BUSY_TIMEOUT_MS, openSqlite, type OpenedSqlite, type OpenSqliteOptions, type SqliteDb, type SqliteStatement, type SqlParam } from './sqlite';
export { loadEmbedder, type Embedder } from './embedding';
export * from './llm';
