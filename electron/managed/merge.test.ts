import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_INFO, ACTION_NAMES, RISK_TIERS, type ActionName, type RiskTier } from '../permissions';
import { LOCKED_DOWN_POLICY } from './load';
import { DEFAULT_MAX_BATCH, actionRulesFrom, mergeSettings, permit, stricter } from './merge';
import { TIER_RULES, type ManagedPolicy, type TierRule } from './schema';
import type { UserSettings } from './user-settings';

const BOOL = [undefined, false, true] as const;
const RULE = [undefined, ...TIER_RULES] as const;
const rank = (r: TierRule | undefined) => (r === undefined ? -1 : TIER_RULES.indexOf(r));

describe('permit (a switch both sides must grant)', () => {
  it.each(BOOL.flatMap((p) => BOOL.flatMap((u) => [false, true].map((d) => [p, u, d] as const))))('policy %s, user %s, default %s', (p, u, d) => {
    const got = permit(p, u, d);
    if (p === false) expect(got).toBe(false); // policy off > user on
    else if (u !== undefined) expect(got).toBe(u); // the user may turn off what the policy allows
    else expect(got).toBe(p ?? d);
  });
});

describe('stricter', () => {
  it.each(RULE.flatMap((a) => RULE.map((b) => [a, b] as const)))('%s vs %s', (a, b) => {
    const got = stricter(a, b);
    expect(rank(got)).toBe(Math.max(rank(a), rank(b)));
    expect(stricter(b, a)).toBe(got);
  });
});

describe('boolean settings: policy off beats user on, for every switch', () => {
  const cases: { name: string; policy: (v: boolean) => ManagedPolicy; user: (v: boolean) => UserSettings; get: (p: ManagedPolicy, u: UserSettings) => boolean; dflt: boolean }[] = [
    { name: 'model downloads', policy: (v) => ({ models: { allowDownloads: v } }), user: (v) => ({ 'models.allowDownloads': v }), get: (p, u) => mergeSettings(p, u).models.allowDownloads, dflt: true },
    { name: 'remember approvals', policy: (v) => ({ actions: { allowRemember: v } }), user: (v) => ({ 'actions.allowRemember': v }), get: (p, u) => mergeSettings(p, u).actions.allowRemember, dflt: true },
    { name: 'non-interactive confirm', policy: (v) => ({ actions: { allowNonInteractive: v } }), user: (v) => ({ 'actions.allowNonInteractive': v }), get: (p, u) => mergeSettings(p, u).actions.allowNonInteractive, dflt: false },
    { name: 'hotkey', policy: (v) => ({ hotkey: { enabled: v } }), user: (v) => ({ 'hotkey.enabled': v }), get: (p, u) => mergeSettings(p, u).hotkey.enabled, dflt: true },
  ];
  for (const c of cases) {
    it.each(BOOL.flatMap((p) => BOOL.map((u) => [p, u] as const)))(`${c.name}: policy %s, user %s`, (p, u) => {
      const got = c.get(p === undefined ? {} : c.policy(p), u === undefined ? {} : c.user(u));
      const expected = p === false ? false : (u ?? p ?? c.dflt);
      expect(got).toBe(expected);
      if (p === false) expect(got).toBe(false);
      if (u === false) expect(got).toBe(false);
    });
  }

  it.each(BOOL.flatMap((p) => BOOL.map((u) => [p, u] as const)))('updates only when the policy turns them on and the user has not turned them off: policy %s, user %s', (p, u) => {
    const got = mergeSettings(p === undefined ? {} : { updates: { enabled: p } }, u === undefined ? {} : { 'updates.enabled': u }).updates.enabled;
    expect(got).toBe(p === true && u !== false);
  });
});

describe('history retention: off beats on, the shorter period wins', () => {
  const POLICY: (ManagedPolicy['history'] | undefined)[] = [undefined, 'off', { retentionDays: 30 }, { retentionDays: 365 }];
  const ENABLED = [undefined, true, false];
  const DAYS = [undefined, null, 7, 90];
  const grid = POLICY.flatMap((p) => ENABLED.flatMap((e) => DAYS.map((d) => [p, e, d] as const)));
  it.each(grid)('policy %j, user enabled %s, user days %s', (p, e, d) => {
    const user: UserSettings = {};
    if (e !== undefined) user['history.enabled'] = e;
    if (d !== undefined) user['history.retentionDays'] = d;
    const h = mergeSettings(p === undefined ? {} : { history: p }, user).history;
    if (p === 'off' || e === false) {
      expect(h).toEqual({ enabled: false, retentionDays: 0 });
      return;
    }
    expect(h.enabled).toBe(true);
    const limits = [typeof p === 'object' ? p.retentionDays : undefined, d].filter((x): x is number => typeof x === 'number');
    expect(h.retentionDays).toBe(limits.length ? Math.min(...limits) : null);
    if (typeof p === 'object') expect(h.retentionDays).toBeLessThanOrEqual(p.retentionDays); // never longer than the policy
  });
});

describe('action rules', () => {
  const choice = ['none', 'allow', 'deny'] as const;
  type Choice = (typeof choice)[number];
  for (const action of ACTION_NAMES) {
    it.each(choice.flatMap((p) => choice.map((u) => [p, u] as const)))(`${action}: policy %s, user %s`, (p: Choice, u: Choice) => {
      const policy: ManagedPolicy = { actions: p === 'none' ? {} : { [p]: [action] } };
      const user: UserSettings = u === 'none' ? {} : { [`actions.${u}`]: [action] };
      const rules = actionRulesFrom(policy, user);
      const denied = rules.deny.includes(action);
      const allowed = rules.allow.includes(action);
      expect(denied && allowed).toBe(false); // never both
      if (p === 'deny' || u === 'deny') expect(denied).toBe(true); // policy deny > user allow; user may deny
      if (p === 'deny') expect(allowed).toBe(false);
      if (p === 'allow' && u !== 'deny') expect(allowed).toBe(true);
      if (p === 'allow' && u === 'deny') expect(allowed).toBe(false); // the user may tighten
      if (p === 'none' && u === 'allow') expect(allowed).toBe(true);
      if (p === 'none' && u === 'none') expect(allowed || denied).toBe(false);
    });
  }

  it('when the policy sets an allow list, the user cannot auto-allow anything outside it', () => {
    const rules = actionRulesFrom({ actions: { allow: ['generate_password'] } }, { 'actions.allow': [...ACTION_NAMES] });
    expect(rules.allow).toEqual(['generate_password']);
  });

  for (const tier of RISK_TIERS) {
    it.each(RULE.flatMap((p) => RULE.map((u) => [p, u] as const)))(`tier ${tier}: policy %s, user %s`, (p, u) => {
      const rules = actionRulesFrom(p ? { actions: { tiers: { [tier]: p } } } : {}, u ? { 'actions.tiers': { [tier]: u } } : {});
      expect(rules.tiers[tier]).toBe(stricter(p, u));
      expect(rank(rules.tiers[tier])).toBeGreaterThanOrEqual(rank(p)); // never looser than the policy
    });
  }

  it('a user allow does not survive a policy that requires confirmation for its tier, or a user tier that does', () => {
    for (const action of ACTION_NAMES) {
      const tier = ACTION_INFO[action].risk;
      for (const rule of ['confirm', 'deny'] as const) {
        expect(actionRulesFrom({ actions: { tiers: { [tier]: rule } } }, { 'actions.allow': [action] }).allow).not.toContain(action);
        expect(actionRulesFrom({ actions: { allow: [action] } }, { 'actions.tiers': { [tier]: rule } }).allow).not.toContain(action);
      }
    }
  });

  it.each([undefined, 1, 5, 50].flatMap((p) => [undefined, 1, 5, 50].map((u) => [p, u] as const)))('maxBatch: policy %s, user %s', (p, u) => {
    const got = actionRulesFrom(p ? { actions: { maxBatch: p } } : {}, u ? { 'actions.maxBatch': u } : {}).maxBatch;
    expect(got).toBe(Math.min(p ?? DEFAULT_MAX_BATCH, u ?? Number.POSITIVE_INFINITY));
  });
});

// Property: for any policy and any user settings, the merged result is never looser than the policy alone.
const tierRules = fc.record(Object.fromEntries(RISK_TIERS.map((t) => [t, fc.constantFrom(...TIER_RULES)])) as Record<RiskTier, fc.Arbitrary<TierRule>>, { requiredKeys: [] });
const actions = fc.subarray([...ACTION_NAMES]);
const policyArb: fc.Arbitrary<ManagedPolicy> = fc.record(
  {
    models: fc.record({ allowDownloads: fc.boolean() }, { requiredKeys: [] }),
    actions: fc.record({ allow: actions, deny: actions, tiers: tierRules, maxBatch: fc.integer({ min: 1, max: 100 }), allowRemember: fc.boolean(), allowNonInteractive: fc.boolean() }, { requiredKeys: [] }),
    history: fc.oneof(fc.constant('off' as const), fc.record({ retentionDays: fc.integer({ min: 1, max: 3650 }) })),
    hotkey: fc.record({ enabled: fc.boolean() }),
    updates: fc.record({ enabled: fc.boolean() }),
  },
  { requiredKeys: [] },
);
const userArb: fc.Arbitrary<UserSettings> = fc.record(
  {
    'models.allowDownloads': fc.boolean(),
    'actions.allow': actions,
    'actions.deny': actions,
    'actions.tiers': tierRules,
    'actions.maxBatch': fc.integer({ min: 1, max: 1000 }),
    'actions.allowRemember': fc.boolean(),
    'actions.allowNonInteractive': fc.boolean(),
    'history.enabled': fc.boolean(),
    'history.retentionDays': fc.option(fc.integer({ min: 1, max: 3650 })),
    'hotkey.enabled': fc.boolean(),
    'updates.enabled': fc.boolean(),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<UserSettings>;

describe('user settings never loosen the policy (property)', () => {
  it('holds for random policies and settings', () => {
    fc.assert(
      fc.property(policyArb, userArb, (policy, user) => {
        const base = mergeSettings(policy);
        const got = mergeSettings(policy, user);
        const le = (a: boolean, b: boolean) => !a || b; // a is no looser than b
        expect(le(got.models.allowDownloads, policy.models?.allowDownloads ?? true)).toBe(true);
        expect(le(got.actions.allowRemember, policy.actions?.allowRemember ?? true)).toBe(true);
        if (policy.actions?.allowNonInteractive === false) expect(got.actions.allowNonInteractive).toBe(false);
        expect(le(got.hotkey.enabled, policy.hotkey?.enabled ?? true)).toBe(true);
        expect(le(got.updates.enabled, base.updates.enabled)).toBe(true);
        for (const a of policy.actions?.deny ?? []) expect(got.actions.deny).toContain(a);
        for (const a of got.actions.allow) {
          expect(got.actions.deny).not.toContain(a);
          if (policy.actions?.allow) expect(policy.actions.allow).toContain(a);
        }
        for (const t of RISK_TIERS) expect(rank(got.actions.tiers[t])).toBeGreaterThanOrEqual(rank(policy.actions?.tiers?.[t]));
        expect(got.actions.maxBatch).toBeLessThanOrEqual(base.actions.maxBatch);
        if (policy.history === 'off') expect(got.history.enabled).toBe(false);
        if (typeof policy.history === 'object' && got.history.enabled) expect(got.history.retentionDays).toBeLessThanOrEqual(policy.history.retentionDays);
      }),
      { numRuns: 500 },
    );
  });

  it('nothing a user sets lifts the locked-down state', () => {
    fc.assert(
      fc.property(userArb, (user) => {
        const got = mergeSettings(LOCKED_DOWN_POLICY, user);
        expect(got.models.allowDownloads).toBe(false);
        expect(got.history.enabled).toBe(false);
        expect(got.actions.allowRemember).toBe(false);
        expect(got.actions.allowNonInteractive).toBe(false);
        expect(got.updates.enabled).toBe(false);
        for (const a of ACTION_NAMES) {
          const readOnly = ACTION_INFO[a].risk === 'read_only';
          expect(got.actions.deny.includes(a)).toBe(!readOnly || Boolean(user['actions.deny']?.includes(a)));
          expect(got.actions.allow).not.toContain(a as ActionName);
        }
        for (const t of RISK_TIERS) if (t !== 'read_only') expect(got.actions.tiers[t]).toBe('deny');
      }),
      { numRuns: 300 },
    );
  });
});
