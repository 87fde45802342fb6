import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadInstallKeys, openStore, type InstallKeys, type Store } from '../db';
import { OLD_AFTER_MS } from './analysis/findings';
import { SEEDED_VAULT, writeFixture } from './fixtures';
import { loadItems } from './store/items';
import {
  addExclusion,
  buildReport,
  cachedReport,
  cachedReportJson,
  cachedVaultHealth,
  clearFindingState,
  forgetSource,
  importVault,
  markResolved,
  readVaultHealth,
  removeExclusion,
  snoozeFinding,
  type KeptViewOptions,
  type Report,
} from '.';
import { FINDING_KINDS } from '../vocabulary';

// The kept views (migration 0013) are only a faster way to the same answer: for any store and clock, cachedReport
// equals buildReport and cachedVaultHealth equals readVaultHealth. These tests change the store through every write
// the views depend on, move the clock past each time-dependent finding (and back), and let another connection write
// while a view is being kept.

let root: string;
let dataDir: string;
let store: Store;
let keys: InstallKeys;
const kdbx = () => join(root, 'seed.kdbx');
const json = () => join(root, 'seed.json');

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'bastion-report-cache-'));
  dataDir = join(root, 'data');
  store = openStore({ dataDir });
  keys = loadInstallKeys(dataDir);
  await writeFixture('kdbx', SEEDED_VAULT, kdbx(), { password: 'pw', kdbxVersion: 4, kdf: 'aes' });
  await writeFixture('bitwarden-json', SEEDED_VAULT, json());
  await importVault(store, keys, kdbx(), { password: 'pw', workers: 0 });
});
afterEach(() => {
  store.close();
  rmSync(root, { recursive: true, force: true });
});

const firstOpen = () => buildReport(store).findings[0]!;

const VIEWS = [
  { view: 'report', cached: (o?: KeptViewOptions) => cachedReport(store, o), built: (now?: number) => buildReport(store, now === undefined ? {} : { now }) },
  { view: 'health', cached: (o?: KeptViewOptions) => cachedVaultHealth(store, o), built: (now?: number) => readVaultHealth(store, now === undefined ? {} : { now }) },
] as const;

describe.each(VIEWS)('the kept $view view', ({ view, cached, built }) => {
  const kept = () => store.db.prepare('select built_ms, valid_until_ms from vault_kept_views where view = ?').get(view) as { built_ms: number; valid_until_ms: number } | undefined;
  /** Replaces the kept body with a marker, to tell a view read from the store from one built afresh. */
  function markKept(): unknown {
    const marker = { marker: view };
    store.db.prepare('update vault_kept_views set body = ? where view = ?').run(JSON.stringify(marker), view);
    return marker;
  }

  it('equals the built report, and is then read instead of rebuilt', () => {
    const now = Date.now();
    expect(cached({ now })).toEqual(built(now));
    expect(kept()).toMatchObject({ built_ms: now });
    const marker = markKept();
    expect(cached({ now: now + 1 })).toEqual(marker);
  });

  it('is dropped by every write the report reads: imports, exclusions, snoozes, resolves, clears, forgets', async () => {
    const kinds = FINDING_KINDS;
    let excluded = '';
    const writes: [string, () => unknown][] = [
      ['a second import', () => importVault(store, keys, json(), { workers: 0 })],
      ['exclude an item', () => addExclusion(store, { itemId: (excluded = firstOpen().items[0]!.id), kind: firstOpen().kind })],
      ['include it again', () => expect(removeExclusion(store, { itemId: excluded }, kinds)).toBe(1)],
      ['snooze', () => snoozeFinding(store, firstOpen().kind, [firstOpen().items[0]!.id], Date.now() + 86_400_000)],
      ['clear the snooze', () => clearFindingState(store, buildReport(store).suppressed[0]!.kind, [buildReport(store).suppressed[0]!.items[0]!.id])],
      ['resolve', () => markResolved(store, firstOpen().kind, [firstOpen().items[0]!.id])],
      ['forget a source', () => forgetSource(store, json())],
      ['re-import', () => importVault(store, keys, kdbx(), { password: 'pw', workers: 0 })],
    ];
    for (const [what, write] of writes) {
      cached();
      const marker = markKept();
      expect(cached(), `${what}: kept before the write`).toEqual(marker);
      await write();
      expect(kept(), `${what}: dropped by the write`).toBeUndefined();
      expect(cached(), what).toEqual(built());
    }
  });

  it('is rebuilt when a snooze runs out, and when the clock is set back', () => {
    const f = firstOpen();
    const until = Date.now() + 60_000;
    snoozeFinding(store, f.kind, [f.items[0]!.id], until);
    expect(cached({ now: until - 1000 })).toEqual(built(until - 1000));
    expect(buildReport(store, { now: until - 1000 }).suppressed.some((s) => s.items.some((i) => i.id === f.items[0]!.id))).toBe(true);
    expect(kept()!.valid_until_ms).toBeLessThanOrEqual(until);
    for (const now of [until - 1, until, until + 1, until - 120_000]) {
      expect(cached({ now }), `at ${now - until} ms`).toEqual(built(now));
    }
  });

  it('is rebuilt the moment a password turns old, never before', () => {
    // The most recently changed password is the next to turn old: walk the clock across that instant.
    const changed = loadItems(store)
      .filter((i) => i.kind === 'login' && i.hasPassword)
      .map((i) => i.passwordChangedMs ?? i.modifiedMs)
      .filter((t): t is number => t !== null)
      .sort((a, b) => b - a)[0]!;
    const turns = changed + OLD_AFTER_MS;
    const oldCount = (r: Report) => r.findings.filter((x) => x.kind === 'old').length;
    cached({ now: turns - 5000 });
    expect(kept()!.valid_until_ms).toBe(Math.floor(turns));
    for (const now of [turns - 1, turns, turns + 1, turns + 86_400_000]) {
      expect(cached({ now }), `at ${now - turns} ms`).toEqual(built(now));
    }
    expect(oldCount(buildReport(store, { now: turns + 1 }))).toBeGreaterThan(oldCount(buildReport(store, { now: turns - 1 })));
  });

  it('is not kept when another connection writes while it is built', () => {
    const other = openStore({ dataDir });
    const item = firstOpen().items[0]!.id;
    const before = built();
    const r = cached({ beforeStore: () => addExclusion(other, { itemId: item }) });
    other.close();
    expect(r).toEqual(before); // the view of the snapshot it read
    expect(kept()).toBeUndefined(); // but not kept: it no longer describes the store
    expect(buildReport(store).excluded.some((x) => x.items.some((i) => i.id === item))).toBe(true);
    expect(cached()).toEqual(built());
    expect(cached()).not.toEqual(before);
  });

  it('still answers on a read-only store, and ignores a kept view of another format', () => {
    store.close();
    store = openStore({ dataDir, readonly: true });
    expect(cached()).toEqual(built());
    store.close();
    store = openStore({ dataDir });
    cached();
    markKept();
    store.db.prepare('update vault_kept_views set format = 0 where view = ?').run(view);
    expect(cached()).toEqual(built());
  });
});

describe('the kept report as text', () => {
  it('is the two-space JSON of the built report, built or kept, before and after a change', () => {
    const text = () => JSON.stringify(buildReport(store), null, 2);
    expect(cachedReportJson(store)).toBe(text()); // built and kept
    expect(cachedReportJson(store)).toBe(text()); // kept
    expect(JSON.parse(cachedReportJson(store))).toEqual(cachedReport(store));
    addExclusion(store, { itemId: firstOpen().items[0]!.id });
    expect(cachedReportJson(store)).toBe(text());
  });
});
