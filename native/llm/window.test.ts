import { describe, expect, it } from 'vitest';
import { fitHistory, type ChatTurn } from './window';

// A stand-in tokenizer: one token per word (fitHistory only needs a monotone count).
const count = (t: string) => t.split(/\s+/).filter(Boolean).length;

describe('fitHistory', () => {
  const turns: ChatTurn[] = Array.from({ length: 10 }, (_, i) => ({ role: i % 2 === 0 ? 'user' : 'assistant', text: `turn ${i} ${'word '.repeat(20)}` }));

  it('keeps everything when it fits', () => {
    const r = fitHistory({ system: 'sys', user: 'q', history: turns }, 10_000, count);
    expect(r.trimmed).toBe(0);
    expect(r.history).toHaveLength(11);
    expect(r.history[0]).toEqual({ type: 'system', text: 'sys' });
  });

  it('drops the oldest turns in pairs until the prompt fits, and never starts on an answer', () => {
    const r = fitHistory({ system: 'sys', user: 'q', history: turns }, 150, count);
    expect(r.trimmed).toBeGreaterThan(0);
    expect(r.trimmed % 2).toBe(0);
    expect(r.promptTokens).toBeLessThanOrEqual(150);
    expect(r.history[1]).toMatchObject({ type: 'user', text: `turn ${r.trimmed} ${'word '.repeat(20)}` });
  });

  it('refuses a question that cannot fit even alone', () => {
    expect(() => fitHistory({ system: 'sys', user: 'word '.repeat(500), history: [] }, 100, count)).toThrow(/window/);
  });
});
