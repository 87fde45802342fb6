export { applyPragmas, openSqlite, type OpenedSqlite, type OpenSqliteOptions, type SqliteDb, type SqliteStatement, type SqlParam } from './sqlite';
export { loadEmbedder, type Embedder } from './embedding';
export * from './llm';
