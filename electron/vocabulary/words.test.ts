import { describe, expect, it } from 'vitest';
import { GUESS_TIMES, guessTimeOf } from '.';

describe('guess time words', () => {
  it('buckets zxcvbn guesses at 10^4 a second, monotonically', () => {
    expect(guessTimeOf(0)).toBe('seconds');
    expect(guessTimeOf(5)).toBe('seconds'); // 10 s
    expect(guessTimeOf(6)).toBe('minutes'); // 100 s
    expect(guessTimeOf(8)).toBe('hours'); // 10^4 s ≈ 2.8 h
    expect(guessTimeOf(9)).toBe('days'); // 10^5 s ≈ 1.2 days
    expect(guessTimeOf(10.5)).toBe('months');
    expect(guessTimeOf(12)).toBe('years');
    expect(guessTimeOf(16)).toBe('centuries');
    let last = 0;
    for (let x = 0; x <= 20; x += 0.25) {
      const i = GUESS_TIMES.indexOf(guessTimeOf(x));
      expect(i).toBeGreaterThanOrEqual(last);
      last = i;
    }
  });
});
