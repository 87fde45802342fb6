import { describe, expect, it } from 'vitest';
import { createLoopDetector, findRepetition } from './repetition';

describe('findRepetition', () => {
  it('finds a sentence said three times, and a long one said twice', () => {
    expect(findRepetition("I'm sorry for your loss. I'm sorry for your loss. I'm sorry for your loss.")).toMatch(/sorry for your loss/);
    const long = 'You should always check the security settings of every account you have online.';
    expect(findRepetition(`${long} ${long}`)).toMatch(/2 times/);
  });

  it('finds a loop that only changes its citation numbers', () => {
    expect(findRepetition('[1] Always store your codes offline.\n[2] Always store your codes offline.\n[3] Always store your codes offline.')).not.toBeNull();
  });

  it('finds a five-word run repeated inside run-on text with no sentence breaks', () => {
    expect(findRepetition('use a strong password for every site and use a strong password for every bank and use a strong password for every shop')).toMatch(/use a strong password for/);
  });

  it('lets ordinary answers through, including ones that repeat a key term', () => {
    expect(findRepetition('Turn on two-factor authentication for email first. Then turn on two-factor authentication for your bank. Prefer an authenticator app.')).toBeNull();
    expect(findRepetition('Yes. Yes. Yes.')).toBeNull(); // too short to call a loop
  });
});

describe('createLoopDetector', () => {
  it('stops a stream at the third repeat, before the loop runs on', () => {
    const d = createLoopDetector();
    const pieces = Array.from({ length: 20 }, () => ["I'm", ' sorry', ' for', ' your', ' loss', '.', ' ']).flat();
    let at = -1;
    pieces.some((p, i) => d.push(p) && (at = i) >= 0);
    expect(d.reason).toMatch(/sorry for your loss/);
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(7 * 3); // within the third sentence
    expect(d.push('more')).toBe(true); // stays stopped
  });

  it('does not fire on a normal streamed answer', () => {
    const d = createLoopDetector();
    const text = 'Store your recovery codes offline [2]. A printed copy in a safe place works, or your password manager. Prefer an authenticator app to SMS [1][4].';
    expect(text.split(/(?<= )/).some((p) => d.push(p))).toBe(false);
    expect(d.reason).toBeNull();
  });
});
