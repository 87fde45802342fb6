import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateRequest, GenerateResult, ModelKind } from '../../native';
import { loadInstallKeys, openStore, type Store } from '../db';
import { searchKnowledge } from '../knowledge';
import { tokenEstimate } from '../quality';
import { buildReport, importVault } from '../vault';
import { SEEDED_VAULT, writeFixture } from '../vault/fixtures';
import { ask, streamPieces, type AskDeps } from './ask';
import { wholeSentences } from './draft';
import type { Generator } from './model-access';

// Every model draft takes one path (draft.ts): route settings by model kind, a prompt packed to the window, a loop
// stop while streaming, the quality gate, and the deterministic answer when any of it says no.

let dir: string;
let store: Store;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-draft-'));
  store = openStore({ dataDir: dir });
  const file = join(dir, 'seed.json');
  await writeFixture('bitwarden-json', SEEDED_VAULT, file);
  await importVault(store, loadInstallKeys(dir), file, { format: 'bitwarden-json' });
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const done = (text: string, over: Partial<GenerateResult> = {}): GenerateResult => ({ text, aborted: false, stopReason: 'eogToken', promptTokens: 1, generatedTokens: 1, trimmedTurns: 0, reusedTokens: 0, ttftMs: 1, ...over });

/** A scripted model of a given kind and window; `reply` may stream (and watch the signal) like the runtime. */
function scripted(kind: ModelKind, reply: (req: GenerateRequest) => Promise<GenerateResult> | GenerateResult, contextSize = 4096) {
  const calls: GenerateRequest[] = [];
  const model: Generator = { kind, contextSize, countTokens: tokenEstimate, generate: async (req) => (calls.push(req), reply(req)) };
  const deps: Partial<AskDeps> = { resolveModel: () => '/fake/model.gguf', loadModel: async () => model, searchKnowledge: (s, q, o) => searchKnowledge(s, q, { ...o, noEmbed: true }) };
  return { calls, deps };
}

describe('only instruct models write free text', () => {
  it('a base model is never asked for a knowledge answer or chat; the engine answers and says why', async () => {
    const m = scripted('base', () => done('You are Bastion, a security assistant…'));
    const k = await ask(store, 'is SMS 2FA safe?', { deps: m.deps });
    const c = await ask(store, 'hello there', { deps: m.deps });
    expect(m.calls).toHaveLength(0);
    expect(k.answer).toMatch(/^From Bastion's knowledge base/);
    expect(k.fallback).toBe('base_model');
    expect(c.fallback).toBe('base_model');
    expect(k.drafts).toEqual([expect.objectContaining({ route: 'knowledge', status: 'skipped', reasons: [expect.stringMatching(/^base model/)] })]);
  });

  it('a base model phrases a vault intro as a one-line completion, with no vault titles and no rules', async () => {
    const m = scripted('base', () => done(' start with the exposed passwords, then the reused ones.'));
    const r = await ask(store, 'what should I fix first?', { deps: m.deps });
    expect(m.calls).toHaveLength(1);
    const req = m.calls[0]!;
    expect(req).toMatchObject({ mode: 'completion', stop: ['\n'] });
    expect(req.maxTokens).toBeLessThanOrEqual(48);
    expect(req.user).not.toMatch(/<data/);
    for (const f of buildReport(store).findings) for (const i of f.items) expect(req.user).not.toContain(i.title);
    expect(req.system).not.toMatch(/Rules:/);
    // The prompt ends "In short," and the draft shown is that sentence, checked whole.
    expect(req.user.endsWith('In short,')).toBe(true);
    expect(r.answer.startsWith('In short, start with the exposed passwords, then the reused ones.\n\n')).toBe(true);
    expect(r.fallback).toBeUndefined();
  });

  it("a base model's intro that calls a vault with findings fine is dropped", async () => {
    const m = scripted('base', () => done(' the vault is in good condition.'));
    const r = await ask(store, 'what should I fix first?', { deps: m.deps });
    expect(r.answer).not.toMatch(/good condition/);
    expect(r.drafts![0]).toMatchObject({ status: 'rejected', reasons: expect.arrayContaining([expect.stringMatching(/^contradiction/)]) });
  });

  it('an instruct model gets the chat template and the route settings: repetition penalty, stop strings, token limit', async () => {
    const m = scripted('instruct', () => done('Use SMS only when nothing stronger is offered [1].'));
    await ask(store, 'is SMS 2FA safe?', { deps: m.deps });
    await ask(store, 'which of my passwords are weak?', { deps: m.deps });
    const [knowledge, intro] = m.calls;
    expect(knowledge).toMatchObject({ mode: 'chat', temperature: 0, repeatPenalty: expect.objectContaining({ penalty: expect.any(Number), dry: expect.any(Number) }) });
    expect(knowledge!.stop).toEqual(expect.arrayContaining(['\nUser:', '\nSources:']));
    expect(knowledge!.maxTokens).toBe(320);
    expect(intro).toMatchObject({ mode: 'chat' });
    expect(intro!.maxTokens).toBe(80);
    expect(intro!.stop).toContain('\n\n');
  });
});

describe('the quality gate decides what is shown', () => {
  it('stops a looping stream early and answers from the engine', async () => {
    let chunks = 0;
    const m = scripted('instruct', async (req) => {
      let text = '';
      for (let i = 0; i < 200 && !req.signal?.aborted; i++) {
        const piece = "I'm sorry for your loss. ";
        text += piece;
        chunks++;
        req.onTextChunk?.(piece);
      }
      return done(text, { aborted: Boolean(req.signal?.aborted), stopReason: req.signal?.aborted ? 'abort' : 'maxTokens' });
    });
    const r = await ask(store, 'is SMS 2FA safe?', { deps: m.deps });
    expect(chunks).toBeLessThan(5);
    expect(r.answer).not.toMatch(/sorry for your loss/);
    expect(r.fallback).toBe('quality');
    expect(r.drafts![0]).toMatchObject({ status: 'rejected', reasons: [expect.stringMatching(/^repetition: .*stopped early/)] });
  });

  it('a draft cut by the token limit keeps its whole sentences', async () => {
    const m = scripted('instruct', () => done('Use SMS only when nothing stronger is offered [1]. Switch important accounts to an authenticator', { stopReason: 'maxTokens' }));
    const r = await ask(store, 'is SMS 2FA safe?', { deps: m.deps });
    expect(r.answer).toBe('Use SMS only when nothing stronger is offered [1].');
    expect(wholeSentences('One. Two [2][3]. Thr')).toBe('One. Two [2][3].');
    expect(wholeSentences('no end')).toBe('');
  });

  it('a stopped answer keeps what passed, marked as stopped', async () => {
    const controller = new AbortController();
    const m = scripted('instruct', (req) => {
      controller.abort();
      return done('Use SMS only when nothing stronger is offered [1]. Switch impor', { aborted: Boolean(req.signal?.aborted), stopReason: 'abort' });
    });
    const r = await ask(store, 'is SMS 2FA safe?', { deps: m.deps, signal: controller.signal });
    expect(r.answer).toBe('Use SMS only when nothing stronger is offered [1]. …(stopped)');
    expect(r.drafts![0]!.status).toBe('stopped');
  });

  it('streams only the checked answer, in pieces once it is final', async () => {
    const m = scripted('instruct', (req) => {
      req.onTextChunk?.('You are Bastion, ');
      return done('You are Bastion, a security assistant running entirely on this computer.');
    });
    const streamed: string[] = [];
    const r = await ask(store, 'is SMS 2FA safe?', { deps: m.deps, onToken: (d) => streamed.push(d) });
    expect(streamed.join('')).toBe(r.answer);
    expect(streamed.length).toBeGreaterThan(1);
    expect(streamed.join('')).not.toMatch(/You are Bastion/);
    expect(streamPieces('a\n'.repeat(10_000))).toHaveLength(200);
  });

  it('--trace-prompts records each call with its settings, the output and the verdict', async () => {
    const trace = join(dir, 'verdicts.jsonl');
    const m = scripted('instruct', () => done('Save your codes to Google Drive [9].'));
    await ask(store, 'is SMS 2FA safe?', { deps: m.deps, tracePromptsFile: trace });
    const line = JSON.parse(readFileSync(trace, 'utf8').trim().split('\n').at(-1)!) as { route: string; settings: { mode: string }; output: { text: string }; verdict: { ok: boolean; reasons: string[] } };
    expect(line).toMatchObject({ route: 'knowledge', settings: { mode: 'chat' }, output: { text: 'Save your codes to Google Drive [9].' }, verdict: { ok: false } });
    expect(line.verdict.reasons.map((r) => r.split(':')[0])).toEqual(expect.arrayContaining(['citation', 'name']));
  });
});

describe('context budgets', () => {
  it("packs a vault's facts into a small window with the model's own counter: counts, the riskiest items, and the rest as a number", async () => {
    const m = scripted('instruct', () => done('Fix the exposed passwords first.'), 800);
    const r = await ask(store, 'give me an overview of my vault', { deps: m.deps });
    const req = m.calls[0]!;
    expect(tokenEstimate(req.system) + tokenEstimate(req.user) + req.maxTokens!).toBeLessThanOrEqual(800);
    expect(req.user).toMatch(/and \d+ more — see Vault health/);
    expect(r.answer.startsWith('Fix the exposed passwords first.')).toBe(true);
  });

  it('when even the question does not fit the window, the engine answers: never an error for size', async () => {
    const m = scripted('instruct', () => done('never asked'), 64);
    const r = await ask(store, 'is SMS 2FA safe?', { deps: m.deps });
    expect(m.calls).toHaveLength(0);
    expect(r.fallback).toBe('too_large');
    expect(r.citations.length).toBeGreaterThan(0);
  });
});
