import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Generator } from '../assistant';
import { BastionError } from '../core';
import { createHandlers, createRouter, parseAppOrigin } from '../ipc';
import { activeModelName, installedModels, previousModelName } from '../../models';
import { minimalGguf } from '../../models/test-gguf';
import * as uc from '.';
import { scratchUseCases, type ScratchUseCases } from './testing';

// Rollback, both kinds: the previous model stays until the new one has answered and `models rollback` switches back
// (audited); the managed policy history records each policy seen, and an invalid one is reported against the last
// valid one (audited as policy_changed).

let s: ScratchUseCases;
let dir: string;
let dataDir: string;
let policyFile: string;
beforeEach(() => {
  s = scratchUseCases('rollback');
  ({ dir, dataDir, policyFile } = s);
});
afterEach(() => s.cleanup());

const ctx = () => s.ctx();
const deploy = (policy: unknown) => writeFileSync(policyFile, typeof policy === 'string' ? policy : JSON.stringify(policy));

async function install(name: string): Promise<string> {
  const src = join(dir, `${name}.gguf`);
  writeFileSync(src, minimalGguf({ architecture: 'llama', name }));
  const m = await uc.models.importFile(ctx(), src, { use: true });
  return m.sha256;
}

/** A model that answers every prompt with the same sentence. */
const echo = (text: string): ((path: string) => Promise<Generator>) => async () => ({
  generate: async () => ({ text, aborted: false, stopReason: 'eogToken' as const, promptTokens: 1, generatedTokens: 1, trimmedTurns: 0, reusedTokens: 0, ttftMs: null }),
});

async function codeOf(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
  } catch (e) {
    return e instanceof BastionError ? e.code : String(e);
  }
  return undefined;
}

describe('model rollback', () => {
  it('keeps the old model until the new one has answered, switches back, and audits the rollback', async () => {
    await install('old');
    await install('new');
    expect(previousModelName(dataDir)).toBe('old');
    expect(await codeOf(() => uc.models.remove(ctx(), 'old'))).toBe('CONFLICT');

    // An answer whose text came from the new model marks it as having answered.
    const text = 'Use a different password for every account, kept in a password manager.';
    const r = await uc.assistant.ask(ctx(), { question: 'is SMS two-factor authentication safe?', loadModel: echo(text) });
    expect(r.answer).toContain(text);
    expect(r.fallback).toBeNull();
    expect(installedModels(dataDir).find((m) => m.name === 'new')?.answeredAt).not.toBeNull();
    expect(installedModels(dataDir).find((m) => m.name === 'old')?.answeredAt ?? null).toBeNull();

    const back = uc.models.rollback(ctx());
    expect(back.from).toBe('new');
    expect(back.to.name).toBe('old');
    expect(activeModelName(dataDir)).toBe('old');
    const audit = uc.audit.listRecords(ctx()).filter((a) => a.event === 'model_changed');
    expect(audit.at(-1)?.body.detail).toMatchObject({ change: 'rolled_back', from: 'new', model: 'old', sha256: back.to.sha256 });
  });

  it('asks the managed policy again: a model no longer on the allow-list is not rolled back to', async () => {
    await install('old');
    const newSha = await install('new');
    deploy({ models: { allowedSha256: [newSha] } });
    expect(await codeOf(() => uc.models.rollback(ctx()))).toBe('POLICY_DENIED');
    expect(activeModelName(dataDir)).toBe('new');
  });

  it('is offered over IPC too, and the model list marks the rollback target', async () => {
    await install('old');
    await install('new');
    const origin = 'http://127.0.0.1:5199';
    const router = createRouter(createHandlers({ ctx: ctx(), emit: () => {}, validateEvents: true }), { origin: parseAppOrigin(origin) });
    const call = (channel: 'models:list' | 'models:rollback') => router.dispatch(channel, { frameUrl: `${origin}/index.html`, isMainFrame: true }, {});
    const listed = await call('models:list');
    expect(listed.ok && (listed.value as { models: { name: string; previous?: boolean }[] }).models.find((m) => m.name === 'old')?.previous).toBe(true);
    expect(await call('models:rollback')).toEqual({ ok: true, value: { from: 'new', name: 'old' } });
  });
});

describe('policy history (use cases)', () => {
  it('records each policy seen, audits changes, and reports an invalid one against the last valid one', () => {
    deploy({ actions: { maxBatch: 5 } });
    uc.managed.beforeCommand(ctx());
    uc.managed.beforeCommand(ctx()); // the same file again: nothing new
    deploy({ actions: { maxBatch: 'five' }, hotkey: { enabled: false } });
    const view = uc.managed.policyState(ctx());
    expect(view).toMatchObject({ status: 'invalid', locked: true, changes: { added: ['hotkey.enabled'], removed: [], changed: ['actions.maxBatch'] } });
    expect(view.message).toMatch(/is invalid at actions\.maxBatch.*Compared with the last valid policy \(sha256 [0-9a-f]{12}….*changed actions\.maxBatch.*locked down/);
    expect(view.fallback).toMatchObject({ reason: 'locked_down' });
    expect(view.lastValid?.status).toBe('valid');
    expect(view.history.map((h) => h.status)).toEqual(['invalid', 'valid']);

    deploy({ actions: { maxBatch: 5 } }); // the administrator redeploys the last valid file
    const fixed = uc.managed.policyState(ctx());
    expect(fixed).toMatchObject({ status: 'valid', locked: false, fallback: null, changes: null });
    expect(fixed.history.map((h) => h.status)).toEqual(['valid', 'invalid', 'valid']);
    expect(fixed.history[0]!.sha256).toBe(fixed.history[2]!.sha256);

    const changes = uc.audit.listRecords(ctx()).filter((a) => a.event === 'policy_changed');
    expect(changes.map((a) => [a.actor, (a.body.detail as { to: { status: string } }).to.status])).toEqual([
      ['policy', 'valid'],
      ['policy', 'invalid'],
      ['policy', 'valid'],
    ]);
    expect((changes[1]!.body.detail as { changes: unknown }).changes).toEqual({ added: ['hotkey.enabled'], removed: [], changed: ['actions.maxBatch'] });
    expect(uc.audit.verify(ctx()).ok).toBe(true);
  });

  it('the app records the policy at start, and policy:status carries the history and the fallback', async () => {
    deploy('{"models": ');
    const jobs = uc.managed.startAppJobs(ctx(), { log: () => {}, timers: { setInterval: (() => 0) as unknown as typeof setInterval, clearInterval: () => {} } });
    await jobs.knowledgeReady;
    jobs.stop();
    const origin = 'http://127.0.0.1:5199';
    const router = createRouter(createHandlers({ ctx: ctx(), emit: () => {}, validateEvents: true }), { origin: parseAppOrigin(origin) });
    const r = await router.dispatch('policy:status', { frameUrl: `${origin}/index.html`, isMainFrame: true }, {});
    expect(r.ok).toBe(true);
    const v = (r as { value: { state: string; history: { status: string }[]; fallback: { reason: string } | null } }).value;
    expect(v.state).toBe('invalid');
    expect(v.history.map((h) => h.status)).toEqual(['invalid']);
    expect(v.fallback?.reason).toBe('locked_down');
  });
});
