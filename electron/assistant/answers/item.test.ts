import { describe, expect, it } from 'vitest';
import type { ItemSummary, Report } from '../../vault';
import { itemFacts } from './item';

const DAY = 86_400_000;
const item = (over: Partial<ItemSummary>): ItemSummary => ({ id: 'it_x', kind: 'login', title: 'Spotify', urls: ['https://spotify.com'], site: 'spotify.com', group: null, passwordChangedMs: Date.UTC(2021, 11, 3), hasTotp: false, ...over });
const OLD = 'This password has not been changed since 2021-12-03, more than 3 years ago.';
const TWO_FA = 'steampowered.com offers two-factor authentication, but this login has no one-time code (TOTP) set up.';
const report: Report = {
  counts: { items: 3, logins: 3 },
  score: 80,
  findings: [
    { kind: 'old', severity: 'low', items: [{ id: 'it_x', title: 'Spotify' }], reason: OLD },
    { kind: 'missing_2fa', severity: 'low', items: [{ id: 'it_s', title: 'Steam' }], reason: TWO_FA },
    { kind: 'reused', severity: 'high', items: [{ id: 'it_a', title: 'A' }, { id: 'it_b', title: 'B' }], reason: '2 logins share one password.' },
  ],
  excluded: [],
  suppressed: [{ kind: 'weak', severity: 'high', items: [{ id: 'it_a', title: 'A' }], reason: 'weak!', state: 'snoozed' }],
};

describe('one item\'s status', () => {
  it('states its findings in the engine\'s words, the checks it passes, its 2FA and its password date', () => {
    const f = itemFacts(report, item({}), null);
    expect(f.findings).toEqual([report.findings[0]]);
    expect(f.text).toContain(OLD);
    expect(f.text).toMatch(/not weak, not reused, not in the breach list/);
    expect(f.text).not.toMatch(/changed within the last 3 years/);
    expect(f.text).toContain("spotify.com is not on Bastion's list");
    expect(f.text).toContain('Password last changed: 2021-12-03.');
    expect(f.text).toMatch(/What to do: change this password/);
  });

  it('answers the check asked about first, without yes/no guesswork', () => {
    const steam = itemFacts(report, item({ id: 'it_s', title: 'Steam', site: 'steampowered.com', passwordChangedMs: Date.now() - 10 * DAY }), 'missing_2fa');
    expect(steam.text.split('\n')[0]).toBe(`Steam: two-factor is not set up — ${TWO_FA}`);
    const google = itemFacts(report, item({ id: 'it_g', title: 'Google', hasTotp: true }), 'missing_2fa');
    expect(google.text.split('\n')[0]).toBe('Google: two-factor is set up (a one-time code).');
    expect(google.findings).toEqual([]);
    expect(itemFacts(report, item({}), 'weak').text.split('\n')[0]).toBe('Spotify: not weak.');
  });

  it('lists group findings it is part of and findings hidden by the user, and says when dates are unknown', () => {
    const a = itemFacts(report, item({ id: 'it_a', title: 'A', passwordChangedMs: null }), null);
    expect(a.findings).toEqual([report.findings[2]]);
    expect(a.text).toContain('- Weak (snoozed): weak!');
    expect(a.text).toContain('unknown (the export has no dates)');
  });

  it('a note or card has no findings: it says so', () => {
    expect(itemFacts(report, item({ kind: 'card', title: 'Visa', site: null }), null).text).toMatch(/Visa is a card entry: Bastion counts it but only checks logins/);
  });
});
