import { describe, expect, it } from 'vitest';
import { hostOf, insecureUrl, registrableDomain, siteOf } from './site';
import { TWO_FACTOR_DOMAINS } from './two-factor';

describe('site helpers', () => {
  it('finds hosts in full and bare URLs', () => {
    expect(hostOf('https://Accounts.Google.com/x')).toBe('accounts.google.com');
    expect(hostOf('example.com/login')).toBe('example.com');
    expect(hostOf('not a url at all')).toBeNull();
  });

  it('reduces hosts to registrable domains, including two-label public suffixes', () => {
    expect(registrableDomain('a.b.example.com')).toBe('example.com');
    expect(registrableDomain('www.amazon.co.uk')).toBe('amazon.co.uk');
    expect(registrableDomain('pat.github.io')).toBe('pat.github.io');
    expect(siteOf(['', 'https://www.shop.example.com/a'])).toBe('example.com');
  });

  it('flags http only off the local machine', () => {
    expect(insecureUrl(['http://localhost:8080', 'https://x.com'])).toBeNull();
    expect(insecureUrl(['HTTP://Router.example.net'])).toBe('HTTP://Router.example.net');
  });

  it('ships at least 150 distinct, well-formed 2FA domains', () => {
    expect(new Set(TWO_FACTOR_DOMAINS).size).toBe(TWO_FACTOR_DOMAINS.length);
    expect(TWO_FACTOR_DOMAINS.length).toBeGreaterThanOrEqual(150);
    for (const d of TWO_FACTOR_DOMAINS) expect(d).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  });
});
