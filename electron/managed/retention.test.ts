import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore, type Store, type Migration } from '../db';
import { DAY_MS, enforceRetention, scheduleRetention } from './retention';
import { rotate, rotateIfNeeded } from './rotation';

// Stands in for the assistant's migration 0003: the documented table chat_messages(created_at).
const chat: Migration = {
  version: 1,
  name: 'chat',
  up: (db) => db.exec('create table chat_messages (id integer primary key, conversation text not null, created_at any not null, body text not null) strict'),
};

const NOW = Date.UTC(2026, 10, 23);
let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-retention-'));
  store = openStore({ dataDir: dir, migrations: [chat] });
  const ins = store.db.prepare('insert into chat_messages (conversation, created_at, body) values (?, ?, ?)');
  for (const [age, form] of [[1, 'ms'], [10, 'ms'], [40, 'ms'], [40, 's'], [5, 's'], [40, 'iso'], [2, 'iso']] as const) {
    const t = NOW - age * DAY_MS;
    ins.run('c1', form === 'ms' ? t : form === 's' ? Math.floor(t / 1000) : new Date(t).toISOString(), `${age}d ${form}`);
  }
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const bodies = () => store.db.prepare<{ body: string }>('select body from chat_messages order by id').all().map((r) => r.body);

describe('enforceRetention', () => {
  it('deletes history older than the policy retention, whatever the timestamp form', () => {
    const r = enforceRetention(store, { history: { retentionDays: 30 } }, NOW);
    expect(r).toEqual({ mode: 'days', cutoffMs: NOW - 30 * DAY_MS, deleted: 3 });
    expect(bodies()).toEqual(['1d ms', '10d ms', '5d s', '2d iso']);
  });

  it('uses the shorter of policy and user retention', () => {
    expect(enforceRetention(store, { history: { retentionDays: 30 } }, NOW, { user: { 'history.retentionDays': 7 } }).deleted).toBe(4);
    expect(bodies()).toEqual(['1d ms', '5d s', '2d iso']);
  });

  it('deletes all history when the policy turns history off, even if the user turned it on', () => {
    const r = enforceRetention(store, { history: 'off' }, NOW, { user: { 'history.enabled': true } });
    expect(r.mode).toBe('off');
    expect(bodies()).toEqual([]);
  });

  it('a user who turns history off keeps what is stored (until they clear it); their retention days still apply', () => {
    expect(enforceRetention(store, {}, NOW, { user: { 'history.enabled': false } })).toEqual({ mode: 'keep', cutoffMs: null, deleted: 0 });
    expect(bodies()).toHaveLength(7);
    expect(enforceRetention(store, {}, NOW, { user: { 'history.enabled': false, 'history.retentionDays': 7 } }).mode).toBe('days');
  });

  it('keeps everything without a retention limit', () => {
    expect(enforceRetention(store, {}, NOW)).toEqual({ mode: 'keep', cutoffMs: null, deleted: 0 });
    expect(bodies()).toHaveLength(7);
  });

  it('calls the assistant-supplied deleters with the cutoff, in the same transaction', () => {
    const seen: number[] = [];
    const r = enforceRetention(store, { history: { retentionDays: 30 } }, NOW, { deleters: [(_s, cutoff) => (seen.push(cutoff), 2)] });
    expect(seen).toEqual([NOW - 30 * DAY_MS]);
    expect(r.deleted).toBe(5);
    expect(() =>
      enforceRetention(store, { history: { retentionDays: 3 } }, NOW, {
        deleters: [() => {
          throw new Error('boom');
        }],
      }),
    ).toThrow('boom');
    expect(bodies()).toHaveLength(4); // rolled back: nothing from the failed run was deleted
  });

  it('is a no-op when the chat table does not exist (assistant not installed)', () => {
    const other = openStore({ dataDir: join(dir, 'other'), migrations: [] });
    expect(enforceRetention(other, { history: 'off' }, NOW).deleted).toBe(0);
    other.close();
  });
});

describe('scheduleRetention', () => {
  it('runs at once and then daily until stopped', () => {
    vi.useFakeTimers();
    try {
      const run = vi.fn();
      const stop = scheduleRetention(run);
      expect(run).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(DAY_MS * 2);
      expect(run).toHaveBeenCalledTimes(3);
      stop();
      vi.advanceTimersByTime(DAY_MS * 2);
      expect(run).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('audit export rotation', () => {
  it('rotates by size and keeps at most `keep` old files', () => {
    const path = join(dir, 'audit.jsonl');
    expect(rotateIfNeeded(path, { maxBytes: 10, keep: 2 })).toEqual([]); // nothing there yet
    writeFileSync(path, 'small');
    expect(rotateIfNeeded(path, { maxBytes: 10, keep: 2 })).toEqual([]);
    expect(rotateIfNeeded(path, { maxBytes: 10, keep: 2 }, 5)).toHaveLength(1); // would pass the limit
    expect(readFileSync(`${path}.1`, 'utf8')).toBe('small');
    for (const gen of ['gen2', 'gen3', 'gen4']) {
      writeFileSync(path, gen.repeat(5));
      rotateIfNeeded(path, { maxBytes: 10, keep: 2 });
    }
    expect(existsSync(path)).toBe(false);
    expect(readFileSync(`${path}.1`, 'utf8')).toBe('gen4'.repeat(5));
    expect(readFileSync(`${path}.2`, 'utf8')).toBe('gen3'.repeat(5));
    expect(existsSync(`${path}.3`)).toBe(false);
  });

  it('rotate with keep 1 replaces the single old copy', () => {
    const path = join(dir, 'a.jsonl');
    writeFileSync(path, 'one');
    rotate(path, 1);
    writeFileSync(path, 'two');
    expect(rotate(path, 1)).toEqual([{ from: path, to: `${path}.1` }]);
    expect(readFileSync(`${path}.1`, 'utf8')).toBe('two');
  });
});
