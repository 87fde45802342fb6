import { describe, expect, it } from 'vitest';
import { packToBudget, tokenEstimate, type PackItem } from './budget';

const vault = (n: number): PackItem[] =>
  Array.from({ length: n }, (_, i) => ({
    text: `- it_${String(i).padStart(8, '0')}: Login ${i} at https://site-${i}.example.com — ${['reused', 'weak', 'old', 'exposed'][i % 4]}`,
    risk: (i * 7919) % 1000,
    group: ['reused', 'weak', 'old', 'exposed'][i % 4],
  }));

describe('tokenEstimate', () => {
  it('grows with the text and is zero for nothing', () => {
    expect(tokenEstimate('')).toBe(0);
    expect(tokenEstimate('password manager')).toBeGreaterThan(0);
    expect(tokenEstimate('word '.repeat(100))).toBeGreaterThan(tokenEstimate('word '.repeat(10)));
  });
});

describe('packToBudget', () => {
  it('fits a 10,000-item vault into a small window with counts, the riskiest items and a tail', () => {
    const items = vault(10_000);
    const p = packToBudget(items, 600, { header: ['The hygiene engine found 10,000 findings.'] });
    expect(p.tokens).toBeLessThanOrEqual(600);
    expect(tokenEstimate(p.text)).toBe(p.tokens);
    expect(p.lines[0]).toBe('The hygiene engine found 10,000 findings.');
    expect(p.lines[1]).toBe('Counts: reused 2,500 · weak 2,500 · old 2,500 · exposed 2,500 (10,000 in all)');
    expect(p.kept.length).toBeGreaterThan(3);
    expect(p.omitted).toBe(10_000 - p.kept.length);
    expect(p.lines.at(-1)).toBe(`and ${p.omitted.toLocaleString('en-US')} more — see Vault health`);
    // The kept items are the riskiest ones, highest first.
    const threshold = Math.min(...p.kept.map((k) => k.risk));
    expect(items.filter((i) => i.risk > threshold).length).toBeLessThan(p.kept.length);
    expect(p.kept.map((k) => k.risk)).toEqual([...p.kept.map((k) => k.risk)].sort((a, b) => b - a));
  });

  it('keeps everything, with no tail, when it fits', () => {
    const p = packToBudget(vault(5), 10_000);
    expect(p.kept).toHaveLength(5);
    expect(p.omitted).toBe(0);
    expect(p.text).not.toMatch(/more — see/);
  });

  it('never fails for size: with room for nothing else, the tail alone says how many there are', () => {
    const p = packToBudget(vault(10_000), 20, { header: ['A header far too long to fit in twenty tokens, however it is counted by anyone.'] });
    expect(p.kept).toEqual([]);
    expect(p.text).toBe('and 10,000 more — see Vault health');
  });

  it("uses the model's own counter when given, and still fits", () => {
    const perChar = (t: string) => t.length; // a harsh tokenizer: one token per character
    const p = packToBudget(vault(1_000), 800, { countTokens: perChar, more: (n) => `(${n} not shown)` });
    expect(p.tokens).toBe(p.text.length);
    expect(p.tokens).toBeLessThanOrEqual(800);
    expect(p.lines.at(-1)).toBe(`(${p.omitted} not shown)`);
  });

  it('packs knowledge chunks (no groups) by score with no counts line', () => {
    const chunks = [0.2, 0.9, 0.5].map((risk, i) => ({ text: `[${i + 1}] chunk ${i} ${'text '.repeat(30)}`, risk }));
    const p = packToBudget(chunks, 100, { more: (n) => `(${n} more sources left out)` });
    expect(p.kept.map((k) => k.risk)).toEqual([0.9]);
    expect(p.lines.at(-1)).toBe('(2 more sources left out)');
    expect(p.lines.some((l) => l.startsWith('Counts:'))).toBe(false);
  });
});
