import { describe, expect, it } from 'vitest';
import { analyse } from './analysis';
import { KB_THRESHOLD } from './intents';
import { indexItems } from './items';

const none = indexItems([]);
const concepts = (q: string) => [...analyse(q, none).concepts];

describe('tolerant lexicon', () => {
  it('reads misspelt key words as their concept', () => {
    expect(concepts('which pasword is weak')).toContain('PASSWORD');
    expect(concepts('my acount')).toContain('LOGIN');
    expect(concepts('any passwrods reused')).toEqual(expect.arrayContaining(['PASSWORD', 'REUSE']));
    expect(concepts('is 2-step on')).toContain('TWOFA');
    expect(concepts('two factor authentication')).toEqual(['TWOFA']);
    expect(concepts('my pw')).toContain('PASSWORD');
  });

  it('never "corrects" a real word into a concept: a week is not weak', () => {
    expect(concepts('snooze it for a week')).not.toContain('WEAK');
    expect(concepts('it is realy weak')).toContain('WEAK');
  });

  it('corrects unknown words towards the knowledge base vocabulary, and leaves contractions alone', () => {
    expect(analyse('how do i spot a phising email', none).plain).toContain('phishing');
    expect(analyse('which of my sites arent https', none).plain).toContain('arent');
  });

  it('scores how well the built-in articles answer a question, on topical words only', () => {
    const wifi = analyse('is it safe to use public wifi at the airport', none).kb;
    expect(wifi.doc).toBe('public-wifi');
    expect(wifi.score).toBeGreaterThan(KB_THRESHOLD);
    for (const q of ['tell me something', 'what time is it', 'who is the president']) expect(analyse(q, none).kb.score).toBeLessThan(KB_THRESHOLD);
  });
});
