import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS, openSqlite } from '../../native';
import { BastionError } from '../core';
import { mountTmpfs, tmpfsUnavailable } from './testing';
import type { Migration } from './migration';
import { APPLICATION_ID, DB_CHECKED_FILE, DB_FILE, openStore } from './open';
import { fileIdentity } from './integrity-memo';
import { loadInstallKeys, KEY_FILE } from './install-key';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const m1: Migration = { version: 1, name: 'a', up: (db) => db.exec('create table a (x integer not null) strict') };
const m2: Migration = { version: 2, name: 'b', up: (db) => db.exec('create table b (y text not null) strict') };

function errorOf(fn: () => unknown): BastionError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BastionError) return e;
    throw new Error(`not a BastionError: ${String(e)}`);
  }
  throw new Error('did not throw');
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof BastionError ? e.code : 'not-a-bastion-error';
  }
  return undefined;
}

describe('openStore', () => {
  it('creates a new database with our application id, WAL and FULL sync, and runs all migrations', () => {
    const store = openStore({ dataDir: dir, migrations: [m1, m2] });
    expect(store.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(store.db.pragma('user_version', { simple: true })).toBe(2);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    store.db.prepare('insert into b values (?)').run('ok');
    store.close();
  });

  it('runs only the pending migrations on reopen', () => {
    openStore({ dataDir: dir, migrations: [m1] }).close();
    const store = openStore({ dataDir: dir, migrations: [m1, m2] });
    expect(store.db.pragma('user_version', { simple: true })).toBe(2);
    store.close();
  });

  it('rolls a failing migration back completely', () => {
    openStore({ dataDir: dir, migrations: [m1] }).close();
    const bad: Migration = { version: 2, name: 'bad', up: (db) => { db.exec('create table c (z integer) strict'); throw new Error('boom'); } };
    expect(codeOf(() => openStore({ dataDir: dir, migrations: [m1, bad] }))).toBe('DB_ERROR');
    const store = openStore({ dataDir: dir, migrations: [m1] });
    expect(store.db.pragma('user_version', { simple: true })).toBe(1);
    expect(store.db.prepare("select count(*) as n from sqlite_master where name = 'c'").get()).toEqual({ n: 0 });
    store.close();
  });

  it('refuses a database written by a newer Bastion', () => {
    openStore({ dataDir: dir, migrations: [m1, m2] }).close();
    expect(codeOf(() => openStore({ dataDir: dir, migrations: [m1] }))).toBe('DB_ERROR');
  });

  it('refuses an empty file, a foreign SQLite file and a non-SQLite file instead of making a new database', () => {
    writeFileSync(join(dir, DB_FILE), '');
    expect(codeOf(() => openStore({ dataDir: dir, migrations: [m1] }))).toBe('DB_ERROR');

    rmSync(join(dir, DB_FILE));
    const { db } = openSqlite(join(dir, DB_FILE), { vector: false });
    db.exec('create table other (x)');
    db.close();
    expect(codeOf(() => openStore({ dataDir: dir, migrations: [m1] }))).toBe('DB_ERROR');

    writeFileSync(join(dir, DB_FILE), 'this is not sqlite at all, just text that goes on for a while '.repeat(100));
    expect(codeOf(() => openStore({ dataDir: dir, migrations: [m1] }))).toBe('DB_ERROR');
  });

  it('loads sqlite-vec', () => {
    const store = openStore({ dataDir: dir, migrations: [m1] });
    expect(store.vecVersion).toMatch(/^v?\d+\.\d+/);
    store.close();
  });
});

describe('loadInstallKeys', () => {
  it('creates a 0600 key once and derives distinct, stable subkeys', () => {
    const a = loadInstallKeys(dir);
    const b = loadInstallKeys(dir);
    expect(a.fingerprint.equals(b.fingerprint)).toBe(true);
    expect(a.fingerprint.equals(a.audit)).toBe(false);
    if (process.platform !== 'win32') expect(statSync(join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
  });
});

describe('integrity check at open', () => {
  const mIdx: Migration = { version: 1, name: 'idx', up: (db) => db.exec('create table t (k text not null, v text not null) strict; create index t_k on t (k)') };
  /** A store with enough pages for damage to one of them to be found by quick_check (and not by the header checks). */
  function fillIndexedStore(): void {
    const store = openStore({ dataDir: dir, migrations: [mIdx] });
    store.db.transaction(() => {
      const ins = store.db.prepare('insert into t values (?, ?)');
      for (let i = 0; i < 3000; i++) ins.run(`key-${i}-${'x'.repeat(20)}`, 'v'.repeat(40));
    })();
    store.close();
  }
  /** Overwrites the cells of the file's last page, keeping its page type. */
  function damageLastPage(path: string): void {
    const bytes = new Uint8Array(readFileSync(path));
    const pageSize = (bytes[16]! << 8) | bytes[17]!;
    for (let i = 8; i < pageSize; i++) bytes[bytes.length - pageSize + i] = (i * 131) & 0xff;
    writeFileSync(path, bytes);
  }

  it('refuses a database whose pages are damaged, even when this process verified it before the damage', () => {
    fillIndexedStore();
    openStore({ dataDir: dir, migrations: [mIdx] }).close(); // verified and unchanged: fine

    damageLastPage(join(dir, DB_FILE));
    expect(() => openStore({ dataDir: dir, migrations: [mIdx] })).toThrow(/integrity check|not a readable Bastion database/);
  });

  it('remembers a check that passed beside the database, and checks again after any write to it or its WAL', () => {
    fillIndexedStore();
    openStore({ dataDir: dir, migrations: [mIdx] }).close();
    const path = join(dir, DB_FILE);
    const memo = join(dir, DB_CHECKED_FILE);
    const remembered = () => (JSON.parse(readFileSync(memo, 'utf8')) as { identity: string }).identity;
    expect(remembered()).toBe(fileIdentity(path));
    if (process.platform !== 'win32') expect(statSync(memo).mode & 0o777).toBe(0o600);

    // A write through SQLite (into the WAL) makes the memo stale.
    const open = openStore({ dataDir: dir, migrations: [mIdx] });
    open.db.prepare('insert into t values (?, ?)').run('one more', 'row');
    expect(fileIdentity(path)).not.toBe(remembered());
    open.close();

    // Damage written behind SQLite's back is checked again: the memo names the file as it was.
    damageLastPage(path);
    expect(() => openStore({ dataDir: dir, migrations: [mIdx] })).toThrow(/integrity check|not a readable Bastion database/);
    // Only a memo naming the file exactly as it is now skips the check (here forged, to show the memo is what is read).
    writeFileSync(memo, JSON.stringify({ identity: fileIdentity(path) }));
    expect(() => openStore({ dataDir: dir, migrations: [mIdx] }).close()).not.toThrow();
  });
});

describe('concurrency by design', () => {
  it('every connection, read-only ones too, has the busy timeout and trusted_schema off before any work', () => {
    openStore({ dataDir: dir, migrations: [m1] }).close();
    for (const readonly of [false, true]) {
      const store = openStore({ dataDir: dir, migrations: [m1], readonly });
      expect(store.db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
      expect(store.db.pragma('trusted_schema', { simple: true })).toBe(0);
      store.close();
    }
  });

  it('a transaction takes the write lock at BEGIN (IMMEDIATE): another writer waits instead of failing mid-way', () => {
    const a = openStore({ dataDir: dir, migrations: [m1] });
    const { db: b } = openSqlite(join(dir, DB_FILE), { vector: false });
    b.pragma('busy_timeout = 0'); // fail at once rather than wait, so the test can see the lock
    try {
      a.db.transaction(() => {
        a.db.prepare('select count(*) from a').get(); // only a read so far: a DEFERRED transaction would hold no write lock
        expect(() => b.exec('insert into a values (1)')).toThrow(/locked|busy/i);
      })();
      b.exec('insert into a values (2)'); // free again after COMMIT
    } finally {
      b.close();
      a.close();
    }
  });

  it('afterCommit runs after the outermost COMMIT, once per key, and never after a rollback', () => {
    const store = openStore({ dataDir: dir, migrations: [m1] });
    const seen: string[] = [];
    store.db.transaction(() => {
      store.db.afterCommit('k', () => seen.push('first'));
      store.db.transaction(() => store.db.afterCommit('k', () => seen.push(`inner saw ${store.db.inTransaction}`)))();
      expect(seen).toEqual([]);
    })();
    expect(seen).toEqual(['inner saw false']);
    expect(() =>
      store.db.transaction(() => {
        store.db.afterCommit('k', () => seen.push('rolled back'));
        throw new Error('boom');
      })(),
    ).toThrow('boom');
    store.db.transaction(() => undefined)();
    expect(seen).toEqual(['inner saw false']);
    store.close();
  });

  it('removes temp databases a killed creator left behind (its pid is gone), not those of a live one', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'bastion-db-stale-'));
    const dead = `${DB_FILE}.new-2147483646-0badf00d`; // no such pid
    const live = `${DB_FILE}.new-${process.ppid}-0badf00d`;
    for (const f of [dead, `${dead}-wal`, live]) writeFileSync(join(fresh, f), 'x');
    openStore({ dataDir: fresh, migrations: [m1] }).close();
    expect(readdirSync(fresh).filter((f) => f.includes('.new-'))).toEqual([live]);
    rmSync(fresh, { recursive: true, force: true });
  });

  it('never leaves a half-made database or temp file behind, and refuses an empty bastion.db it did not make', () => {
    openStore({ dataDir: dir, migrations: [m1, m2] }).close();
    expect(readdirSync(dir).filter((f) => f.includes('.new-'))).toEqual([]);
    const fresh = mkdtempSync(join(tmpdir(), 'bastion-db-empty-'));
    writeFileSync(join(fresh, DB_FILE), '');
    expect(errorOf(() => openStore({ dataDir: fresh, migrations: [m1] })).message).toMatch(/empty file/);
    rmSync(fresh, { recursive: true, force: true });
  });
});

describe('private files', () => {
  it('bastion.db, -wal and -shm end up 0600 in an existing 0755 data dir, and the dir gets one warning', () => {
    if (process.platform === 'win32') return;
    chmodSync(dir, 0o755);
    const first = openStore({ dataDir: dir, migrations: [m1] });
    first.db.prepare('insert into a values (1)').run();
    for (const f of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) expect((statSync(join(dir, f)).mode & 0o777).toString(8), f).toBe('600');
    expect(first.warning).toMatch(/accessible to other users \(mode 0755\)/);
    // Files an older build left world-readable are tightened at the next open; the warning is not repeated.
    for (const f of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) chmodSync(join(dir, f), 0o644);
    const second = openStore({ dataDir: dir, migrations: [m1] });
    for (const f of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) expect((statSync(join(dir, f)).mode & 0o777).toString(8), f).toBe('600');
    expect(second.warning).toBeNull();
    second.close();
    first.close();
  });
});

describe('errors that tell the truth', () => {
  it('a damaged database with our header is one line saying "damaged", never SQLite\'s text or "not a SQLite database"', () => {
    const mIdx: Migration = { version: 1, name: 'idx', up: (db) => db.exec('create table t (k text not null) strict; create index t_k on t (k)') };
    const store = openStore({ dataDir: dir, migrations: [mIdx] });
    store.db.transaction(() => {
      for (let i = 0; i < 2000; i++) store.db.prepare('insert into t values (?)').run(`key-${i}-${'x'.repeat(30)}`);
    })();
    store.close();
    const path = join(dir, DB_FILE);
    const bytes = new Uint8Array(readFileSync(path));
    const pageSize = (bytes[16]! << 8) | bytes[17]!;
    for (let p = 2; p * pageSize < bytes.length; p += 3) for (let i = 8; i < pageSize; i++) bytes[(p - 1) * pageSize + i] = (i * 7) & 0xff;
    writeFileSync(path, bytes);
    const e = errorOf(() => openStore({ dataDir: dir, migrations: [mIdx] }));
    expect(e.code).toBe('DB_ERROR');
    expect(e.message).toMatch(/is damaged/);
    expect(e.message).not.toMatch(/\n|not a SQLite database|\*\*\*/);

    // SQLite's header followed by garbage: "file is not a database" from SQLite, but it is ours and damaged.
    const garbage = Buffer.alloc(8192, 0x5a);
    garbage.write('SQLite format 3\0', 0, 'latin1');
    writeFileSync(path, garbage);
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
    const e2 = errorOf(() => openStore({ dataDir: dir, migrations: [mIdx] }));
    expect(e2.message).toMatch(/is damaged \(SQLite says: /);
    expect(e2.message).not.toMatch(/\n|not a SQLite database/);
  });

  const noTmpfs = tmpfsUnavailable();
  it.skipIf(noTmpfs !== null)(`a healthy store on a read-only filesystem is "read-only", not "not a database"${noTmpfs ? ` (skipped: ${noTmpfs})` : ''}`, () => {
    const fs = mountTmpfs(1024);
    try {
      const data = join(fs.dir, 'data');
      const store = openStore({ dataDir: data, migrations: [m1] });
      store.db.prepare('insert into a values (1)').run();
      store.close();
      fs.remount('ro');
      for (const readonly of [false, true]) {
        const e = errorOf(() => openStore({ dataDir: data, migrations: [m1], readonly }));
        expect(e.code).toBe('READ_ONLY');
        expect(e.message).toContain(`the data dir is read-only: ${data}`);
        expect(e.message).not.toMatch(/not a (SQLite|Bastion|readable)/);
      }
      expect(errorOf(() => openStore({ dataDir: join(fs.dir, 'new'), migrations: [m1] })).code).toBe('READ_ONLY');
      fs.remount('rw');
      const again = openStore({ dataDir: data, migrations: [m1] });
      expect(again.db.prepare('select count(*) as n from a').get()).toEqual({ n: 1 });
      again.close();
    } finally {
      fs.unmount();
    }
  });
});
