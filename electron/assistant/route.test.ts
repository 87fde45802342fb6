import { describe, expect, it } from 'vitest';
import { classify } from './route';

const cases: [string, string, string?][] = [
  ['Which of my passwords are reused?', 'vault', 'reused'],
  ['Do I use the same password on more than one site?', 'vault', 'reused'],
  ['Which of my accounts were in a breach?', 'vault', 'exposed'],
  ['Are any of my passwords weak?', 'vault', 'weak'],
  ['Which of my logins are missing 2FA?', 'vault', 'missing_2fa'],
  ['Do I have any logins on insecure http sites?', 'vault', 'insecure_url'],
  ['Do I have duplicate entries in my vault?', 'vault', 'duplicate'],
  ["Which of my passwords haven't been changed in years?", 'vault', 'old'],
  ['What should I fix first?', 'vault', 'fix_first'],
  ['How many logins do I have?', 'vault', 'count'],
  ["What's my vault's health score?", 'vault', 'overview'],
  ['Is SMS 2FA safe?', 'knowledge'],
  ['What is credential stuffing?', 'knowledge'],
  ['How long should a password be?', 'knowledge'],
  ['Are passkeys better than passwords?', 'knowledge'],
  ['hello', 'chat'],
  ['Generate a strong password for me', 'chat'],
  ['Write me a poem about the sea', 'refuse'],
  ["What's the weather tomorrow?", 'refuse'],
  ["How do I hack into my ex's email account?", 'refuse'],
];

describe('classify', () => {
  it.each(cases)('%s → %s %s', (q, route, topic) => {
    const intent = classify(q);
    expect(intent.route).toBe(route);
    if (topic) expect(intent.route === 'vault' && intent.topic).toBe(topic);
  });

  it('recognises action requests and keeps their topic', () => {
    expect(classify('Generate a strong password')).toEqual({ route: 'chat', action: 'generate_password' });
    expect(classify('Snooze the reused password finding for a week')).toMatchObject({ route: 'vault', topic: 'reused', action: 'snooze_finding' });
    expect(classify('Mark my weak passwords as resolved')).toMatchObject({ route: 'vault', topic: 'weak', action: 'mark_resolved' });
    expect(classify('Export the report to ~/report.csv')).toMatchObject({ route: 'vault', action: 'export_report' });
  });

  it('is case- and whitespace-insensitive', () => {
    expect(classify('  WHICH   of MY passwords are REUSED ')).toEqual(classify('which of my passwords are reused'));
  });
});
