import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../native';
import { loadInstallKeys, openStore, type InstallKeys, type Store } from '../db';
import { appendAudit, CHECKPOINT_EVERY, exportAudit, listAudit, verifyAudit } from './index';

let dir: string;
let store: Store;
let keys: InstallKeys;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-audit-'));
  store = openStore({ dataDir: dir });
  keys = loadInstallKeys(dir);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function fill(n: number): void {
  for (let i = 0; i < n; i++) {
    appendAudit(store, keys, { actor: i % 2 ? 'user' : 'model', event: 'decision', action: 'export_report', proposalId: `pr_${i}`, outcome: 'confirm', args: { path: `/tmp/r${i}.csv` } });
  }
}

/** Tamper like an attacker with the file: drop the triggers, then run SQL. */
function tamper(sql: string, ...params: unknown[]): void {
  store.db.exec('drop trigger if exists audit_log_no_update; drop trigger if exists audit_log_no_delete; drop trigger if exists audit_cp_no_delete; drop trigger if exists audit_head_forward; drop trigger if exists audit_head_no_delete;');
  store.db.prepare(sql).run(...params);
}

describe('audit log in SQLite', () => {
  it('appends a chained record per call, with checkpoints every N and a keyed head', () => {
    fill(CHECKPOINT_EVERY * 2 + 3);
    expect(verifyAudit(store, keys)).toEqual({ ok: true, records: CHECKPOINT_EVERY * 2 + 3, checkpoints: 2 });
    const recs = listAudit(store);
    expect(recs[1]!.prevHash).toBe(recs[0]!.hash);
    expect(listAudit(store, { limit: 2 }).map((r) => r.seq)).toEqual([CHECKPOINT_EVERY * 2 + 2, CHECKPOINT_EVERY * 2 + 3]);
  });

  it('refuses UPDATE and DELETE through SQLite triggers', () => {
    fill(3);
    expect(() => store.db.prepare("update audit_log set body = '{}' where seq = 2").run()).toThrow(/append-only/);
    expect(() => store.db.prepare('delete from audit_log where seq = 3').run()).toThrow(/append-only/);
    expect(() => store.db.prepare('delete from audit_head').run()).toThrow(/append-only/);
    expect(() => store.db.prepare('update audit_head set seq = 1').run()).toThrow(/forward/);
    expect(verifyAudit(store, keys).ok).toBe(true);
  });

  it('never records fields that look secret', () => {
    appendAudit(store, keys, { actor: 'user', event: 'confirmed', args: { vaultPassword: 'hunter2', typedTitle: 'Bank', nested: { password: 'x', passwordChanged: 1 } } });
    const raw = store.db.prepare<{ body: string }>('select body from audit_log').get()!.body;
    expect(raw).not.toContain('hunter2');
    expect(raw).not.toContain('"x"');
    expect(raw).toContain('passwordChanged');
  });

  it.each([
    ['an edited body', "update audit_log set body = replace(body, 'r4', 'r9') where seq = 5", 5],
    ['an edited actor', "update audit_log set actor = 'user' where seq = 3", 3],
    ['a deleted record', 'delete from audit_log where seq = 7', 7],
    ['a truncated tail', 'delete from audit_log where seq > 20', 21],
    ['an inserted record', "insert into audit_log select 100, ts, actor, event, action, proposal_id, body, prev_hash, hash from audit_log where seq = 4", CHECKPOINT_EVERY + 9],
  ])('verify names the first bad record for %s', (_name, sql, firstBad) => {
    fill(CHECKPOINT_EVERY + 8);
    tamper(sql);
    const r = verifyAudit(store, keys);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.firstBadSeq).toBe(firstBad);
  });

  it('an emptied log (records and head deleted) fails when proposals remain', () => {
    store.db.prepare("insert into proposals values ('pr_x', 1, 2, 'model', 'export_report', '{}', 'h', 'file_write', 0, 'confirm', 'r', 'pending', '{}', null, null, 1)").run();
    appendAudit(store, keys, { actor: 'model', event: 'proposal_created', proposalId: 'pr_x' });
    tamper('delete from audit_log');
    tamper('delete from audit_head');
    const r = verifyAudit(store, keys);
    expect(r).toMatchObject({ ok: false, firstBadSeq: 1 });
  });

  it('exports JSONL, one object per line, oldest first', () => {
    fill(5);
    const out = join(dir, 'audit.jsonl');
    expect(exportAudit(store, out)).toEqual({ records: 5, path: out });
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('bastion audit verify (CLI) on a tampered copy', () => {
  const cli = (dataDir: string, ...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', '--data-dir', dataDir, ...args], { encoding: 'utf8' });

  it('exits 0 when intact and non-zero naming the first bad record when edited', () => {
    fill(10);
    store.close();
    const ok = cli(dir, 'audit', 'verify');
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('intact: 10 records');

    const copy = mkdtempSync(join(tmpdir(), 'bastion-audit-copy-'));
    copyFileSync(join(dir, 'install.key'), join(copy, 'install.key'));
    copyFileSync(join(dir, 'bastion.db'), join(copy, 'bastion.db')); // closed: the WAL is checkpointed into the file
    const { db } = openSqlite(join(copy, 'bastion.db'), { vector: false });
    db.exec('drop trigger audit_log_no_update');
    db.prepare("update audit_log set body = replace(body, 'confirm', 'allow') where seq = 6").run();
    db.close();
    const bad = cli(copy, 'audit', 'verify');
    expect(bad.status).not.toBe(0);
    expect(bad.stdout + bad.stderr).toMatch(/#6/);
    rmSync(copy, { recursive: true, force: true });
    store = openStore({ dataDir: dir });
  }, 180_000);
});
