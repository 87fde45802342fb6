export { applyPragmas, openSqlite, type OpenedSqlite, type OpenSqliteOptions, type SqliteDb, type SqliteStatement, type SqlParam } from './sqlite';
