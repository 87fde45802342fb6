import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BastionError } from '../core';
import { openStore, type Store } from '../db';
import type { ManagedPolicy } from '../managed';
import { ask, type AskDeps } from './ask';
import { setUserSetting } from '../managed';
import { clearHistory, listConversations } from './history';
import { chooseModel, fileSha256 } from './model-choice';

let dir: string;
let store: Store;
let modelA: string;
let modelB: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-model-choice-'));
  store = openStore({ dataDir: dir });
  modelA = join(dir, 'a.gguf');
  modelB = join(dir, 'b.gguf');
  writeFileSync(modelA, 'GGUF model a');
  writeFileSync(modelB, 'GGUF model b');
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function deps(policy: ManagedPolicy, loaded: string[]): Partial<AskDeps> {
  return {
    loadPolicy: () => policy,
    resolveModel: (o) => o.flag ?? modelB,
    loadModel: async (path) => {
      loaded.push(path);
      return {
        async generate(req) {
          req.onTextChunk?.('hello');
          return { text: 'hello', aborted: false, stopReason: 'eogToken', promptTokens: 1, generatedTokens: 1, trimmedTurns: 0, reusedTokens: 0, ttftMs: 1 };
        },
      };
    },
  };
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof BastionError ? e.code : String(e);
  }
}

describe('the managed policy chooses the model', () => {
  it('a pinned model beats the user\'s choice, and another --model is refused', async () => {
    const policy: ManagedPolicy = { models: { pinnedModel: modelA } };
    expect(chooseModel(store, {}, policy, () => modelB)).toBe(modelA);
    expect(chooseModel(store, { model: modelA }, policy, () => modelB)).toBe(modelA);
    expect(() => chooseModel(store, { model: modelB }, policy, () => modelB)).toThrow(/pinned the model/);
    expect(chooseModel(store, { noLlm: true }, policy, () => modelB)).toBeNull();
    const loaded: string[] = [];
    await ask(store, 'hello, who are you', { deps: deps(policy, loaded) });
    expect(loaded).toEqual([modelA]);
  });

  it('a pinned model that is missing is a clear model error, not a silent fallback', () => {
    expect(() => chooseModel(store, {}, { models: { pinnedModel: join(dir, 'gone.gguf') } }, () => modelB)).toThrow(/not on this machine/);
  });

  it('an allow-list of digests is checked against the file before it is loaded', async () => {
    const loaded: string[] = [];
    expect(await code(ask(store, 'hello, who are you', { deps: deps({ models: { allowedSha256: [sha('GGUF model a')] } }, loaded) }))).toBe('POLICY_DENIED');
    expect(loaded).toEqual([]);
    await ask(store, 'hello, who are you', { model: modelA, deps: deps({ models: { allowedSha256: [sha('GGUF model a')] } }, loaded) });
    expect(loaded).toEqual([modelA]);
    expect(await fileSha256(modelB)).toBe(sha('GGUF model b'));
  });
});

describe('chat history follows the settings in force', () => {
  it('policy "off" keeps nothing even when the user left history on', async () => {
    clearHistory(store);
    setUserSetting(store, 'history.enabled', true);
    await ask(store, 'hello, who are you', { deps: deps({ history: 'off' }, []) });
    expect(listConversations(store)).toHaveLength(0);
    await ask(store, 'hello, who are you', { deps: deps({}, []) });
    expect(listConversations(store)).toHaveLength(1);
  });
});
