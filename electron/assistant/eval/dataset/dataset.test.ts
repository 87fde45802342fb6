import { describe, expect, it } from 'vitest';
import { loadArticles } from '../../../knowledge';
import { EVAL_VAULT } from '../vault';
import { DEV } from './dev';
import { TEST } from './test';
import type { Case, IntentName } from './types';

const turns = (cases: Case[]) => cases.flatMap((c) => c.turns);
const INTENTS: IntentName[] = ['finding', 'count', 'fix_first', 'overview', 'item_status', 'knowledge', 'advice', 'explain', 'action', 'secret_request', 'injection', 'harmful', 'out_of_scope', 'small_talk', 'device'];

describe('assistant eval dataset', () => {
  it('has at least 300 labelled turns, split into dev and test with no question or conversation in both', () => {
    expect(turns(DEV).length + turns(TEST).length).toBeGreaterThanOrEqual(300);
    // Short follow-ups ("why?", "open the first one") recur by nature; each conversation as a whole is unique.
    const key = (c: Case) => c.turns.map((t) => t.q.toLowerCase().trim()).join(' ⏎ ');
    const dev = new Set(DEV.map(key));
    expect(TEST.filter((c) => dev.has(key(c))).map(key)).toEqual([]);
  });

  it('covers every intent in both splits, with multi-turn cases', () => {
    for (const split of [DEV, TEST]) {
      expect(new Set(turns(split).map((t) => t.expect.intent))).toEqual(new Set(INTENTS));
      expect(split.filter((c) => c.turns.length > 1).length).toBeGreaterThanOrEqual(10);
    }
  });

  it('labels only real fixture items and real built-in articles', () => {
    const titles = new Set(EVAL_VAULT.map((i) => i.title));
    const docs = new Set(loadArticles().articles.map((a) => a.id));
    for (const t of [...turns(DEV), ...turns(TEST)]) {
      for (const title of [...(t.expect.items ?? []), ...(t.expect.proposals ?? []).flatMap((p) => p.items ?? [])]) expect(titles.has(title), `${t.q}: ${title}`).toBe(true);
      for (const d of t.expect.docs ?? []) expect(docs.has(d), `${t.q}: ${d}`).toBe(true);
    }
  });

  it('the fixture vault has 24 logins', () => {
    expect(EVAL_VAULT.filter((i) => i.kind === 'login')).toHaveLength(24);
  });
});
