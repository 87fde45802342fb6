import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db';
import { loadManagedPolicy } from './load';
import { compareWithLastValid, LAST_SEEN_STEP_MS, lastValidPolicy, observePolicy, policyHistory, POLICY_HISTORY_KEEP } from './policy-history';
import { policyChanges } from './policy-history-diff';

let dir: string;
let store: Store;
let policyFile: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-policy-history-'));
  store = openStore({ dataDir: join(dir, 'data') });
  policyFile = join(dir, 'policy.json');
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const deploy = (content: unknown) => writeFileSync(policyFile, typeof content === 'string' ? content : JSON.stringify(content));
const load = () => loadManagedPolicy({ BASTION_POLICY: policyFile });

describe('policyChanges', () => {
  it('names keys added, removed and changed, by dotted path, never values', () => {
    const c = policyChanges(
      { models: { allowDownloads: false }, actions: { maxBatch: 5, deny: ['rotate_password'] }, history: 'off' },
      { models: { allowDownloads: 'sometimes', allowedSha256: [] }, actions: { maxBatch: 5, deny: ['rotate_password', 'export_report'] } },
    );
    expect(c).toEqual({ added: ['models.allowedSha256'], removed: ['history'], changed: ['actions.deny', 'models.allowDownloads'] });
    expect(JSON.stringify(c)).not.toContain('sometimes');
  });
});

describe('the policy history', () => {
  it('records nothing on a machine that never had a policy', () => {
    expect(observePolicy(store, loadManagedPolicy({ ProgramData: join(dir, 'none') }, 'win32'))).toEqual({ entry: null, changed: false, previous: null });
    expect(policyHistory(store)).toEqual([]);
  });

  it('adds a row per new digest or status, and only moves last-seen for the same file', () => {
    deploy({ models: { allowDownloads: false } });
    const first = observePolicy(store, load(), 1000);
    expect(first.changed).toBe(true);
    expect(first.entry).toMatchObject({ status: 'valid', path: policyFile, problem: null });
    expect(first.entry!.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The same file again: last-seen moves, in steps (each command reads the policy; not each one writes).
    expect(observePolicy(store, load(), 2000).entry!.lastSeen).toBe(new Date(1000).toISOString());
    const later = 1000 + LAST_SEEN_STEP_MS;
    const again = observePolicy(store, load(), later);
    expect(again.changed).toBe(false);
    expect(again.entry!.lastSeen).toBe(new Date(later).toISOString());

    deploy('{"models": {"allowDownloads": "no"}}');
    const bad = observePolicy(store, load(), later + 1);
    expect(bad).toMatchObject({ changed: true, previous: { status: 'valid' }, entry: { status: 'invalid' } });
    expect(bad.entry!.problem).toMatch(/^is invalid at models\.allowDownloads/);
    expect(bad.entry!.problem).not.toMatch(/locked down/);

    const h = policyHistory(store);
    expect(h.map((e) => e.status)).toEqual(['invalid', 'valid']);
    expect(h[0]!.sha256).not.toBe(h[1]!.sha256);
  });

  it('keeps the last valid policy in full, and says what an invalid one changed against it (keys only)', () => {
    deploy({ actions: { maxBatch: 5 }, history: { retentionDays: 30 } });
    observePolicy(store, load(), 1000);
    deploy({ actions: { maxBatch: 'five' }, history: { retentionDays: 30 }, audit: { allowWipe: true } });
    const state = load();
    expect(state.status).toBe('invalid');
    observePolicy(store, state, 2000);
    expect(lastValidPolicy(store)?.policy).toEqual({ actions: { maxBatch: 5 }, history: { retentionDays: 30 } });
    const cmp = compareWithLastValid(store, state)!;
    expect(cmp.changes).toEqual({ added: ['audit.allowWipe'], removed: [], changed: ['actions.maxBatch'] });
    expect(cmp.message).toMatch(/added audit\.allowWipe; changed actions\.maxBatch\. Bastion runs locked down/);
    expect(cmp.message).not.toContain('five');
  });

  it('says so when the new file is not JSON at all, and has no comparison without a valid one before', () => {
    deploy('{"models": ');
    expect(compareWithLastValid(store, load())).toBeNull();
    deploy({ hotkey: { enabled: false } });
    observePolicy(store, load());
    deploy('{"models": ');
    expect(compareWithLastValid(store, load())?.message).toMatch(/not readable JSON/);
  });

  it('records the policy being removed, and keeps the last valid policy however many changes follow', () => {
    deploy({ hotkey: { enabled: false } });
    observePolicy(store, load(), 1);
    for (let i = 0; i < POLICY_HISTORY_KEEP + 5; i++) {
      deploy(`{"broken": ${i}}`);
      observePolicy(store, load(), 2 + i);
    }
    const h = policyHistory(store, { limit: 1000 });
    expect(h).toHaveLength(POLICY_HISTORY_KEEP + 1);
    expect(h.at(-1)!.status).toBe('valid');
    rmSync(policyFile);
    const gone = observePolicy(store, loadManagedPolicy({ ProgramData: join(dir, 'none') }, 'win32'), 9999);
    expect(gone).toMatchObject({ changed: true, entry: { status: 'absent', sha256: null } });
  });
});
