import { describe, expect, it } from 'vitest';
import { INTERNAL_TEXT_RE } from '../../../electron/vocabulary';
import { actorOf, describeBody, itemIdsIn, outcomeOf, whatOf } from './audit-words';

describe('audit records in words', () => {
  const rec = {
    event: 'executed',
    actor: 'user',
    action: 'snooze_finding',
    body: { args: { kind: 'weak', itemIds: ['it_abcdef1234'], days: 30 }, outcome: 'ok', detail: { clearsAfterMs: 30000, argsHash: 'deadbeef' }, provenance: { actor: 'model', chunkIds: ['x'], userMessage: 'snooze the forum one, pr_abcdefgh' } },
  };

  it('titles the action and says how it ended and who did it', () => {
    expect(whatOf(rec)).toBe('Snooze a finding');
    expect(outcomeOf(rec)).toBe('Done');
    expect(outcomeOf({ ...rec, event: 'decision', body: { outcome: 'confirm' } })).toBe('Policy: needs your confirmation');
    expect(whatOf({ event: 'source_forgotten', actor: 'user', action: null, body: {} })).toBe('Imported file forgotten');
    expect(actorOf('model')).toBe('The assistant');
    expect(whatOf({ ...rec, action: 'no_such_action' })).toBe('An unknown action');
  });

  it('lists fields with labels and item titles, hides bookkeeping, never raw JSON or ids', () => {
    const lines = describeBody(rec.body, new Map([['it_abcdef1234', 'Forum']]));
    const text = lines.map((l) => `${l.label}: ${l.value}`).join('\n');
    expect(text).toContain('Asked for › Finding: Weak password');
    expect(text).toContain('Asked for › Items: “Forum”');
    expect(text).toContain('Details › Clipboard cleared after: 30 seconds');
    expect(text).toContain('Asked by › By: The assistant');
    expect(text).not.toMatch(/argsHash|deadbeef|chunk/i);
    expect(text).not.toMatch(/[{}"]/);
    expect(text).not.toMatch(INTERNAL_TEXT_RE);
    expect(itemIdsIn(rec.body)).toEqual(['it_abcdef1234']);
  });
});
