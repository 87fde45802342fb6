import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../db';
import { appendExchange, clearHistory } from '../history';
import type { ConversationState } from '../understanding';
import { loadState, saveState } from './state';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-conv-'));
  store = openStore({ dataDir: dir });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const state: ConversationState = { intent: 'finding', kind: 'weak', itemIds: ['it_AAAAAAAA'], itemId: null, query: null };

describe('conversation state', () => {
  it('with history on, is stored beside the conversation and goes when it is cleared', () => {
    appendExchange(store, 'cv_1', 'which are weak?', 'these', 'vault');
    saveState(store, 'cv_1', state, true);
    expect(loadState(store, 'cv_1', true)).toEqual(state);
    clearHistory(store);
    expect(loadState(store, 'cv_1', true)).toBeNull();
  });

  it('with history off, lives in memory only: nothing is written', () => {
    saveState(store, 'cv_mem', state, false);
    expect(loadState(store, 'cv_mem', false)).toEqual(state);
    expect(store.db.prepare<{ n: number }>('select count(*) as n from assistant_context').get()!.n).toBe(0);
    expect(loadState(store, 'cv_mem', true)).toBeNull();
  });

  it('a stored row that does not parse is ignored, not trusted', () => {
    appendExchange(store, 'cv_2', 'q', 'a', 'chat');
    store.db.prepare('insert into assistant_context (conversation_id, state, updated_ms) values (?, ?, ?)').run('cv_2', JSON.stringify({ ...state, intent: 'rm -rf' }), 1);
    expect(loadState(store, 'cv_2', true)).toBeNull();
  });
});
