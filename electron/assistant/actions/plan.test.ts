import { describe, expect, it } from 'vitest';
import type { ItemSummary, Report } from '../../vault';
import { indexItems, understand, type ActionSpec, type ConversationState } from '../understanding';
import { ACTION_FAMILY, sameFamily } from './family';
import { planAction, type PlanContext } from './plan';

const login = (id: string, title: string, url: string | null = `https://${title.toLowerCase()}.com`): ItemSummary => ({
  id,
  kind: 'login',
  title,
  urls: url ? [url] : [],
  site: url ? `${title.toLowerCase()}.com` : null,
  group: null,
  passwordChangedMs: 0,
  hasTotp: false,
});
const ITEMS = [login('it_spotify', 'Spotify'), login('it_steam', 'Steam'), login('it_paypal', 'PayPal'), login('it_nourl', 'Nourl', null), ...Array.from({ length: 12 }, (_, i) => login(`it_w${i}`, `Weak${i}`))];
const report: Report = {
  counts: { items: ITEMS.length, logins: ITEMS.length },
  score: 50,
  findings: [
    { kind: 'old', severity: 'low', items: [{ id: 'it_spotify', title: 'Spotify' }], reason: 'old' },
    { kind: 'missing_2fa', severity: 'low', items: [{ id: 'it_steam', title: 'Steam' }], reason: '2fa' },
    { kind: 'missing_2fa', severity: 'low', items: [{ id: 'it_paypal', title: 'PayPal' }], reason: '2fa' },
    ...Array.from({ length: 12 }, (_, i) => ({ kind: 'weak' as const, severity: 'high' as const, items: [{ id: `it_w${i}`, title: `Weak${i}` }], reason: 'weak' })),
  ],
  excluded: [],
  suppressed: [],
};
const index = indexItems(ITEMS.map((i) => ({ id: i.id, title: i.title, kind: i.kind, site: i.site })));
const ctx = (state: ConversationState | null = null, maxBatch = 10): PlanContext => ({
  report: () => report,
  state,
  items: new Map(ITEMS.map((i) => [i.id, i])),
  maxBatch,
  now: new Date(2026, 11, 2, 15, 0),
  home: '/home/pat',
});
const spec = (q: string, state: ConversationState | null = null): ActionSpec => {
  const i = understand(q, index, state).intent;
  if (i.name !== 'action') throw new Error(`"${q}" is not a request (${i.name})`);
  return i.spec;
};
const plan = (q: string, state: ConversationState | null = null, maxBatch = 10) => planAction(spec(q, state), ctx(state, maxBatch));

describe('request → proposal mapping', () => {
  it('an open-page request maps to open_change_password_page, a change request to rotate_password', () => {
    expect(plan('open the change password page for spotify').requests).toEqual([{ action: 'open_change_password_page', args: { itemId: 'it_spotify' } }]);
    expect(plan('how do i change my steam password?').requests).toEqual([{ action: 'open_change_password_page', args: { itemId: 'it_steam' } }]);
    expect(plan('change my steam password').requests).toEqual([{ action: 'rotate_password', args: { itemId: 'it_steam' } }]);
  });

  it('the family rule: an open-page request can never be answered by a vault write', () => {
    expect(sameFamily('open_change_password_page', 'rotate_password')).toBe(false);
    expect(sameFamily('open_change_password_page', 'move_to_recycle_bin')).toBe(false);
    expect(sameFamily('open_change_password_page', 'open_change_password_page')).toBe(true);
    expect(sameFamily('snooze_finding', 'mark_resolved')).toBe(true);
    expect(sameFamily('rotate_password', 'no_such_action')).toBe(false);
    // One family per kind of effect: the seven vault and report families, and the three device fixes.
    expect(new Set(Object.values(ACTION_FAMILY)).size).toBe(10);
    expect(sameFamily('open_change_password_page', 'open_settings_page')).toBe(false);
  });

  it('an export to a folder gets a dated file name; the format comes from the extension, else the words, else CSV', () => {
    expect(plan('export the report to ~/Documents').requests[0]!.args).toEqual({ format: 'csv', path: '/home/pat/Documents/bastion-report-2026-12-02.csv' });
    expect(plan('save my findings as html in /tmp/audit').requests[0]!.args).toEqual({ format: 'html', path: '/tmp/audit/bastion-report-2026-12-02.html' });
    expect(plan('export the report to /tmp/r.json').requests[0]!.args).toEqual({ format: 'json', path: '/tmp/r.json' });
    expect(plan('export my findings').requests[0]!.args).toEqual({ format: 'csv', path: '/home/pat/bastion-report-2026-12-02.csv' });
    expect(plan('export the report to my desktop').requests[0]!.args).toEqual({ format: 'csv', path: '/home/pat/Desktop/bastion-report-2026-12-02.csv' });
  });

  it('finding-state requests cover the named finding and default to a 30-day snooze; over maxBatch they are explained, not split', () => {
    expect(plan('snooze the 2fa findings').requests).toEqual([{ action: 'snooze_finding', args: { kind: 'missing_2fa', itemIds: ['it_steam', 'it_paypal'], days: 30 } }]);
    const big = plan('mark my weak passwords as resolved');
    expect(big.requests).toEqual([]);
    expect(big.note).toMatch(/12 items.*at most 10/);
    expect(plan('snooze the 2fa findings', null, 1).requests).toEqual([]);
    expect(plan('mark my weak passwords as resolved', null, 12).requests[0]!.args.itemIds).toHaveLength(12);
  });

  it('bulk per-item requests make one proposal per item, up to maxBatch; bulk deletion is explained, not proposed', () => {
    expect(plan('open the change password pages for the missing 2fa ones').requests.map((r) => r.args.itemId)).toEqual(['it_steam', 'it_paypal']);
    expect(plan('rotate all my weak passwords').requests).toHaveLength(10);
    const del = plan('get rid of all my weak ones');
    expect(del.requests).toEqual([]);
    expect(del.note).toMatch(/won't propose deleting 12 entries/);
  });

  it('follows the previous answer: "the first one", "the last one", "it", "them"', () => {
    const state: ConversationState = { intent: 'finding', kind: 'missing_2fa', itemIds: ['it_steam', 'it_paypal'], itemId: null, query: null };
    expect(plan('open the first one', state).requests).toEqual([{ action: 'open_change_password_page', args: { itemId: 'it_steam' } }]);
    expect(plan('open the last one', state).requests).toEqual([{ action: 'open_change_password_page', args: { itemId: 'it_paypal' } }]);
    expect(plan('snooze them for a week', state).requests).toEqual([{ action: 'snooze_finding', args: { kind: 'missing_2fa', itemIds: ['it_steam', 'it_paypal'], days: 7 } }]);
    const item: ConversationState = { intent: 'item_status', kind: 'old', itemIds: ['it_spotify'], itemId: 'it_spotify', query: null };
    expect(plan('delete it', item).requests).toEqual([{ action: 'move_to_recycle_bin', args: { itemId: 'it_spotify' } }]);
  });

  it('explains instead of guessing: no item, no page, nothing to copy', () => {
    const none = plan('change my password');
    expect(none.requests).toEqual([]);
    expect(none.unresolved).toBe(true);
    expect(plan('open the change password page for nourl').note).toMatch(/no web address/);
    expect(plan('copy that to the clipboard').note).toMatch(/generated/);
  });
});
