import { describe, expect, it } from 'vitest';
import { closeTo, editDistance, tolerance } from './distance';

describe('edit distance (optimal string alignment)', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions as one edit each', () => {
    expect(editDistance('password', 'password', 2)).toBe(0);
    expect(editDistance('pasword', 'password', 2)).toBe(1);
    expect(editDistance('passwrod', 'password', 2)).toBe(1);
    expect(editDistance('phising', 'phishing', 2)).toBe(1);
    expect(editDistance('acount', 'account', 2)).toBe(1);
    expect(editDistance('spotfy', 'spotify', 2)).toBe(1);
    expect(editDistance('pswrd', 'password', 5)).toBe(3);
  });

  it('stops at the bound: anything further is max + 1', () => {
    expect(editDistance('weak', 'strong', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 1)).toBe(2);
  });

  it('allows more typos in longer words, none in short ones', () => {
    expect(tolerance(3)).toBe(0);
    expect(tolerance(6)).toBe(1);
    expect(tolerance(9)).toBe(2);
    expect(closeTo('pw', 'pq')).toBe(false);
    expect(closeTo('realy', 'really')).toBe(true);
    expect(closeTo('passwrods', 'passwords')).toBe(true);
    expect(closeTo('github', 'gitlab')).toBe(false);
  });
});
