import type { SqliteDb } from '../../native';

// Sizes and row counts from the live database. Per-table bytes come from SQLite's dbstat (each table with its
// indexes, and a virtual table with its shadow tables). The breach corpus can hold a billion rows, so it is neither
// counted nor scanned: its rows come from its import records and its bytes are what the other tables leave.

/** Tables too large to scan: rows from `rowsFrom`, bytes by subtraction. */
const TOO_LARGE_TO_SCAN: Record<string, string> = { vault_breach_hashes: 'select coalesce(sum(lines), 0) as n from vault_breach_imports' };

export interface TableSize {
  rows: number;
  /** True when `rows` is an estimate (the breach corpus: lines read, duplicates included). */
  rowsEstimated: boolean;
  bytes: number | null;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Which described table each b-tree (table, index, shadow table) belongs to. */
function owners(db: SqliteDb, tables: readonly { name: string; virtual: boolean }[]): Map<string, string> {
  const virtuals = tables.filter((t) => t.virtual).map((t) => t.name);
  const ownerOf = (tbl: string) => virtuals.find((v) => tbl.startsWith(`${v}_`)) ?? tbl;
  const out = new Map<string, string>();
  for (const r of db.prepare<{ name: string; tbl_name: string }>("select name, tbl_name from sqlite_master where type in ('table', 'index')").all()) {
    out.set(r.name, ownerOf(r.tbl_name));
  }
  return out;
}

function btreeBytes(db: SqliteDb, name: string): number | null {
  try {
    return db.prepare<{ n: number | null }>('select sum(pgsize) as n from dbstat where name = ?').get(name)?.n ?? 0;
  } catch {
    return null; // a SQLite built without dbstat: sizes unknown, counts still shown
  }
}

export function measureTables(db: SqliteDb, tables: readonly { name: string; virtual: boolean }[]): Map<string, TableSize> {
  const bytes = new Map<string, number | null>();
  let scanned = 0;
  let unknown = false;
  for (const [btree, owner] of owners(db, tables)) {
    if (Object.hasOwn(TOO_LARGE_TO_SCAN, owner)) continue;
    const b = btreeBytes(db, btree);
    if (b === null) unknown = true;
    bytes.set(owner, b === null || bytes.get(owner) === null ? null : (bytes.get(owner) ?? 0) + b);
    scanned += b ?? 0;
  }
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const used = ((db.pragma('page_count', { simple: true }) as number) - (db.pragma('freelist_count', { simple: true }) as number)) * pageSize;
  const schemaBytes = btreeBytes(db, 'sqlite_schema') ?? 0;
  const out = new Map<string, TableSize>();
  for (const t of tables) {
    const large = TOO_LARGE_TO_SCAN[t.name];
    if (large) {
      const rows = db.prepare<{ n: number }>(large).get()?.n ?? 0;
      out.set(t.name, { rows, rowsEstimated: true, bytes: unknown ? null : Math.max(0, used - scanned - schemaBytes) });
      continue;
    }
    const rows = db.prepare<{ n: number }>(`select count(*) as n from ${q(t.name)}`).get()?.n ?? 0;
    out.set(t.name, { rows, rowsEstimated: false, bytes: bytes.get(t.name) ?? (unknown ? null : 0) });
  }
  return out;
}
