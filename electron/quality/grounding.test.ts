import { describe, expect, it } from 'vitest';
import { citedNumbers, findBadCitations, findUngroundedNames, findUngroundedNumbers, findUnsupportedClaims, statedNames, statedNumbers } from './grounding';

describe('citations', () => {
  it('reads single, listed and ranged citations', () => {
    expect(citedNumbers('a [1] b [2, 3] c [4-6] d [7–8]')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(citedNumbers('[1-99999]').length).toBeLessThanOrEqual(101);
  });

  it('names citations of sources that do not exist', () => {
    const sources = [1, 2, 3, 4].map((n) => ({ n, text: '' }));
    expect(findBadCitations('ok [1] [4]', sources)).toBeNull();
    expect(findBadCitations('bad [0] [5] [66]', sources)).toMatch(/\[0\] \[5\] \[66\]/);
    expect(findBadCitations('an intro citing [1]', [])).toMatch(/no sources/);
  });
});

describe('numbers', () => {
  it('reads digits, thousands, decimals, percents and number words, not 2FA, list markers or citations', () => {
    expect(statedNumbers('1. Fix 1,234 items [3]; 2.5 years; 40% reuse; seven logins; 2FA and SHA-256 and 1Password')).toEqual([1234, 2.5, 40, 7]);
  });

  it('allows numbers from the facts, the sources and the question', () => {
    expect(findUngroundedNumbers('3 reused, 12 old, 90 days, 5 weak', [3, 12], ['rotate every 90 days'])).toEqual([5]);
  });
});

describe('names', () => {
  it('finds capitalised words inside sentences, acronyms and camel-case names', () => {
    expect(statedNames('Use Google Drive. LastPass and iCloud are named. NIST says so. Store it offline.')).toEqual(['Google', 'Drive', 'LastPass', 'iCloud', 'NIST']);
  });

  it('ignores sentence starts, generic security acronyms and "I"', () => {
    expect(statedNames('Store codes offline. I think SMS and TOTP and 2FA are fine. Bastion keeps no secrets.')).toEqual([]);
  });

  it('allows names found in the facts and sources, case-insensitively', () => {
    expect(findUngroundedNames('Start with Gmail, then the Old Forum login and Dropbox.', ['Gmail (work)', 'old forum'])).toEqual(['Dropbox']);
  });
});

describe('claim support', () => {
  const sources = [
    { n: 1, text: 'Turn on two-factor authentication for email and banking first.' },
    { n: 2, text: 'Store recovery codes offline, printed in a safe place, or in your password manager.' },
  ];

  it('flags a sentence whose content words are mostly not in its cited source', () => {
    const bad = findUnsupportedClaims('Save your recovery codes to your cloud storage.', sources, 'what about recovery codes?');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.score).toBeLessThan(0.5);
  });

  it('judges a sentence against the source it cites, not the others', () => {
    expect(findUnsupportedClaims('Store recovery codes offline in a safe place [2].', sources, '')).toEqual([]);
    expect(findUnsupportedClaims('Store recovery codes offline in a safe place [1].', sources, '')).toHaveLength(1);
  });

  it('skips sentences too short to judge', () => {
    expect(findUnsupportedClaims('Yes, do that.', sources, '')).toEqual([]);
  });
});
