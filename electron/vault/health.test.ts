import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInstallKeys, openStore, type Store } from '../db';
import { INTERNAL_TEXT_RE } from '../vocabulary';
import { SEEDED_VAULT, writeFixture } from './fixtures';
import { buildReport, clearFindingState, importVault, markResolved, nextStep, readItemHealth, readVaultHealth, snoozeFinding } from '.';

// The per-item health view agrees with the report it is read beside, keeps each finding's state per finding (a snooze
// of one kind leaves the item's other findings open), and offers only next steps the item's source can take.

let root: string;
let store: Store;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bastion-health-'));
  const dataDir = join(root, 'data');
  store = openStore({ dataDir });
  const keys = loadInstallKeys(dataDir);
  await writeFixture('kdbx', SEEDED_VAULT, join(root, 'seed.kdbx'), { password: 'pw', kdbxVersion: 4, kdf: 'aes' });
  await writeFixture('bitwarden-json', SEEDED_VAULT, join(root, 'seed.json'));
  await importVault(store, keys, join(root, 'seed.kdbx'), { password: 'pw' });
  await importVault(store, keys, join(root, 'seed.json'));
});
afterAll(() => {
  store.close();
  rmSync(root, { recursive: true, force: true });
});

describe('vault health per item', () => {
  it('agrees with the report: same score, same open items per kind', () => {
    const h = readVaultHealth(store);
    const r = buildReport(store);
    expect(h.score).toBe(r.score);
    expect(h.counts).toEqual(r.counts);
    for (const f of r.findings) {
      for (const i of f.items) {
        const row = h.items.find((x) => x.id === i.id)!;
        expect(row.findings.some((x) => x.kind === f.kind && x.state === 'open')).toBe(true);
      }
    }
    const open = h.items.flatMap((i) => i.findings.filter((f) => f.state === 'open').map((f) => `${f.kind}:${i.id}`));
    expect(new Set(open)).toEqual(new Set(r.findings.flatMap((f) => f.items.map((i) => `${f.kind}:${i.id}`))));
  });

  it('says where each item came from, and only KeePass items are writable', () => {
    const h = readVaultHealth(store);
    expect(new Set(h.items.map((i) => h.sources[i.source]!).map((s) => `${s.format}:${s.name}:${s.writable}`))).toEqual(new Set(['kdbx:seed.kdbx:true', 'bitwarden-json:seed.json:false']));
  });

  it('the plan names the riskiest items first, with a step the source can take', () => {
    const { plan, items, sources } = readVaultHealth(store);
    expect(plan.length).toBeGreaterThan(0);
    expect(plan.length).toBeLessThanOrEqual(5);
    const risk = plan.map((p) => items.find((i) => i.id === p.itemId)!.risk);
    expect([...risk].sort((a, b) => b - a)).toEqual(risk);
    for (const p of plan) {
      const row = items.find((i) => i.id === p.itemId)!;
      const writable = sources[row.source]!.writable;
      expect(p.step).toBe(nextStep(p.kind, writable));
      if (!writable) expect(['rotate', 'recycle_duplicate']).not.toContain(p.step);
      expect(p.reason).not.toMatch(INTERNAL_TEXT_RE);
    }
  });

  it('snooze and resolve act per finding: the item keeps its other findings open', () => {
    const row = readVaultHealth(store).items.find((i) => i.findings.filter((f) => f.state === 'open').length >= 2)!;
    const [first, second] = row.findings.filter((f) => f.state === 'open');
    const until = Date.now() + 86_400_000;
    snoozeFinding(store, first!.kind, [row.id], until);
    markResolved(store, second!.kind, [row.id]);
    const after = readVaultHealth(store).items.find((i) => i.id === row.id)!;
    expect(after.findings.find((f) => f.kind === first!.kind)).toMatchObject({ state: 'snoozed', until: Math.floor(until) });
    expect(after.findings.find((f) => f.kind === second!.kind)).toEqual({ kind: second!.kind, severity: second!.severity, state: 'resolved', ...(second!.exposure ? { exposure: second!.exposure } : {}) });
    expect(after.findings.filter((f) => f.state === 'open').length).toBe(row.findings.filter((f) => f.state === 'open').length - 2);
    expect(after.risk).toBeLessThan(row.risk);
    clearFindingState(store, first!.kind, [row.id]);
    clearFindingState(store, second!.kind, [row.id]);
    expect(readVaultHealth(store).items.find((i) => i.id === row.id)).toEqual(row);
  });

  it('common passwords and breach-corpus hits are told apart as data', () => {
    const exposed = readVaultHealth(store).items.flatMap((i) => i.findings.filter((f) => f.kind === 'exposed'));
    expect(exposed.length).toBeGreaterThan(0);
    // No corpus is imported here: every exposure is the common-password list.
    expect(exposed.every((f) => f.exposure === 'common')).toBe(true);
  });

  it('details carry each reason and the items a reuse is shared with, by title', () => {
    const reused = buildReport(store).findings.find((f) => f.kind === 'reused')!;
    const d = readItemHealth(store, reused.items[0]!.id)!;
    const f = d.findings.find((x) => x.kind === 'reused')!;
    expect(f.reason).toBe(reused.reason);
    expect(f.related.map((r) => r.title).sort()).toEqual(reused.items.slice(1).map((i) => i.title).sort());
    expect(d.urls.length).toBeGreaterThan(0);
    expect(readItemHealth(store, 'it_doesnotexist')).toBeNull();
  });

  it('details read one item and its peers only, and agree with the whole-vault rows', () => {
    const h = readVaultHealth(store);
    for (const row of h.items) {
      const d = readItemHealth(store, row.id)!;
      expect(d.item).toEqual(row);
      expect(d.source).toEqual(h.sources[row.source]);
    }
  });
});
