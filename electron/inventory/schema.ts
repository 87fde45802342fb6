import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqliteDb } from '../../native';
import { openStore } from '../db';
import { TABLES } from './tables';
import type { TableDoc } from './types';

// The schema as SQLite reports it (pragma table_list / table_info), and the check that the inventory describes all of
// it. FTS5 and vec0 shadow tables are part of their virtual table and are not listed on their own.

export interface LiveColumn {
  name: string;
  /** Declared type with constraints that matter to a reader: "text not null", "integer primary key". */
  type: string;
}

export interface LiveTable {
  name: string;
  virtual: boolean;
  columns: LiveColumn[];
}

const quote = (name: string) => `'${name.replace(/'/g, "''")}'`;

export function readSchema(db: SqliteDb): LiveTable[] {
  const tables = db
    .prepare<{ name: string; type: string }>("select name, type from pragma_table_list where schema = 'main' and type in ('table', 'virtual') and name not like 'sqlite_%' order by name")
    .all();
  return tables.map((t) => {
    const cols = db.prepare<{ name: string; type: string; notnull: number; pk: number }>(`select name, type, "notnull", pk from pragma_table_info(${quote(t.name)}) order by cid`).all();
    const keyParts = cols.filter((c) => c.pk > 0).length;
    const key = (pk: number) => (pk === 0 ? '' : keyParts > 1 ? `primary key part ${pk}` : 'primary key');
    return {
      name: t.name,
      virtual: t.type === 'virtual',
      columns: cols.map((c) => ({ name: c.name, type: [c.type.toLowerCase() || (t.type === 'virtual' ? 'indexed text' : 'any'), key(c.pk), c.notnull && !c.pk ? 'not null' : ''].filter(Boolean).join(' ') })),
    };
  });
}

/** The schema of a new database migrated to the latest version (a scratch store, removed again). */
export function migratedSchema(): LiveTable[] {
  const dir = mkdtempSync(join(tmpdir(), 'bastion-schema-'));
  try {
    const store = openStore({ dataDir: dir });
    try {
      return readSchema(store.db);
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const WHERE = 'electron/inventory/tables.ts';
const REGENERATE = 'then run `npx tsx scripts/gen-data-inventory.ts`';

function entryFor(t: LiveTable): string {
  const cols = t.columns.map((c) => `      ${/^[a-z_][a-z0-9_]*$/.test(c.name) ? c.name : quote(c.name)}: '…what this column holds…',`).join('\n');
  return [
    `  ${t.name}: {`,
    `    area: '…', // ${"one of AREAS in electron/inventory/types.ts"}`,
    `    holds: '…what a row is…',`,
    `    never: ['…secrets it never holds…'],`,
    `    retention: '…how long it is kept…',`,
    `    remove: '…the command or button that deletes it…',`,
    `    columns: {`,
    cols,
    `    },`,
    `  },`,
  ].join('\n');
}

/**
 * What the inventory fails to describe in `live` (or describes but the schema lacks), each as one instruction that
 * says exactly what to add or remove and where. Empty when they agree.
 */
export function coverageProblems(live: readonly LiveTable[], docs: Readonly<Record<string, TableDoc>> = TABLES): string[] {
  const problems: string[] = [];
  const seen = new Set(live.map((t) => t.name));
  for (const t of live) {
    const doc = docs[t.name];
    if (!doc) {
      problems.push(`Table "${t.name}" is in the schema but not in the data inventory. Add it to TABLES in ${WHERE}:\n${entryFor(t)}\n${REGENERATE}.`);
      continue;
    }
    for (const c of t.columns) {
      if (!Object.hasOwn(doc.columns, c.name)) {
        problems.push(`Column "${t.name}.${c.name}" (${c.type}) is in the schema but not in the data inventory. Add to TABLES.${t.name}.columns in ${WHERE}:\n      ${c.name}: '…what this column holds…',\n${REGENERATE}.`);
      }
    }
    for (const name of Object.keys(doc.columns)) {
      if (!t.columns.some((c) => c.name === name)) problems.push(`TABLES.${t.name}.columns.${name} in ${WHERE} describes a column the schema no longer has: remove it, ${REGENERATE}.`);
    }
  }
  for (const [name, doc] of Object.entries(docs)) {
    if (!seen.has(name) && !doc.createdAtRuntime) {
      problems.push(`TABLES.${name} in ${WHERE} describes a table no migration creates: remove it (or set createdAtRuntime, saying which capability creates it and when), ${REGENERATE}.`);
    }
  }
  return problems;
}
