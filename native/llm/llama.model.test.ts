import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestGrammarSchema, validateRequest } from '../../electron/assistant';
import { appRoot } from '../../electron/db';
import { completionPrompt } from './generation';
import { readGgufHeader } from './gguf';
import { loadLlmRuntime, type ChatTurn, type LlmRuntime } from './llama';

// The generated tiny model (random weights, real tokenizer and chat template): every runtime path is real.
const TINY = join(appRoot(), '.cache', 'models', 'tiny.gguf');
// The same without a chat template: a base model.
const TINY_BASE = join(appRoot(), '.cache', 'models', 'tiny-base.gguf');
let rt: LlmRuntime;

/** How often the most frequent 6-character run occurs: a looping text repeats one many times. */
function maxRepeat(text: string): number {
  const counts = new Map<string, number>();
  for (let i = 0; i + 6 <= text.length; i++) counts.set(text.slice(i, i + 6), (counts.get(text.slice(i, i + 6)) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

beforeAll(async () => {
  if (!existsSync(TINY) || !existsSync(TINY_BASE)) execFileSync('bash', [join(appRoot(), 'scripts', 'make-tiny-model.sh')], { stdio: 'inherit' });
  // One thread: on a shared 2-core machine llama.cpp's spinning worker threads slow each other down badly.
  rt = await loadLlmRuntime({ modelPath: TINY, contextSize: 1024, threads: 1 });
});
afterAll(async () => rt?.dispose());

describe('LlmRuntime on the tiny model', () => {
  it('loads with the chat template from the model and reports the GPU type', async () => {
    expect(rt.chatWrapper).toBe('ChatMLChatWrapper');
    expect(rt.kind).toBe('instruct');
    expect(rt.gpu === false || ['cuda', 'vulkan', 'metal'].includes(rt.gpu)).toBe(true);
    expect(rt.contextSize).toBe(1024);
    expect(await readGgufHeader(TINY)).toMatchObject({ architecture: 'llama', name: 'bastion-tiny-test', contextLength: 4096 });
  });

  it('streams text chunks that add up to the answer', async () => {
    const chunks: string[] = [];
    const r = await rt.generate({ system: 'You are a test.', user: 'Say something.', maxTokens: 16, onTextChunk: (d) => chunks.push(d) });
    expect(r.generatedTokens).toBeGreaterThan(0);
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.join('')).toBe(r.text);
    expect(r.ttftMs).not.toBeNull();
    expect(r.aborted).toBe(false);
  });

  it('stops mid-generation when cancelled and returns the partial text', async () => {
    const controller = new AbortController();
    let seen = 0;
    const r = await rt.generate({
      system: 'You are a test.',
      user: 'Write a long answer.',
      maxTokens: 400,
      signal: controller.signal,
      onTextChunk: () => {
        if (++seen === 3) controller.abort();
      },
    });
    expect(r.aborted).toBe(true);
    expect(r.stopReason).toBe('abort');
    expect(r.generatedTokens).toBeLessThan(400);
    expect(r.generatedTokens).toBeGreaterThanOrEqual(3);
    // The runtime is still usable afterwards.
    const again = await rt.generate({ system: 'You are a test.', user: 'Again.', maxTokens: 4 });
    expect(again.generatedTokens).toBeGreaterThan(0);
  });

  it('produces JSON that matches a catalog action grammar, and zod accepts it', async () => {
    const ids = ['it_AAAAAAAA', 'it_BBBBBBBB'];
    const schema = requestGrammarSchema('snooze_finding', { itemIds: ids });
    for (const seed of [1, 2, 3]) {
      const r = await rt.generate({ system: 'You are a test.', user: 'Snooze it.', jsonSchema: schema, maxTokens: 120, temperature: 0.8, seed });
      if (r.stopReason === 'maxTokens') continue; // random weights can ramble inside a string; the grammar still held
      const checked = validateRequest(r.json);
      expect(checked.ok).toBe(true);
      if (checked.ok && checked.request.action === 'snooze_finding') for (const id of checked.request.args.itemIds) expect(ids).toContain(id);
    }
    const gen = await rt.generate({ system: 'You are a test.', user: 'A password please.', jsonSchema: requestGrammarSchema('generate_password'), maxTokens: 120, seed: 7, temperature: 0.8 });
    expect(gen.text.startsWith('{')).toBe(true);
    if (gen.stopReason === 'jsonComplete') {
      expect(gen.text.endsWith('}')).toBe(true);
      expect(gen.json).toEqual(JSON.parse(gen.text));
    }
  });

  it('stops at a stop string, which is neither returned nor streamed', async () => {
    const req = { system: 'You are a test.', user: 'Say something long.', maxTokens: 40 };
    const free = await rt.generate(req);
    // A stop string taken from the middle of what the model says anyway (temperature 0: the same text again).
    const at = free.text.slice(4).search(/[a-z]{3}/) + 4;
    expect(at).toBeGreaterThan(3);
    const stop = free.text.slice(at, at + 3);
    const chunks: string[] = [];
    const r = await rt.generate({ ...req, stop: [stop], onTextChunk: (d) => chunks.push(d) });
    expect(r.stopReason).toBe('customStopTrigger');
    expect(r.text).toBe(free.text.slice(0, free.text.indexOf(stop, free.text.search(/\S/))));
    expect(chunks.join('')).toBe(r.text);
    expect(r.text).not.toContain(stop);
  });

  it('breaks a loop with a repeat penalty', async () => {
    const req = { system: 'You are a test.', user: 'Say something long.', maxTokens: 60 };
    const plain = await rt.generate(req);
    const penalised = await rt.generate({ ...req, repeatPenalty: { penalty: 2, lastTokens: 64 } });
    expect(maxRepeat(plain.text)).toBeGreaterThanOrEqual(4); // the random-weight model does loop
    expect(maxRepeat(penalised.text)).toBeLessThan(maxRepeat(plain.text));
  });

  it('feeds a plain completion prompt when asked (no chat template tokens)', async () => {
    const req = { system: 'Vault report.', user: 'Summary:', maxTokens: 4 };
    const chat = await rt.generate(req);
    const plain = await rt.generate({ ...req, mode: 'completion' });
    expect(chat.mode).toBe('chat');
    expect(plain.mode).toBe('completion');
    expect(plain.promptTokens).toBe(rt.countTokens(completionPrompt(req)) + 1); // + BOS
    expect(chat.promptTokens).toBeGreaterThan(plain.promptTokens);
  });

  it('trims old turns so a long conversation never overflows the window', async () => {
    const history: ChatTurn[] = Array.from({ length: 40 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', text: `turn ${i}: ${'password manager security '.repeat(12)}` }));
    const r = await rt.generate({ system: 'You are a test.', history, user: 'And now?', maxTokens: 8 });
    expect(r.trimmedTurns).toBeGreaterThan(0);
    expect(r.promptTokens + 8).toBeLessThanOrEqual(rt.contextSize);
    expect(r.generatedTokens).toBeGreaterThan(0);
  });

  it('reuses the evaluated system prompt across calls instead of evaluating it again', async () => {
    const system = `You are a careful test assistant. ${'Stay on topic. '.repeat(20)}`;
    await rt.generate({ system, user: 'First question.', maxTokens: 2 });
    const second = await rt.generate({ system, user: 'A different question.', maxTokens: 2 });
    expect(second.reusedTokens).toBeGreaterThanOrEqual(rt.countTokens(system));
    const other = await rt.generate({ system: 'Another system prompt entirely.', user: 'A different question.', maxTokens: 2 });
    expect(other.reusedTokens).toBeLessThan(rt.countTokens(system));
  });

  it('drives a base model (no chat template) by completion by default', async () => {
    const base = await loadLlmRuntime({ modelPath: TINY_BASE, contextSize: 512, threads: 1 });
    try {
      expect(base.kind).toBe('base');
      expect(base.kindReason).toMatch(/no chat template/);
      const req = { system: 'Vault report.', history: [{ role: 'user' as const, text: 'earlier' }], user: 'Summary:', maxTokens: 4 };
      const r = await base.generate(req);
      expect(r.mode).toBe('completion');
      expect(r.promptTokens).toBe(base.countTokens(completionPrompt(req)) + 1);
      expect(r.generatedTokens).toBeGreaterThan(0);
    } finally {
      await base.dispose();
    }
  });

  it('refuses a missing model file', async () => {
    await expect(loadLlmRuntime({ modelPath: join(appRoot(), '.cache', 'models', 'missing.gguf') })).rejects.toThrow(/not found/);
  });
});
