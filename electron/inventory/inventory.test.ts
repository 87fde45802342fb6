import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../cli/testing';
import { appRoot, openStore } from '../db';
import { MIGRATIONS } from '../db/migrations';
import { DataInventory } from '../ipc/contract';
import { isAuditTable } from '../managed';
import { CANARIES, SEEDED_VAULT, writeFixture } from '../vault/fixtures';
import { minimalGguf } from '../../models/test-gguf';
import * as uc from '../usecases';
import { INVENTORY_DOC, TABLES, coverageProblems, migratedSchema, readSchema, renderInventoryMarkdown, type DataInventory as Inventory } from '.';

// The inventory cannot drift from what Bastion keeps: every table and column of the migrated schema is described (and
// nothing described is gone), docs/data-inventory.md is what the code renders, a day's use leaves no file the
// inventory does not describe and no secret anywhere, and `bastion data --json` counts what is there.

describe('the schema is fully described', () => {
  it('every table and column a migration creates is in electron/inventory/tables.ts', () => {
    const problems = coverageProblems(migratedSchema());
    expect(problems, problems.join('\n\n')).toEqual([]);
  });

  it('a migration that adds an undescribed column or table fails, saying exactly what to add and where', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bastion-inventory-new-'));
    try {
      const next = {
        version: 1000,
        name: 'undescribed',
        up: (db: { exec(sql: string): void }) =>
          db.exec('alter table vault_items add column secret_hint text; create table assistant_scratch (conversation_id text primary key, state text not null, updated_ms integer not null) strict;'),
      };
      const store = openStore({ dataDir: dir, migrations: [...MIGRATIONS, next] });
      const problems = coverageProblems(readSchema(store.db));
      store.close();
      expect(problems).toHaveLength(2);
      expect(problems[0]).toMatch(/^Table "assistant_scratch" is in the schema but not in the data inventory\. Add it to TABLES in electron\/inventory\/tables\.ts:/);
      for (const col of ['conversation_id', 'state', 'updated_ms']) expect(problems[0]).toContain(`      ${col}: '…what this column holds…',`);
      expect(problems[1]).toContain('Column "vault_items.secret_hint" (text) is in the schema but not in the data inventory. Add to TABLES.vault_items.columns in electron/inventory/tables.ts:');
      expect(problems[1]).toContain('npx tsx scripts/gen-data-inventory.ts');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a described table or column that no longer exists fails too', () => {
    const docs = { ...TABLES, gone_table: { ...TABLES.settings!, columns: {} }, settings: { ...TABLES.settings!, columns: { ...TABLES.settings!.columns, gone: 'x' } } };
    const problems = coverageProblems(migratedSchema(), docs);
    expect(problems).toEqual([expect.stringMatching(/^TABLES\.settings\.columns\.gone .* no longer has/), expect.stringMatching(/^TABLES\.gone_table .* no migration creates/)]);
  });

  it('what a wipe keeps agrees with the wipe itself', () => {
    for (const [name, doc] of Object.entries(TABLES)) {
      expect(/kept by `bastion wipe`|`bastion wipe` keeps it/i.test(doc.retention), name).toBe(isAuditTable(name));
      expect(doc.never.length, name).toBeGreaterThan(0);
    }
  });
});

describe(INVENTORY_DOC, () => {
  it('is current (regenerate with `npx tsx scripts/gen-data-inventory.ts`)', () => {
    expect(readFileSync(join(appRoot(), INVENTORY_DOC), 'utf8')).toBe(renderInventoryMarkdown(migratedSchema()));
  });
});

describe('a day of use, then `bastion data --json`', () => {
  let dir: string;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let imported: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bastion-inventory-day-'));
    dataDir = join(dir, 'data');
    writeFileSync(join(dir, 'policy.json'), JSON.stringify({ history: { retentionDays: 90 } }));
    env = { ...process.env, BASTION_POLICY: join(dir, 'policy.json'), BASTION_MODEL: '', BASTION_EMBED_MODEL: '' };
    const ctx = uc.createContext({ dataDir, cwd: dir, env });
    try {
      await writeFixture('bitwarden-json', SEEDED_VAULT, join(dir, 'vault.json'));
      imported = (await uc.vault.importFile(ctx, { path: 'vault.json' })).items;
      writeFileSync(join(dir, 'hibp.txt'), ['7C4A8D09CA3762AF61E59520943DC26494F8941B:123', '5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8:456', 'B1B3773A05C0ED0176787A4F1574FF0075F7521E:7'].join('\n'));
      await uc.vault.importBreaches(ctx, 'hibp.txt');
      await uc.assistant.ask(ctx, { question: 'which of my passwords are reused?', noLlm: true });
      uc.settings.writeSetting(ctx, 'ui.theme', 'dark');
      writeFileSync(join(dir, 'tiny.gguf'), minimalGguf({ architecture: 'llama', name: 'tiny' }));
      await uc.models.importFile(ctx, 'tiny.gguf', { use: true });
      mkdirSync(join(dir, 'docs'));
      writeFileSync(join(dir, 'docs', 'vpn.md'), '# VPN\n\nAlways use the VPN on public Wi-Fi.\n');
      await uc.knowledge.add(ctx, ['docs'], { keywordOnly: true });
      await uc.proposals.propose(ctx, { action: 'export_report', args: { format: 'csv', path: join(dir, 'report.csv') } });
      uc.managed.beforeCommand(ctx);
      uc.audit.exportRecords(ctx, { path: join(dir, 'audit.jsonl') });
    } finally {
      ctx.close();
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function data(d = dataDir): Promise<{ code: number; inv: Inventory; err: string }> {
    const { code, out, err } = await runCliInProcess(d, env.BASTION_POLICY, ['data']);
    return { code, inv: out ? (JSON.parse(out) as Inventory) : (null as never), err };
  }

  it('lists every store with its counts, what it never holds, and nothing undescribed', async () => {
    const { code, inv, err } = await data();
    expect(code, err).toBe(0);
    expect(DataInventory.parse(inv)).toEqual(inv);
    const rows = Object.fromEntries(inv.tables.map((t) => [t.name, t.rows]));
    expect(rows.vault_items).toBe(imported);
    expect(rows.vault_sources).toBe(1);
    expect(rows.vault_breach_hashes).toBe(3);
    expect(inv.tables.find((t) => t.name === 'vault_breach_hashes')).toMatchObject({ rowsEstimated: true });
    expect(rows.assistant_message).toBe(2);
    expect(rows.kb_documents).toBeGreaterThanOrEqual(1);
    expect(rows.proposals).toBe(1);
    expect(rows.policy_history).toBe(1);
    expect(rows.audit_log).toBeGreaterThanOrEqual(4);
    for (const t of inv.tables.filter((x) => x.present)) {
      expect(t.never.length, t.name).toBeGreaterThan(0);
      expect(t.bytes, t.name).not.toBeNull();
      expect(t.columns.every((c) => c.type !== null), t.name).toBe(true);
    }
    expect(inv.tables.find((t) => t.name === 'vault_items')!.bytes).toBeGreaterThan(0);
    expect(inv.tables.find((t) => t.name === 'audit_log')).toMatchObject({ keptOnWipe: true });
    const file = (id: string) => inv.files.find((f) => f.id === id)!;
    expect(file('database').found.map((f) => f.path)).toEqual(['bastion.db']);
    expect(file('install_key').found).toEqual([{ path: 'install.key', bytes: 32 }]);
    expect(file('models').found.map((f) => f.path)).toEqual(['models/tiny.gguf']);
    expect(file('model_records').found.map((f) => f.path).sort()).toEqual(['models/active.json', 'models/tiny.json']);
    expect(inv.totalBytes).toBeGreaterThanOrEqual(statSync(join(dataDir, 'bastion.db')).size);
    expect(inv.settings.filter((s) => s.set).map((s) => s.key)).toEqual(['ui.theme']);
    expect(inv.settings.find((s) => s.key === 'history.retentionDays')).toMatchObject({ set: false, managed: true });
    expect(inv.undescribed).toEqual({ tables: [], files: [], problems: [] });
  });

  it('holds no secret anywhere in the data dir after that day (the "never holds" claims)', () => {
    const files = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : [join(d, n)]));
    const found = files(dataDir).flatMap((f) => {
      const bytes = readFileSync(f);
      return CANARIES.filter((c) => bytes.includes(Buffer.from(c, 'utf8')) || bytes.includes(Buffer.from(c, 'utf16le'))).map((c) => `${f}: ${c}`);
    });
    expect(found).toEqual([]);
  });

  it('names a file it does not know, and a backup an action left beside a vault', async () => {
    writeFileSync(join(dataDir, 'stray.txt'), 'hello');
    writeFileSync(join(dir, 'vault.json.bastion-backup-2025-01-01T00-00-00-000Z'), '{}');
    const { inv } = await data();
    expect(inv.undescribed.files).toEqual([{ path: 'stray.txt', bytes: 5 }]);
    expect(inv.outside.find((o) => o.id === 'vault_backups')!.found).toEqual([{ path: join(dir, 'vault.json.bastion-backup-2025-01-01T00-00-00-000Z'), bytes: 2 }]);
    rmSync(join(dataDir, 'stray.txt'));
  });

  it('describes an empty data dir without creating a database', async () => {
    const empty = join(dir, 'empty');
    const { code, inv } = await data(empty);
    expect(code).toBe(0);
    expect(inv.tables.every((t) => !t.present && t.rows === 0)).toBe(true);
    expect(inv.totalBytes).toBe(0);
    expect(() => statSync(join(empty, 'bastion.db'))).toThrow();
  });
});
