import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildZxcvbn, ZXCVBN_MODULES, type ZxcvbnModuleName } from './zxcvbn-build';
import { L33T_MAX_SUBSTITUTIONS } from './zxcvbn';
import { generateLargeVault } from '../fixtures';

// The fast dictionary/l33t/reverse matchers must give exactly the stock library's score and guesses.
const req = createRequire(import.meta.url);
const load = (n: ZxcvbnModuleName) => req(ZXCVBN_MODULES[n]);

describe('fast zxcvbn matchers', () => {
  it('match stock zxcvbn-ts exactly on random, wordy, l33t and reversed passwords', () => {
    const stock = buildZxcvbn(load, { l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS, fast: false });
    const fast = buildZxcvbn(load, { l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS, fast: true });
    const chars = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!@#$%^&*-_';
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const words = ['password', 'dragon', 'monkey', 'summer', 'correct', 'horse', 'london', 'p@ssw0rd', 'l3tm31n', 'Tr0ub4dor', 'iloveyou'];
    const pws = ['P@ssw0rd', 'l3tm31n', 'Tr0ub4dor&3', 'p4$$w0rd1', 'drowssap', 'correcthorsebatterystaple', 'qwerty123', '', 'a'];
    for (let i = 0; i < 25; i++) pws.push(Array.from({ length: 8 + Math.floor(rnd() * 14) }, () => chars[Math.floor(rnd() * chars.length)]).join(''));
    for (let i = 0; i < 25; i++) {
      const w = words[Math.floor(rnd() * words.length)]!;
      const w2 = words[Math.floor(rnd() * words.length)]!;
      pws.push(`${rnd() < 0.5 ? w.toUpperCase() : w}${Math.floor(rnd() * 3000)}${rnd() < 0.5 ? [...w2].reverse().join('') : w2.replace(/a/g, '4').replace(/o/g, '0')}`);
    }
    const a = pws.map((p) => stock.check(p)).map((r) => [r.score, r.guessesLog10]);
    const b = pws.map((p) => fast.check(p)).map((r) => [r.score, r.guessesLog10]);
    expect(b).toEqual(a);
  });

  it('match stock zxcvbn-ts exactly on word sequences (one two three, days, months, NATO alphabet…), plain, l33t and reversed', () => {
    const stock = buildZxcvbn(load, { l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS, fast: false });
    const fast = buildZxcvbn(load, { l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS, fast: true });
    const pws = [
      'onetwothree', 'OneTwoThree4', 'firstsecondthird', 'mondaytuesdaywednesday', 'eerhtowteno', '0n3tw0thr33',
      'januaryfebruarymarch', 'alphabravocharlie', 'redorangeyellow', 'mercuryvenusearth', 'springsummerautumn!',
      'northsoutheastwest', 'x7onetwo', 'fourfivesix2024', 'Al9habr4vo', 'ratoxtiger', 'seven8nine',
    ];
    const a = pws.map((p) => stock.check(p));
    const b = pws.map((p) => fast.check(p));
    expect(b.map((r) => [r.score, r.guessesLog10])).toEqual(a.map((r) => [r.score, r.guessesLog10]));
    // The cases do reach the word-sequence matcher.
    const patterns = a.flatMap((r) => (r as unknown as { sequence: { pattern: string }[] }).sequence.map((m) => m.pattern));
    expect(patterns).toContain('wordSequence');
  });
});


describe('the most-guessable-sequence search (mostGuessableGuesses)', () => {
  it("gives exactly the library's score and guesses on a generated vault's passwords and on every kind of pattern", () => {
    const stock = buildZxcvbn(load, { l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS, fast: false });
    const fast = buildZxcvbn(load, { l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS, fast: true });
    const vault = [...new Set(generateLargeVault(700, 4242).map((i) => i.password).filter((p): p is string => !!p))];
    // Repeats, sequences, dates, keyboard walks, separators, regex (years), mixtures, overlong and non-ASCII.
    const shapes = [
      'aaaaaaa', 'abcabcabc', 'xyzxyzxyz1', 'abcdefgh', '13579', 'zyxwvu', '9876543210', '1987-04-12', '12/4/87', '04121987',
      'qwertyuiop', 'zxcvbnm', '1qaz2wsx3edc', 'asdfghjkl;', 'correct-horse.battery_staple', 'Summer2019!', 'summer2019summer2019',
      'P@55w0rd!P@55w0rd!', 'jan1999feb2000', 'Ab1!'.repeat(30), 'a'.repeat(300), 'été2024Ünïcödé', '日本語のパスワード123', '', '1', '!!',
    ];
    const pws = [...vault, ...shapes];
    const score = (z: typeof fast) => pws.map((p) => {
      const r = z.check(p);
      return [p, r.score, r.guessesLog10];
    });
    expect(score(fast)).toEqual(score(stock));
    expect(pws.length).toBeGreaterThan(600);
  });
});
