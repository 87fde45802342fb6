import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInstallKeys, openStore, type Store } from '../../electron/db';
import { createHandlers, createRouter, parseAppOrigin, type BastionApi, type EventName } from '../../electron/ipc';
import type { Generator } from '../../electron/model-process';
import { createContext } from '../../electron/usecases';

// The streaming handshake, end to end in one process: the renderer's store → window.api → the real router and
// handlers → the assistant → a model that streams at once (an in-process runner answers before ask:start has even
// replied). Every token of the very first question must reach the screen: the renderer mints the conversation id,
// so no event can arrive for an id it does not know yet.

const ORIGIN = 'http://127.0.0.1:5173';
let dir: string;
let store: Store;
const TOKENS = ['Hello', ', ', 'I am', ' Bastion', '.'];

/** A model that streams every chunk synchronously, inside the ask:start call. */
const eagerModel: Generator = {
  async generate(req) {
    for (const t of TOKENS) req.onTextChunk?.(t);
    return { text: TOKENS.join(''), aborted: false, stopReason: 'eogToken', promptTokens: 1, generatedTokens: TOKENS.length, trimmedTurns: 0, reusedTokens: 0, ttftMs: 0 };
  },
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-stream-'));
  const dataDir = join(dir, 'data');
  store = openStore({ dataDir });
  const model = join(dir, 'model.gguf');
  writeFileSync(model, 'stand-in: the generator above answers for it');
  writeFileSync(join(dir, 'policy.json'), '{}');
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const ctx = createContext({ dataDir, store, keys: loadInstallKeys(dataDir), env: { ...process.env, BASTION_MODEL: model, BASTION_POLICY: join(dir, 'policy.json') } });
  const handlers = createHandlers({
    ctx,
    emit: (event, payload) => listeners.get(event)?.forEach((l) => l(payload)),
    loadModel: async () => eagerModel,
    validateEvents: true,
  });
  const router = createRouter(handlers, { origin: parseAppOrigin(ORIGIN) });
  const api: BastionApi = {
    invoke: (channel, req) => router.dispatch(channel, { frameUrl: `${ORIGIN}/index.html`, isMainFrame: true }, req) as never,
    on: (event: EventName, l) => {
      const set = listeners.get(event) ?? new Set();
      set.add(l as (p: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(l as (p: unknown) => void);
    },
  };
  (globalThis as unknown as { window: { api: BastionApi } }).window = { api };
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('streaming into the renderer store', () => {
  it('delivers every token of the first question, then the result', async () => {
    const { useApp, connectEvents } = await import('./app');
    const off = connectEvents();
    let streamed = '';
    const unsubscribe = useApp.subscribe((s) => {
      const last = s.messages.at(-1);
      if (last?.role === 'assistant' && last.streaming) streamed = last.text;
    });
    await useApp.getState().ask('hello there');
    await expect.poll(() => useApp.getState().asking).toBe(false);
    const answer = useApp.getState().messages.at(-1)!;
    expect(answer.error).toBeUndefined();
    expect(answer.result?.answer).toContain(TOKENS.join(''));
    // What the person watched arrive, token by token, before the final result replaced it.
    expect(streamed).toBe(TOKENS.join(''));
    unsubscribe();
    off();
  });
});
