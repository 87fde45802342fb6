import type { SqliteDb } from '../../native';

/** One schema version. `up` runs inside the migrator's transaction; tables are STRICT. */
export interface Migration {
  version: number;
  name: string;
  up(db: SqliteDb): void;
}
