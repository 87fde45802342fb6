import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../cli/testing';
import { loadInstallKeys, openStore, type Store } from '../db';
import { createHandlers, createRouter, parseAppOrigin, type Channel, type EventName, type Req, type Res } from '../ipc';
import { SEEDED_VAULT, writeFixture } from '../vault/fixtures';
import { createContext } from '.';

// Each user action exists once, in the use-case layer; the CLI and the desktop app's IPC handlers are adapters over
// it. This runs the main actions through BOTH adapters against one data dir and checks they agree — the drift the
// old, separately written handlers had (model tiers, history switches, audit export defaults) shows up here.

const ORIGIN = 'http://127.0.0.1:5199';
let dir: string;
let dataDir: string;
let store: Store;
let vault: string;
let ipc: <C extends Channel>(channel: C, req: Req<C>) => Promise<Res<C>>;
const events: { event: EventName; payload: unknown }[] = [];
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-adapters-'));
  dataDir = join(dir, 'data');
  vault = join(dir, 'vault.json');
  await writeFixture('bitwarden-json', SEEDED_VAULT, vault);
  writeFileSync(join(dir, 'policy.json'), '{}');
  env = { ...process.env, BASTION_POLICY: join(dir, 'policy.json'), BASTION_MODEL: '' };
  store = openStore({ dataDir });
  const ctx = createContext({ dataDir, store, keys: loadInstallKeys(dataDir), env });
  const router = createRouter(createHandlers({ ctx, emit: (event, payload) => void events.push({ event, payload }), validateEvents: true }), { origin: parseAppOrigin(ORIGIN) });
  ipc = async (channel, req) => {
    const r = await router.dispatch(channel, { frameUrl: `${ORIGIN}/index.html`, isMainFrame: true }, req);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value as never;
  };
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The CLI in this process, as `bastion --data-dir D --json ARGS` would run (same policy file and environment). */
async function cli(...args: string[]): Promise<{ code: number; out: unknown; err: string }> {
  const { code, out, err } = await runCliInProcess(dataDir, env.BASTION_POLICY, args);
  return { code, out: out ? (JSON.parse(out) as unknown) : null, err };
}

describe('the CLI and the app run the same use cases', () => {
  it('import and report agree', async () => {
    const byCli = await cli('import', vault);
    expect(byCli.code, byCli.err).toBe(0);
    const byApp = await ipc('vault:import', { path: vault });
    expect(byApp).toEqual(byCli.out);
    const report = (await cli('report')).out as Res<'vault:report'>;
    const appReport = await ipc('vault:report', {});
    expect(appReport).toEqual({ counts: report.counts, score: report.score, findings: report.findings, excluded: report.excluded, excludedByVault: report.excludedByVault });
  });

  it('knowledge search agrees', async () => {
    const byCli = (await cli('kb', 'search', 'is SMS two-factor safe', '--k', '4')).out as { mode: string; results: { doc: string }[] };
    const byApp = await ipc('kb:search', { query: 'is SMS two-factor safe', k: 4 });
    expect(byApp.mode).toBe(byCli.mode);
    expect(byApp.results.map((r) => r.doc)).toEqual(byCli.results.map((r) => r.doc));
  });

  it('a vault question gets the same facts from both', async () => {
    const q = 'which of my passwords are reused?';
    const byCli = (await cli('ask', '--no-llm', q)).out as { route: string; findings: unknown[]; answer: string };
    await ipc('ask:start', { question: q, conversationId: 'cv_adapters1', noLlm: true });
    await expect.poll(() => events.find((e) => e.event === 'ask:done')).toBeTruthy();
    const done = events.find((e) => e.event === 'ask:done')!.payload as { conversationId: string; result: { route: string; findings: unknown[]; answer: string } };
    expect(done.conversationId).toBe('cv_adapters1');
    expect(done.result.route).toBe(byCli.route);
    expect(done.result.findings).toEqual(byCli.findings);
  });

  it('one history switch: what the CLI sets, the app reads, and back', async () => {
    expect((await cli('history', 'off')).out).toEqual({ history: 'off' });
    expect((await ipc('settings:get', {})).historyEnabled).toBe(false);
    await ipc('settings:set', { historyEnabled: true });
    expect(((await cli('settings', 'get', 'history.enabled')).out as { value: unknown }).value).toBe(true);
  });

  it('a proposal made by one is reviewed and confirmed by the other, and audited once', async () => {
    const path = join(dir, 'report.csv');
    const made = (await cli('propose', 'export_report', '--args', JSON.stringify({ format: 'csv', path }))).out as { proposal: { id: string; status: string } };
    expect(made.proposal.status).toBe('pending');
    const listed = await ipc('proposals:list', { status: 'pending' });
    const view = listed.find((v) => v.id === made.proposal.id)!;
    expect(view.effect.file).toBe(path);
    expect(view.provenance.by).toBe('You (a button, shortcut or the palette)');
    const cliView = ((await cli('proposals')).out as { id: string; effect: { summary: string } }[]).find((v) => v.id === view.id)!;
    expect(cliView.effect.summary).toBe(view.effect.summary);
    const outcome = await ipc('proposals:confirm', { id: view.id, argsHash: view.argsHash });
    expect(outcome.status).toBe('executed');
    const audit = (await cli('audit')).out as { event: string; proposalId: string | null }[];
    expect(audit.filter((r) => r.proposalId === view.id && r.event === 'executed')).toHaveLength(1);
    expect((await cli('audit', 'verify')).code).toBe(0);
    expect((await ipc('audit:verify', {})).ok).toBe(true);
  });

  it('models are listed alike, with real RAM tiers (never "[object Object]")', async () => {
    const byCli = (await cli('models', 'list')).out as { name: string; tier: string | null }[];
    const byApp = (await ipc('models:list', {})).models;
    expect(byApp.map((m) => [m.name, m.tier])).toEqual(byCli.map((m) => [m.name, m.tier]));
    for (const m of byApp.filter((x) => x.tier !== null)) expect(m.tier).toMatch(/^\d+ GB RAM( \/ \d+ GB VRAM)?$/);
  });

  it('settings changes are audited whichever front end made them', async () => {
    const changes = ((await cli('audit')).out as { event: string; body: { detail?: { setting?: string } } }[]).filter((r) => r.event === 'setting_changed');
    expect(changes.map((r) => r.body.detail?.setting)).toEqual(['history.enabled', 'history.enabled']);
  });
});
