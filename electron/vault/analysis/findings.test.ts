import { describe, expect, it } from 'vitest';
import type { DerivedItem } from '../types';
import { analyse, OLD_AFTER_MS, scoreOf } from './findings';

const NOW = Date.UTC(2026, 5, 1);
const fp = (s: string) => Buffer.alloc(32, s);
let n = 0;
function item(over: Partial<DerivedItem>): DerivedItem {
  n++;
  return {
    id: `it_test${String(n).padStart(4, '0')}`,
    sourceId: 'src_x',
    externalId: `e${n}`,
    kind: 'login',
    title: `Item ${n}`,
    username: `user${n}`,
    urls: [`https://site${n}.example.com`],
    site: `example.com`,
    group: null,
    createdMs: NOW - 100 * 86_400_000,
    modifiedMs: NOW - 10 * 86_400_000,
    passwordChangedMs: NOW - 10 * 86_400_000,
    hasTotp: false,
    hasPassword: true,
    strength: 4,
    guessesLog10: 16,
    lengthClass: 'long',
    fingerprint: fp(`p${n}`),
    exposed: 0,
    breachCount: null,
    ...over,
  };
}
const run = (items: DerivedItem[], twoFactorDomains: string[] = ['github.com']) => analyse(items, { now: NOW, twoFactorDomains });
const kinds = (items: DerivedItem[]) => run(items).map((f) => f.kind);

describe('finding rules', () => {
  it('a strong, unique, recent https login with a unique account has no finding', () => {
    expect(run([item({ site: 'a.com' }), item({ site: 'b.com' })])).toEqual([]);
  });

  it('weak: score ≤ 2 or a short password, with severity by score', () => {
    const f = run([item({ strength: 2, guessesLog10: 7 }), item({ strength: 0 }), item({ strength: 4, lengthClass: 'short' }), item({ strength: 3 })]);
    expect(f.map((x) => [x.kind, x.severity])).toEqual([
      ['weak', 'high'],
      ['weak', 'high'],
      ['weak', 'medium'],
    ]);
    expect(f.find((x) => x.severity === 'medium')!.reason).toMatch(/strength 2 of 4/);
  });

  it('reused: one finding per group of logins sharing a fingerprint', () => {
    const shared = fp('same');
    const other = fp('other');
    const items = [item({ fingerprint: shared }), item({ fingerprint: shared }), item({ fingerprint: shared }), item({ fingerprint: other }), item({ fingerprint: other }), item({})];
    const reused = run(items).filter((f) => f.kind === 'reused');
    expect(reused).toHaveLength(2);
    expect(reused.map((r) => r.itemIds.length).sort()).toEqual([2, 3]);
    expect(reused.every((r) => r.severity === 'high')).toBe(true);
  });

  it('exposed: common list and imported corpus, both critical', () => {
    const f = run([item({ exposed: 1 }), item({ exposed: 2, breachCount: 12345 })]);
    expect(f.map((x) => [x.kind, x.severity])).toEqual([
      ['exposed', 'critical'],
      ['exposed', 'critical'],
    ]);
    expect(f.some((x) => x.reason.includes('12345 times'))).toBe(true);
  });

  it('exposed says why as data: the common-password list vs a breach corpus (never read from the reason text)', () => {
    const [common, breach] = [run([item({ exposed: 1 })])[0]!, run([item({ exposed: 2, breachCount: 3 })])[0]!];
    expect(common.exposure).toBe('common');
    expect(breach.exposure).toBe('breach');
    expect(run([item({ strength: 1 })])[0]!.exposure).toBeUndefined();
  });

  it('weak reasons say how fast it could be guessed in words, never as a power of ten', () => {
    const [fast, slower] = [run([item({ strength: 0, guessesLog10: 2 })])[0]!, run([item({ strength: 2, guessesLog10: 8.5 })])[0]!];
    expect(fast.reason).toMatch(/could be guessed in seconds/);
    expect(slower.reason).toMatch(/could be guessed in hours/);
    expect(`${fast.reason} ${slower.reason}`).not.toMatch(/10\^/);
  });

  it('insecure_url: plain http, but not localhost or loopback', () => {
    expect(kinds([item({ urls: ['http://shop.example.com/login'] })])).toEqual(['insecure_url']);
    expect(kinds([item({ urls: ['http://localhost:3000'] }), item({ urls: ['http://127.0.0.1/'] }), item({ urls: ['http://app.localhost'] })])).toEqual([]);
    expect(kinds([item({ urls: ['https://a.example.com', 'http://b.example.com'] })])).toEqual(['insecure_url']);
  });

  it('missing_2fa: a listed domain or any subdomain, without TOTP', () => {
    expect(kinds([item({ urls: ['https://github.com/login'] })])).toEqual(['missing_2fa']);
    expect(kinds([item({ urls: ['https://gist.github.com'] })])).toEqual(['missing_2fa']);
    expect(kinds([item({ urls: ['https://github.com'], hasTotp: true })])).toEqual([]);
    expect(kinds([item({ urls: ['https://notgithub.com'] })])).toEqual([]);
    expect(kinds([item({ urls: ['https://github.com.evil.example'] })])).toEqual([]);
  });

  it('missing_2fa names the first listed domain the host falls under, as a scan of the list would', () => {
    const site = (urls: string[], domains: string[]) => run([item({ urls })], domains).find((f) => f.kind === 'missing_2fa')?.reason.split(' ')[0];
    expect(site(['https://mail.google.com'], ['google.com', 'mail.google.com'])).toBe('google.com');
    expect(site(['https://mail.google.com'], ['mail.google.com', 'google.com'])).toBe('mail.google.com');
    expect(site(['https://a.b.mail.google.com'], ['x.org', 'mail.google.com', 'google.com'])).toBe('mail.google.com');
    expect(site(['https://ogle.com', 'https://docs.google.com'], ['google.com'])).toBe('google.com');
    expect(site(['https://google.com'], ['mail.google.com'])).toBeUndefined();
  });

  it('duplicate: same site and username (case-insensitive) in more than one item', () => {
    const f = run([
      item({ site: 'shop.com', username: 'Me@x.org' }),
      item({ site: 'shop.com', username: 'me@x.org' }),
      item({ site: 'shop.com', username: 'other' }),
      item({ site: 'elsewhere.com', username: 'me@x.org' }),
    ]);
    expect(f.map((x) => [x.kind, x.itemIds.length])).toEqual([['duplicate', 2]]);
  });

  it('old: unchanged for more than 3 years, only with dates; modified bounds the change date', () => {
    const long = NOW - OLD_AFTER_MS - 86_400_000;
    expect(kinds([item({ passwordChangedMs: long })])).toEqual(['old']);
    expect(kinds([item({ passwordChangedMs: null, modifiedMs: long })])).toEqual(['old']);
    expect(kinds([item({ passwordChangedMs: null, modifiedMs: null, createdMs: long })])).toEqual([]);
    expect(kinds([item({ passwordChangedMs: NOW - OLD_AFTER_MS + 86_400_000 })])).toEqual([]);
  });

  it('notes, cards and identities are never flagged, whatever they hold', () => {
    const bad = { strength: 0, lengthClass: 'short' as const, exposed: 1 as const, urls: ['http://github.com'], passwordChangedMs: 0, fingerprint: fp('z') };
    expect(run([item({ kind: 'note', ...bad }), item({ kind: 'card', ...bad }), item({ kind: 'identity', ...bad })])).toEqual([]);
  });

  it('is deterministic and ordered by severity', () => {
    const items = [item({ urls: ['http://x.example.com'] }), item({ exposed: 1 }), item({ strength: 2 })];
    const a = run(items);
    expect(run([...items].reverse())).toEqual(a);
    expect(a.map((f) => f.severity)).toEqual(['critical', 'medium', 'medium']);
  });
});

describe('score', () => {
  it('is 100 with nothing open or no logins, and drops with the worst finding per login', () => {
    expect(scoreOf([], [])).toBe(100);
    expect(scoreOf(['a', 'b'], [])).toBe(100);
    expect(scoreOf(['a', 'b'], [{ severity: 'critical', itemIds: ['a'] }])).toBe(50);
    // worst counts once per login
    expect(scoreOf(['a', 'b'], [{ severity: 'critical', itemIds: ['a'] }, { severity: 'low', itemIds: ['a'] }])).toBe(50);
    expect(scoreOf(['a', 'b', 'c', 'd'], [{ severity: 'low', itemIds: ['a'] }])).toBe(96);
    expect(scoreOf(['a'], [{ severity: 'critical', itemIds: ['a'] }])).toBe(0);
  });
});
