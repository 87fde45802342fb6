import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAudit } from '../audit';
import { DB_FILE, KEY_FILE, loadInstallKeys, openStore, type Migration, type Store } from '../db';
import { executeWipe, planWipe } from './wipe';

const CANARY = 'canary-wipe-7f3a9c';

// A schema shaped like Bastion's: plain tables, FTS5 (plain, contentless, external content), vec0 when sqlite-vec
// loads, an append-only audit table with a foreign key into proposals, and the egress log.
const schema: Migration = {
  version: 1,
  name: 'shape',
  up(db) {
    db.exec(`
      create table items (id integer primary key, title text not null) strict;
      create table proposals (id text primary key, action text not null) strict;
      create table audit_log (seq integer primary key, proposal_id text references proposals(id), body text not null) strict;
      create trigger audit_no_delete before delete on audit_log begin select raise(abort, 'append-only'); end;
      create table egress_log (id integer primary key, url text not null) strict;
      create table chat_messages (id integer primary key, created_at integer not null, body text not null) strict;
      -- virtual tables cannot be STRICT
      create virtual table kb_fts using fts5(body);
      create virtual table kb_fts_ext using fts5(title, content='items', content_rowid='id');
      create virtual table kb_fts_nocontent using fts5(body, content='');
    `);
  },
};

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-wipe-'));
  store = openStore({ dataDir: dir, migrations: [schema] });
  loadInstallKeys(dir);
  const db = store.db;
  if (store.vecVersion) db.exec('create virtual table kb_vec using vec0(embedding float[4])');
  db.transaction(() => {
    for (let i = 1; i <= 50; i++) {
      db.prepare('insert into items (id, title) values (?, ?)').run(i, `${CANARY} item ${i}`);
      db.prepare('insert into kb_fts_ext (rowid, title) values (?, ?)').run(i, `${CANARY} item ${i}`);
      db.prepare('insert into kb_fts (body) values (?)').run(`${CANARY} chunk ${i}`);
      db.prepare('insert into kb_fts_nocontent (rowid, body) values (?, ?)').run(i, `${CANARY} chunk ${i}`);
      db.prepare('insert into chat_messages (created_at, body) values (?, ?)').run(i, `${CANARY} said ${i}`);
      if (store.vecVersion) db.prepare('insert into kb_vec (rowid, embedding) values (?, ?)').run(BigInt(i), new Float32Array([i, 0, 0, 1]));
    }
    db.prepare("insert into proposals values ('pr_1', 'export_report')").run();
    db.prepare("insert into audit_log (proposal_id, body) values ('pr_1', 'confirmed export')").run();
    db.prepare("insert into egress_log (url) values ('https://models.example/m.gguf')").run();
  })();
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'models', 'chat.gguf'), 'GGUF');
  writeFileSync(join(dir, 'vault.kdbx.bak'), 'backup');
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (t: string) => (store.db.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;

describe('wipe', () => {
  it('plans to empty everything but the audit trail and what it references', () => {
    const plan = planWipe(store, { includeAudit: false });
    expect(plan.kept).toEqual(['audit_log', 'egress_log', 'proposals']);
    expect(plan.tables).toEqual(expect.arrayContaining(['items', 'chat_messages', 'kb_fts', 'kb_fts_ext', 'kb_fts_nocontent']));
    expect(plan.tables.some((t) => t.startsWith('kb_fts_') && /_(data|idx|docsize|config|content)$/.test(t))).toBe(false); // no shadow tables
    expect(plan.files).toEqual(['models', 'vault.kdbx.bak']);
  });

  it('removes all local data, keeps the audit log and the install key, and leaves no deleted text in the file', () => {
    const done = executeWipe(store, planWipe(store, { includeAudit: false }));
    expect(done.rows).toBeGreaterThanOrEqual(200);
    for (const t of ['items', 'chat_messages', 'kb_fts', 'kb_fts_ext', 'kb_fts_nocontent']) expect(count(t)).toBe(0);
    if (store.vecVersion) expect(count('kb_vec')).toBe(0);
    expect(store.db.prepare("select count(*) as n from kb_fts where kb_fts match 'canary'").get()).toEqual({ n: 0 });
    expect(count('audit_log')).toBe(1);
    expect(count('proposals')).toBe(1);
    expect(count('egress_log')).toBe(1);
    expect(readdirSync(dir).filter((f) => !/-(wal|shm)$/.test(f)).sort()).toEqual([DB_FILE, KEY_FILE]);
    store.close();
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f)).includes(CANARY), f).toBe(false);
  });

  it('with includeAudit removes the database and key too', () => {
    executeWipe(store, planWipe(store, { includeAudit: true }));
    expect(store.db.open).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses to empty the home folder or the root', () => {
    for (const d of [homedir(), '/']) {
      const fake = { ...store, dataDir: d };
      expect(() => planWipe(fake, { includeAudit: false })).toThrow(/Refusing to wipe/);
    }
  });
});

describe('wipe with the real schema', () => {
  it('keeps an audit chain that still verifies', async () => {
    const { MIGRATIONS } = await import('../db/migrations');
    const d = mkdtempSync(join(tmpdir(), 'bastion-wipe-real-'));
    try {
      const s = openStore({ dataDir: d, migrations: MIGRATIONS });
      const keys = loadInstallKeys(d);
      for (let i = 0; i < 20; i++) appendAudit(s, keys, { actor: 'user', event: 'confirmed', action: 'export_report', args: { n: i } });
      s.db.prepare('insert into settings values (?, ?, 0)').run('hotkey.enabled', 'false');
      const plan = planWipe(s, { includeAudit: false });
      expect(plan.kept).toContain('audit_log');
      executeWipe(s, plan);
      expect(s.db.prepare('select count(*) as n from settings').get()).toEqual({ n: 0 });
      const reopened = openStore({ dataDir: d });
      expect(verifyAudit(reopened, loadInstallKeys(d))).toMatchObject({ ok: true });
      reopened.close();
      s.close();
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
