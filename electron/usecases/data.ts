import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DB_FILE } from '../db';
import { takeInventory, type DataInventory } from '../inventory';
import { mergeSettings, readUserSettings } from '../managed';
import type { UseCaseContext } from './context';

// What Bastion keeps on this machine (`bastion data`, the app's "What Bastion keeps" screen): the inventory with
// this data dir's sizes and row counts. Read-only; a data dir without a database is described, not created.

export type { DataInventory };

export function inventory(ctx: UseCaseContext): DataInventory {
  const store = existsSync(join(ctx.dataDir, DB_FILE)) ? ctx.store() : null;
  const user = store ? readUserSettings(store) : {};
  return takeInventory({ dataDir: ctx.dataDir, store, user, managedKeys: mergeSettings(ctx.policy().policy, user).managed });
}
