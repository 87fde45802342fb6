import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BastionError } from '../core';
import type { GenerateRequest, GenerateResult } from '../../native';
import { connectModelProcess, serveModelProcess, type Generator } from '.';

const done = (text: string, aborted = false): GenerateResult => ({ text, aborted, stopReason: aborted ? 'abort' : 'eogToken', promptTokens: 3, generatedTokens: 2, trimmedTurns: 0, reusedTokens: 0, ttftMs: 1 });

/** A model that streams two chunks, fails on "fail", and waits for abort on "hang". */
const fakeModel: Generator = {
  kind: 'instruct',
  contextSize: 2048,
  // One token per word: enough to see the counts come from the model's side.
  countTokens: (text: string) => text.split(/\s+/).filter(Boolean).length,
  async generate(req: GenerateRequest) {
    if (req.user === 'fail') throw new BastionError('MODEL_ERROR', 'The model ran out of memory.');
    if (req.user === 'hang') {
      req.onTextChunk?.('partial');
      await new Promise<void>((r) => req.signal?.addEventListener('abort', () => r()));
      return done('partial', true);
    }
    req.onTextChunk?.('hi ');
    req.onTextChunk?.('there');
    return { ...done('hi there'), json: { echoed: req.system } };
  },
};

function connected(model: Generator = fakeModel) {
  const { port1, port2 } = new MessageChannel();
  const loaded: string[] = [];
  serveModelProcess({ post: (m) => port2.postMessage(m), onMessage: (l) => port2.on('message', l) }, async (path) => (loaded.push(path), model));
  const load = connectModelProcess({ post: (m) => port1.postMessage(m), onMessage: (l) => port1.on('message', l) });
  return { load, loaded, close: () => (port1.close(), port2.close()) };
}

describe('the model process protocol (generation only)', () => {
  it('streams text chunks and returns the result, for the model path main chose', async () => {
    const c = connected();
    const model = await c.load('/models/a.gguf');
    const chunks: string[] = [];
    const r = await model.generate({ system: 'sys', user: 'hello', maxTokens: 8, onTextChunk: (d) => chunks.push(d) });
    expect(chunks).toEqual(['hi ', 'there']);
    expect(r).toMatchObject({ text: 'hi there', aborted: false, json: { echoed: 'sys' } });
    expect(c.loaded).toEqual(['/models/a.gguf']);
    c.close();
  });

  it('stop aborts the generation in the model process', async () => {
    const c = connected();
    const model = await c.load('/m.gguf');
    const ctl = new AbortController();
    const pending = model.generate({ system: 's', user: 'hang', signal: ctl.signal, onTextChunk: () => ctl.abort() });
    await expect(pending).resolves.toMatchObject({ aborted: true, text: 'partial' });
    c.close();
  });

  it('keeps BastionError codes across the boundary', async () => {
    const c = connected();
    const model = await c.load('/m.gguf');
    await expect(model.generate({ system: 's', user: 'fail' })).rejects.toMatchObject({ code: 'MODEL_ERROR', message: 'The model ran out of memory.' });
    c.close();
  });

  it('ignores malformed messages from the other side', async () => {
    const { port1, port2 } = new MessageChannel();
    const load = connectModelProcess({ post: (m) => port1.postMessage(m), onMessage: (l) => port1.on('message', l) });
    port2.on('message', (m: { id: string }) => {
      port2.postMessage({ type: 'done', id: m.id, result: 'not an object' });
      port2.postMessage({ type: 'done', id: m.id, result: done('ok') });
    });
    await expect((await load('/m')).generate({ system: 's', user: 'u' })).resolves.toMatchObject({ text: 'ok' });
    port1.close();
    port2.close();
  });

  it("describes the loaded model (kind and window) and counts tokens with the model's own tokenizer", async () => {
    const c = connected();
    const model = await c.load('/models/a.gguf');
    await expect(model.describe()).resolves.toEqual({ kind: 'instruct', contextSize: 2048 });
    await expect(model.countTokensMany(['one two three', '', 'four'])).resolves.toEqual([3, 0, 1]);
    expect(c.loaded).toEqual(['/models/a.gguf', '/models/a.gguf']);
    c.close();
  });

  it('says so when the model process cannot describe or count (main then plans with an estimate)', async () => {
    const c = connected({ generate: fakeModel.generate });
    const model = await c.load('/m.gguf');
    await expect(model.describe()).resolves.toEqual({ kind: null, contextSize: null });
    await expect(model.countTokensMany(['a b'])).resolves.toBeNull();
    c.close();
  });

  it('a model that cannot load fails describe with its error code', async () => {
    const { port1, port2 } = new MessageChannel();
    serveModelProcess({ post: (m) => port2.postMessage(m), onMessage: (l) => port2.on('message', l) }, async () => {
      throw new BastionError('MODEL_ERROR', 'Cannot load the model /m.gguf: bad magic');
    });
    const load = connectModelProcess({ post: (m) => port1.postMessage(m), onMessage: (l) => port1.on('message', l) });
    await expect((await load('/m.gguf')).describe()).rejects.toMatchObject({ code: 'MODEL_ERROR', message: expect.stringContaining('bad magic') });
    port1.close();
    port2.close();
  });
});
