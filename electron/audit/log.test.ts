import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../native';
import { loadInstallKeys, openStore, type InstallKeys, type Store } from '../db';
import { checkpointMac, recordHash } from './chain';
import { appendAudit, AUDIT_ANCHOR_FILE, CHECKPOINT_EVERY, exportAudit, listAudit, verifyAudit } from './index';

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
    expect(exportAudit(store, out)).toMatchObject({ records: 5, path: out });
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines.slice(0, 5).map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('each export ends with the keyed head, so a collector can tell a later rewrite', () => {
    fill(5);
    const out = join(dir, 'audit.jsonl');
    exportAudit(store, out);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const head = lines.at(-1)!;
    expect(head).toMatchObject({ type: 'head', seq: 5, hash: lines[4]!.hash });
    expect(head.mac).toBe(checkpointMac(keys.audit, 5, String(head.hash), 'head'));
    // A rewrite of record 3 (by someone holding the key, who can re-MAC everything) no longer matches the old export.
    tamper("update audit_log set body = '{}' where seq = 3");
    const later = join(dir, 'audit2.jsonl');
    exportAudit(store, later);
    const again = readFileSync(later, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(again.find((r) => r.seq === 5)!.hash).toBe(head.hash); // the stored hash column is unchanged…
    expect(recordHash({ ...toRow(again[2]!) })).not.toBe(again[2]!.hash); // …but record 3 no longer hashes to it
  });
});

/** An exported record back in the chain's row shape. */
function toRow(r: Record<string, unknown>) {
  return { seq: r.seq as number, ts: r.ts as number, actor: r.actor as string, event: r.event as string, action: (r.action as string | null) ?? null, proposal_id: (r.proposalId as string | null) ?? null, body: JSON.stringify(r.body), prev_hash: r.prevHash as string };
}

describe('the audit anchor outside the database', () => {
  /** Copies the store as a crash would leave it: main file plus the un-checkpointed WAL (cut to `walBytes`). */
  function crashCopy(walBytes: number): { dir: string; store: Store } {
    const copy = mkdtempSync(join(tmpdir(), 'bastion-audit-crash-'));
    for (const f of ['bastion.db', 'install.key', AUDIT_ANCHOR_FILE]) copyFileSync(join(dir, f), join(copy, f));
    writeFileSync(join(copy, 'bastion.db-wal'), readFileSync(join(dir, 'bastion.db-wal')).subarray(0, walBytes));
    return { dir: copy, store: openStore({ dataDir: copy }) };
  }

  it('a WAL cut after record 57 of 75 is reported as "rolled back: 18 records missing", not "intact"', () => {
    const walAt: number[] = [];
    for (let i = 1; i <= 75; i++) {
      fill(1);
      walAt[i] = statSync(join(dir, 'bastion.db-wal')).size;
    }
    const c = crashCopy(walAt[57]!);
    try {
      expect(listAudit(c.store)).toHaveLength(57);
      expect(verifyAudit(c.store, keys)).toMatchObject({ ok: false, firstBadSeq: 58, missing: 18, reason: expect.stringMatching(/^rolled back: 18 records missing/) });
    } finally {
      c.store.close();
      rmSync(c.dir, { recursive: true, force: true });
    }
  });

  it('an emptied WAL is reported as rolled back, with every record missing', () => {
    fill(20);
    const c = crashCopy(0);
    try {
      expect(listAudit(c.store)).toHaveLength(0);
      expect(verifyAudit(c.store, keys)).toMatchObject({ ok: false, records: 0, firstBadSeq: 1, missing: 20 });
    } finally {
      c.store.close();
      rmSync(c.dir, { recursive: true, force: true });
    }
  });

  it('deleting every record, the head and the checkpoints is "rolled back", not "intact: 0 records"', () => {
    fill(CHECKPOINT_EVERY + 3);
    tamper('delete from audit_log');
    tamper('delete from audit_head');
    tamper('delete from audit_checkpoint');
    const r = verifyAudit(store, keys);
    expect(r).toMatchObject({ ok: false, records: 0, firstBadSeq: 1, missing: CHECKPOINT_EVERY + 3 });
    if (!r.ok) expect(r.reason).toMatch(/^rolled back: 19 records missing/);
  });

  it('a log rolled back and appended to again differs from the anchor at the anchored record', () => {
    fill(10);
    const anchor = readFileSync(join(dir, AUDIT_ANCHOR_FILE));
    tamper('delete from audit_log where seq > 6');
    tamper('delete from audit_head');
    const last = store.db.prepare<{ seq: number; hash: string }>('select seq, hash from audit_log where seq = 6').get()!;
    store.db.prepare('insert into audit_head (id, seq, hash, mac) values (1, ?, ?, ?)').run(6, last.hash, checkpointMac(keys.audit, 6, last.hash, 'head'));
    fill(4); // seq 7–10 again, different content
    writeFileSync(join(dir, AUDIT_ANCHOR_FILE), anchor); // the attacker cannot stop the old anchor from having been written
    const r = verifyAudit(store, keys);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/record 10 differs from the anchor/);
  });

  it('a forged or missing anchor is reported; a healthy one is kept current after every commit', () => {
    fill(3);
    expect(JSON.parse(readFileSync(join(dir, AUDIT_ANCHOR_FILE), 'utf8'))).toMatchObject({ seq: 3 });
    if (process.platform !== 'win32') expect(statSync(join(dir, AUDIT_ANCHOR_FILE)).mode & 0o777).toBe(0o600);
    const good = readFileSync(join(dir, AUDIT_ANCHOR_FILE), 'utf8');
    writeFileSync(join(dir, AUDIT_ANCHOR_FILE), good.replace(/"mac":"[0-9a-f]/, (m) => m.slice(0, -1) + (m.endsWith('0') ? '1' : '0')));
    expect(verifyAudit(store, keys)).toMatchObject({ ok: false, reason: expect.stringMatching(/does not verify/) });
    rmSync(join(dir, AUDIT_ANCHOR_FILE));
    expect(verifyAudit(store, keys)).toMatchObject({ ok: false, reason: expect.stringMatching(/anchor file .* is missing/) });
    fill(1);
    expect(verifyAudit(store, keys)).toEqual({ ok: true, records: 4, checkpoints: 0 });
  });

  it('a transaction that rolls back never moves the anchor', () => {
    fill(2);
    expect(() =>
      store.db.transaction(() => {
        appendAudit(store, keys, { actor: 'user', event: 'decision' });
        throw new Error('caller failed after appending');
      })(),
    ).toThrow(/caller failed/);
    expect(JSON.parse(readFileSync(join(dir, AUDIT_ANCHOR_FILE), 'utf8'))).toMatchObject({ seq: 2 });
    expect(verifyAudit(store, keys).ok).toBe(true);
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
