import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as assistant from '../assistant';
import { openStore, type Store } from '../db';
import * as knowledge from '../knowledge';
import * as managedEngine from '../managed';
import { createContext } from './context';
import { startAppJobs } from './managed';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-startup-'));
  store = openStore({ dataDir: join(dir, 'data') });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Timers that record the daily job instead of waiting a day. */
function fakeTimers() {
  const jobs: { fn: () => void; ms: number; cleared: boolean }[] = [];
  return {
    jobs,
    setInterval: ((fn: () => void, ms: number) => {
      const j = { fn, ms, cleared: false };
      jobs.push(j);
      return j;
    }) as unknown as typeof setInterval,
    clearInterval: ((j: { cleared: boolean }) => void (j.cleared = true)) as unknown as typeof clearInterval,
  };
}

function writePolicy(policy: unknown): NodeJS.ProcessEnv {
  const file = join(dir, 'policy.json');
  writeFileSync(file, JSON.stringify(policy));
  return { BASTION_POLICY: file };
}

describe('startAppJobs (the desktop app\'s background work)', () => {
  it('enforces history retention at start and schedules it daily; stop clears the timer', async () => {
    const old = Date.now() - 40 * 86_400_000;
    assistant.appendExchange(store, 'cv_old', 'which passwords are reused?', 'two', 'vault', old);
    assistant.appendExchange(store, 'cv_new', 'is SMS 2FA safe?', 'better than nothing', 'knowledge');
    const timers = fakeTimers();
    const jobs = startAppJobs(createContext({ dataDir: store.dataDir, store, env: writePolicy({ history: { retentionDays: 30 } }) }), { timers, log: () => {} });
    expect(assistant.listConversations(store).map((c) => c.id)).toEqual(['cv_new']);
    expect(timers.jobs).toHaveLength(1);
    expect(timers.jobs[0]?.ms).toBe(86_400_000);
    assistant.appendExchange(store, 'cv_old2', 'q', 'a', 'chat', old);
    timers.jobs[0]?.fn();
    expect(assistant.listConversations(store).map((c) => c.id)).toEqual(['cv_new']);
    jobs.stop();
    expect(timers.jobs[0]?.cleared).toBe(true);
    await jobs.knowledgeReady;
  });

  it('indexes the organisation\'s knowledge folders and loads its packs in the background', async () => {
    const folder = join(dir, 'corp');
    mkdirSync(folder);
    writeFileSync(join(folder, 'vpn.md'), '# VPN policy\n\nAlways connect through the platypusnet gateway.\n');
    const pack = join(dir, 'pack.db');
    const packDocs = join(dir, 'packdocs');
    mkdirSync(packDocs);
    writeFileSync(join(packDocs, 'travel.md'), '# Travel policy\n\nBorrow a loaner laptop named axolotl before trips.\n');
    await managedEngine.buildKnowledgePack([packDocs], pack, { noEmbed: true });
    const logs: string[] = [];
    const ctx = createContext({ dataDir: store.dataDir, store, env: writePolicy({ knowledge: { folders: [folder], packs: [pack, join(dir, 'missing.db')] } }) });
    const jobs = startAppJobs(ctx, { timers: fakeTimers(), log: (m) => logs.push(m) });
    await jobs.knowledgeReady;
    jobs.stop();
    const titles = knowledge.listDocuments(store).map((d) => d.title).sort();
    expect(titles).toEqual(['Travel policy', 'VPN policy']);
    expect(logs.join('\n')).toMatch(/missing\.db skipped: the pack file does not exist/);
  });

  it('reports a failing job and carries on (never throws)', async () => {
    const logs: string[] = [];
    const ctx = createContext({ dataDir: store.dataDir, store, env: writePolicy({ knowledge: { packs: [join(dir, 'not-a-pack.db')] } }) });
    writeFileSync(join(dir, 'not-a-pack.db'), 'not sqlite');
    const jobs = startAppJobs(ctx, { timers: fakeTimers(), log: (m) => logs.push(m) });
    await jobs.knowledgeReady;
    jobs.stop();
    expect(logs.join('\n')).toMatch(/not-a-pack\.db skipped/);
  });
});
