import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../native';
import { BastionError } from '../core';
import type { Migration } from './migration';
import { APPLICATION_ID, DB_FILE, openStore } from './open';
import { loadInstallKeys, KEY_FILE } from './install-key';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const m1: Migration = { version: 1, name: 'a', up: (db) => db.exec('create table a (x integer not null) strict') };
const m2: Migration = { version: 2, name: 'b', up: (db) => db.exec('create table b (y text not null) strict') };

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
  it('refuses a database whose pages are damaged, even when this process verified it before the damage', () => {
    const mIdx: Migration = { version: 1, name: 'idx', up: (db) => db.exec('create table t (k text not null, v text not null) strict; create index t_k on t (k)') };
    const store = openStore({ dataDir: dir, migrations: [mIdx] });
    store.db.transaction(() => {
      const ins = store.db.prepare('insert into t values (?, ?)');
      for (let i = 0; i < 3000; i++) ins.run(`key-${i}-${'x'.repeat(20)}`, 'v'.repeat(40));
    })();
    store.close();
    openStore({ dataDir: dir, migrations: [mIdx] }).close(); // verified and unchanged: fine

    const path = join(dir, DB_FILE);
    const bytes = new Uint8Array(readFileSync(path));
    const pageSize = (bytes[16]! << 8) | bytes[17]!;
    const lastPage = bytes.length - pageSize;
    for (let i = 8; i < pageSize; i++) bytes[lastPage + i] = (i * 131) & 0xff; // keep the page type, wreck the cells
    writeFileSync(path, bytes);
    expect(() => openStore({ dataDir: dir, migrations: [mIdx] })).toThrow(/integrity check|not a readable Bastion database/);
  });
});
