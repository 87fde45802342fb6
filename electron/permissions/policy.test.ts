import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_INFO, ACTION_NAMES, RISK_TIERS, type ActionName, type RiskTier } from './catalog';
import { decide, DEFAULT_ACTION_RULES, type ActionRules, type PolicyContext } from './policy';

const none = new Set<ActionName>();
const ctx = (action: ActionName, over: Partial<PolicyContext> = {}): PolicyContext => ({
  risk: ACTION_INFO[action].risk,
  tainted: false,
  itemCount: 1,
  rules: DEFAULT_ACTION_RULES,
  remembered: none,
  ...over,
});
const rules = (over: Partial<ActionRules>): ActionRules => ({ ...DEFAULT_ACTION_RULES, ...over });

describe('decide: defaults per tier', () => {
  it.each([
    ['generate_password', 'allow', 'none', []],
    ['snooze_finding', 'allow', 'none', []],
    ['mark_resolved', 'allow', 'none', []],
    ['copy_to_clipboard', 'confirm', 'yes_no', ['once', 'session', 'always']],
    ['open_change_password_page', 'confirm', 'yes_no', ['once', 'session', 'always']],
    ['export_report', 'confirm', 'yes_no', ['once', 'session', 'always']],
    ['rotate_password', 'confirm', 'yes_no_vault_password', ['once']],
    ['move_to_recycle_bin', 'confirm', 'typed_title', ['once']],
  ] as const)('%s → %s (%s), grants %j', (action, decision, confirmation, grants) => {
    const d = decide({ action }, ctx(action));
    expect(d.decision).toBe(decision);
    expect(d.confirmation).toBe(confirmation);
    expect(d.grants).toEqual(grants);
    expect(d.flagged).toBeNull();
  });
});

describe('decide: rules', () => {
  it('tainted proposals are never allowed and say why', () => {
    const d = decide({ action: 'generate_password' }, ctx('generate_password', { tainted: true }));
    expect(d.decision).toBe('confirm');
    expect(d.flagged).toMatch(/untrusted text/);
    expect(d.reason).toMatch(/injected instruction/);
    expect(d.grants).toEqual(['once']);
  });

  it('tainted proposals ignore allow lists and remembered grants', () => {
    const r = rules({ allow: ['export_report'] });
    expect(decide({ action: 'export_report' }, ctx('export_report', { tainted: true, rules: r })).decision).toBe('confirm');
    expect(decide({ action: 'export_report' }, ctx('export_report', { tainted: true, remembered: new Set(['export_report']) })).decision).toBe('confirm');
  });

  it('deny lists win over allow lists', () => {
    const d = decide({ action: 'generate_password' }, ctx('generate_password', { rules: rules({ allow: ['generate_password'], deny: ['generate_password'] }) }));
    expect(d.decision).toBe('deny');
    expect(d.reason).toMatch(/forbids/);
  });

  it('a tier rule of deny denies every action of the tier', () => {
    expect(decide({ action: 'snooze_finding' }, ctx('snooze_finding', { rules: rules({ tiers: { local_state: 'deny' } }) })).decision).toBe('deny');
  });

  it('a tier rule of confirm makes an allowed tier confirm', () => {
    expect(decide({ action: 'snooze_finding' }, ctx('snooze_finding', { rules: rules({ tiers: { local_state: 'confirm' } }) })).decision).toBe('confirm');
  });

  it('allow lists and tier allow never lift vault_write or destructive', () => {
    for (const action of ['rotate_password', 'move_to_recycle_bin'] as const) {
      const r = rules({ allow: [action], tiers: { vault_write: 'allow', destructive: 'allow' } });
      expect(decide({ action }, ctx(action, { rules: r })).decision).toBe('confirm');
    }
  });

  it('an allow list allows a sensitive action outright', () => {
    expect(decide({ action: 'export_report' }, ctx('export_report', { rules: rules({ allow: ['export_report'] }) })).decision).toBe('allow');
  });

  it('batches over maxBatch are denied with a hint to split', () => {
    const d = decide({ action: 'snooze_finding' }, ctx('snooze_finding', { itemCount: 11 }));
    expect(d.decision).toBe('deny');
    expect(d.reason).toMatch(/split/);
    expect(decide({ action: 'snooze_finding' }, ctx('snooze_finding', { itemCount: 10 })).decision).toBe('allow');
    expect(decide({ action: 'snooze_finding' }, ctx('snooze_finding', { itemCount: 3, rules: rules({ maxBatch: 2 }) })).decision).toBe('deny');
  });

  it('a remembered grant allows a rememberable tier', () => {
    const d = decide({ action: 'open_change_password_page' }, ctx('open_change_password_page', { remembered: new Set(['open_change_password_page']) }));
    expect(d.decision).toBe('allow');
    expect(d.reason).toMatch(/You chose to always allow/);
  });

  it('allowRemember: false forbids remembering at all (offers and honours)', () => {
    const r = rules({ allowRemember: false });
    expect(decide({ action: 'export_report' }, ctx('export_report', { rules: r })).grants).toEqual(['once']);
    expect(decide({ action: 'export_report' }, ctx('export_report', { rules: r, remembered: new Set(['export_report']) })).decision).toBe('confirm');
  });

  it('non-interactive confirmation only where policy enables it, never for destructive or tainted', () => {
    expect(decide({ action: 'export_report' }, ctx('export_report')).nonInteractive).toBe(false);
    const r = rules({ allowNonInteractive: true });
    expect(decide({ action: 'export_report' }, ctx('export_report', { rules: r })).nonInteractive).toBe(true);
    expect(decide({ action: 'move_to_recycle_bin' }, ctx('move_to_recycle_bin', { rules: r })).nonInteractive).toBe(false);
    expect(decide({ action: 'export_report' }, ctx('export_report', { rules: r, tainted: true })).nonInteractive).toBe(false);
  });
});

describe('decide: properties', () => {
  const actionArb = fc.constantFrom(...ACTION_NAMES);
  const tierRuleArb = fc.constantFrom('allow', 'confirm', 'deny') as fc.Arbitrary<'allow' | 'confirm' | 'deny'>;
  const rulesArb: fc.Arbitrary<ActionRules> = fc.record({
    allow: fc.subarray([...ACTION_NAMES]),
    deny: fc.subarray([...ACTION_NAMES]),
    tiers: fc.dictionary(fc.constantFrom(...RISK_TIERS), tierRuleArb) as fc.Arbitrary<Partial<Record<RiskTier, 'allow' | 'confirm' | 'deny'>>>,
    maxBatch: fc.integer({ min: 1, max: 50 }),
    allowRemember: fc.boolean(),
    allowNonInteractive: fc.boolean(),
  });
  const ctxArb = fc.record({ action: actionArb, rules: rulesArb, tainted: fc.boolean(), itemCount: fc.integer({ min: 0, max: 60 }), remembered: fc.subarray([...ACTION_NAMES]) });
  const run = (c: { action: ActionName; rules: ActionRules; tainted: boolean; itemCount: number; remembered: ActionName[] }) =>
    decide({ action: c.action }, { risk: ACTION_INFO[c.action].risk, rules: c.rules, tainted: c.tainted, itemCount: c.itemCount, remembered: new Set(c.remembered) });

  it('a tainted proposal is never allowed', () => {
    fc.assert(fc.property(ctxArb, (c) => {
      expect(run({ ...c, tainted: true }).decision).not.toBe('allow');
    }));
  });

  it('deny always wins', () => {
    fc.assert(fc.property(ctxArb, (c) => {
      expect(run({ ...c, rules: { ...c.rules, deny: [...c.rules.deny, c.action] } }).decision).toBe('deny');
    }));
  });

  it('vault_write and destructive are never allowed and never offer remembering', () => {
    fc.assert(fc.property(ctxArb, fc.constantFrom<ActionName>('rotate_password', 'move_to_recycle_bin'), (c, action) => {
      const d = run({ ...c, action });
      expect(d.decision).not.toBe('allow');
      expect(d.grants.filter((g) => g !== 'once')).toEqual([]);
    }));
  });

  it('nothing is remembered when allowRemember is false or the proposal is tainted', () => {
    fc.assert(fc.property(ctxArb, (c) => {
      const d = run({ ...c, rules: { ...c.rules, allowRemember: false } });
      expect(d.grants.includes('session') || d.grants.includes('always')).toBe(false);
      expect(d.reason).not.toMatch(/remembered grant/);
      expect(run({ ...c, tainted: true }).grants.every((g) => g === 'once')).toBe(true);
    }));
  });

  it('over maxBatch is always denied; confirm decisions always offer "once"; allow decisions need no form', () => {
    fc.assert(fc.property(ctxArb, (c) => {
      const d = run(c);
      if (c.itemCount > c.rules.maxBatch) expect(d.decision).toBe('deny');
      if (d.decision === 'confirm') expect(d.grants).toContain('once');
      if (d.decision === 'allow') expect(d.confirmation).toBe('none');
      if (d.decision === 'deny') expect(d.grants).toEqual([]);
    }));
  });
});
