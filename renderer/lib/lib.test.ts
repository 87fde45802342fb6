import { describe, expect, it } from 'vitest';
import type { HealthItemT } from '../../electron/ipc/contract';
import { INTERNAL_TEXT_RE } from '../../electron/vocabulary';
import { countOpen, DEFAULT_QUERY, filterRows, sortRows } from './health-table';
import { humanizeText } from './humanize';
import { secondsLeft, timeLeftWords } from './progress';
import { bandOf, combinedScore } from './scores';
import { ageWords, relativeTime, timeOf } from './time';

const NOW = Date.UTC(2026, 5, 1, 12);
const DAY = 86_400_000;

describe('times for people', () => {
  it('relative, never ISO', () => {
    expect(relativeTime(NOW - 10_000, NOW)).toBe('just now');
    expect(relativeTime(NOW - 5 * 60_000, NOW)).toBe('5 minutes ago');
    expect(relativeTime(NOW - DAY, NOW)).toBe('yesterday');
    expect(relativeTime(NOW + 3 * DAY, NOW)).toBe('in 3 days');
    expect(relativeTime(NOW - 800 * DAY, NOW)).toBe('2 years ago');
    expect(ageWords(NOW - 400 * DAY, NOW)).toBe('1 year');
    expect(ageWords(NOW - 3 * DAY, NOW)).toBe('3 days');
    expect(ageWords(NOW - 3_600_000, NOW)).toBe('under a day');
    expect(timeOf('2026-06-01T12:00:00.000Z')).toBe(NOW);
    expect(timeOf(String(NOW))).toBe(NOW);
    expect(timeOf('soon')).toBeNull();
  });
});

describe('import progress', () => {
  it('estimates time left from the rate so far', () => {
    expect(secondsLeft(NOW, NOW + 10_000, 1000, 3000)).toBe(20);
    expect(secondsLeft(NOW, NOW + 100, 10, 3000)).toBeNull();
    expect(secondsLeft(NOW, NOW + 10_000, 0, 3000)).toBeNull();
    expect(timeLeftWords(21)).toBe('About 20 seconds left');
    expect(timeLeftWords(130)).toBe('About 2 minutes left');
    expect(timeLeftWords(null)).toMatch(/Estimating/);
  });
});

describe('scores', () => {
  it('combines vault and device, or shows the one that is known', () => {
    expect(combinedScore(60, 81)).toBe(71);
    expect(combinedScore(null, 81)).toBe(81);
    expect(combinedScore(60, null)).toBe(60);
    expect(combinedScore(null, null)).toBeNull();
    expect([bandOf(95), bandOf(60), bandOf(10)]).toEqual(['good', 'fair', 'poor']);
  });
});

describe('humanized assistant text', () => {
  it('names items by title and never shows an internal id or a snake_case action', () => {
    const titles = new Map([['it_abcdef123', 'Old webmail']]);
    const out = humanizeText('Weak: [it_abcdef123] and [it_zzzzzz999]. Proposed: rotate_password (vault_write) — confirm with `bastion confirm pr_q1w2e3r4t5` (gen_aaaaaaaaa).', titles);
    expect(out).toContain('“Old webmail”');
    expect(out).toContain('an item');
    expect(out).toContain('“Rotate a password in the KeePass vault”');
    expect(out).toContain('changes your password vault');
    expect(out).toContain('the Review button');
    expect(out).not.toMatch(INTERNAL_TEXT_RE);
    expect(humanizeText('keep snake_case words that are not actions')).toBe('keep snake_case words that are not actions');
  });
});

const row = (over: Partial<HealthItemT>): HealthItemT => ({
  id: `it_${Math.random().toString(36).slice(2, 12)}`,
  title: 'x',
  kind: 'login',
  site: null,
  username: null,
  source: 0,
  strength: 4,
  guessTime: 'centuries',
  changedMs: NOW,
  findings: [],
  risk: 0,
  ...over,
});

describe('health table rows', () => {
  const rows = [
    row({ title: 'Bank', site: 'bank.example', username: 'pat', strength: 1, risk: 25, findings: [{ kind: 'weak', severity: 'high', state: 'open' }], changedMs: NOW - 900 * DAY }),
    row({ title: 'Forum', site: 'forum.example', strength: 0, risk: 43, findings: [{ kind: 'exposed', severity: 'critical', state: 'open', exposure: 'common' }, { kind: 'old', severity: 'low', state: 'open' }] }),
    row({ title: 'Shop', site: 'shop.example', risk: 0, findings: [{ kind: 'weak', severity: 'high', state: 'snoozed', until: NOW + DAY }] }),
    row({ title: 'Note', kind: 'note', strength: null, guessTime: null, changedMs: null }),
  ];
  const sources = [{ name: 'v.kdbx', format: 'kdbx' as const, writable: true }];

  it('shows items that need attention, by open finding kind, and searches title, site and username', () => {
    expect(filterRows(rows, DEFAULT_QUERY).map((r) => r.title)).toEqual(['Bank', 'Forum']);
    expect(filterRows(rows, { ...DEFAULT_QUERY, kinds: ['weak'] }).map((r) => r.title)).toEqual(['Bank']);
    expect(filterRows(rows, { ...DEFAULT_QUERY, show: 'all', kinds: ['weak'] }).map((r) => r.title)).toEqual(['Bank']);
    expect(filterRows(rows, { ...DEFAULT_QUERY, show: 'all', query: 'EXAMPLE pat' }).map((r) => r.title)).toEqual(['Bank']);
    expect(filterRows(rows, { ...DEFAULT_QUERY, show: 'all' })).toHaveLength(4);
  });

  it('sorts by any column, empty values last in both directions', () => {
    const titles = (key: (typeof DEFAULT_QUERY)['sort']['key'], dir: 'asc' | 'desc') => sortRows(rows, sources, { key, dir }).map((r) => r.title);
    expect(titles('risk', 'desc')).toEqual(['Forum', 'Bank', 'Note', 'Shop']);
    expect(titles('title', 'asc')).toEqual(['Bank', 'Forum', 'Note', 'Shop']);
    expect(titles('strength', 'asc')).toEqual(['Forum', 'Bank', 'Shop', 'Note']);
    expect(titles('strength', 'desc')).toEqual(['Shop', 'Bank', 'Forum', 'Note']);
    expect(titles('age', 'desc')[0]).toBe('Bank');
    expect(titles('age', 'desc').at(-1)).toBe('Note');
    expect(titles('site', 'desc')).toEqual(['Shop', 'Forum', 'Bank', 'Note']);
  });

  it('counts open findings per kind', () => {
    expect(countOpen(rows)).toMatchObject({ weak: 1, exposed: 1, old: 1, reused: 0 });
  });
});
