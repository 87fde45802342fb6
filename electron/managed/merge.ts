import { ACTION_INFO, ACTION_NAMES, DEFAULT_ACTION_RULES, RISK_TIERS, type ActionRules, type RiskTier } from '../permissions';
import type { ManagedPolicy, TierRule } from './schema';
import { DEFAULT_CLIPBOARD_CLEAR_SECONDS, type UserSettings } from './user-settings';

// Managed policy over user settings, as one pure function. The rule everywhere: the policy sets a ceiling, the user
// may only move below it. Deny beats allow, off beats on, the shorter retention and the smaller batch win.

export type { ActionRules };
export const DEFAULT_MAX_BATCH = DEFAULT_ACTION_RULES.maxBatch;
export const DEFAULT_HOTKEY = 'CommandOrControl+Shift+Space';

export interface EffectiveSettings {
  models: { allowDownloads: boolean; allowedSources: string[] | null; allowedSha256: string[] | null; pinnedModel: string | null };
  actions: ActionRules;
  history: { enabled: boolean; retentionDays: number | null };
  knowledge: { managedFolders: string[]; userFolders: string[]; packs: string[]; allowUserDocuments: boolean; embedModel: string | null };
  audit: { exportPath: string | null; rotation: { maxBytes: number; keep: number } | null; allowWipe: boolean };
  hotkey: { enabled: boolean; accelerator: string };
  updates: { enabled: boolean };
  clipboard: { clearSeconds: number };
  ui: { theme: 'system' | 'light' | 'dark' };
  /** Setting keys the policy fixes or bounds (the settings screen shows them as managed). */
  managed: string[];
}

const STRICTNESS: Record<TierRule, number> = { allow: 0, confirm: 1, deny: 2 };

/** The stricter of two rules; an unset side does not count. */
export function stricter(a: TierRule | undefined, b: TierRule | undefined): TierRule | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return STRICTNESS[a] >= STRICTNESS[b] ? a : b;
}

/** A permission both sides must grant: policy off wins; otherwise the user's choice, else the policy's, else the default. */
export function permit(policy: boolean | undefined, user: boolean | undefined, fallback: boolean): boolean {
  if (policy === false) return false;
  return user ?? policy ?? fallback;
}

/** Smallest of the set values; null (no limit) only when neither side sets one. */
function minSet(a: number | null | undefined, b: number | null | undefined): number | null {
  const set = [a, b].filter((v): v is number => typeof v === 'number');
  return set.length ? Math.min(...set) : null;
}

export function actionRulesFrom(policy: ManagedPolicy, user: UserSettings = {}): ActionRules {
  const p = policy.actions ?? {};
  const userTiers = (user['actions.tiers'] ?? {}) as Partial<Record<RiskTier, TierRule>>;
  const tiers: Partial<Record<RiskTier, TierRule>> = {};
  for (const tier of RISK_TIERS) {
    const rule = stricter(p.tiers?.[tier], userTiers[tier]);
    if (rule) tiers[tier] = rule;
  }
  const deny = ACTION_NAMES.filter((a) => p.deny?.includes(a) || user['actions.deny']?.includes(a));
  const allow = ACTION_NAMES.filter((a) => {
    if (deny.includes(a)) return false;
    const tier = ACTION_INFO[a].risk;
    // The user made this action's tier stricter than allow: that also withdraws a per-action allow.
    if (userTiers[tier] !== undefined && userTiers[tier] !== 'allow') return false;
    if (p.allow) return p.allow.includes(a);
    // No policy allow list: a user allow stands unless the policy requires confirmation (or denies) for its tier.
    const policyTier = p.tiers?.[tier];
    return Boolean(user['actions.allow']?.includes(a)) && (policyTier === undefined || policyTier === 'allow');
  });
  return {
    allow,
    deny,
    tiers,
    // The policy (else the default) is the ceiling; the user may only lower it.
    maxBatch: minSet(p.maxBatch ?? DEFAULT_MAX_BATCH, user['actions.maxBatch']) as number,
    allowRemember: permit(p.allowRemember, user['actions.allowRemember'], DEFAULT_ACTION_RULES.allowRemember),
    allowNonInteractive: permit(p.allowNonInteractive, user['actions.allowNonInteractive'], DEFAULT_ACTION_RULES.allowNonInteractive),
  };
}

export function mergeSettings(policy: ManagedPolicy, user: UserSettings = {}): EffectiveSettings {
  const m = policy.models ?? {};
  const k = policy.knowledge ?? {};
  const historyOff = policy.history === 'off' || user['history.enabled'] === false;
  const policyDays = typeof policy.history === 'object' ? policy.history.retentionDays : undefined;
  const allowUserDocuments = permit(k.allowUserDocuments, undefined, true);
  return {
    models: {
      allowDownloads: permit(m.allowDownloads, user['models.allowDownloads'], true),
      allowedSources: m.allowedSources ?? null,
      allowedSha256: m.allowedSha256 ?? null,
      pinnedModel: m.pinnedModel ?? null,
    },
    actions: actionRulesFrom(policy, user),
    history: { enabled: !historyOff, retentionDays: historyOff ? 0 : minSet(policyDays, user['history.retentionDays']) },
    knowledge: {
      managedFolders: k.folders ?? [],
      userFolders: allowUserDocuments ? (user['knowledge.folders'] ?? []) : [],
      packs: k.packs ?? [],
      allowUserDocuments,
      embedModel: user['knowledge.embedModel'] ?? null,
    },
    audit: {
      exportPath: policy.audit?.exportPath ?? null,
      rotation: policy.audit?.rotation ?? null,
      allowWipe: policy.audit?.allowWipe === true,
    },
    hotkey: { enabled: permit(policy.hotkey?.enabled, user['hotkey.enabled'], true), accelerator: user['hotkey.accelerator'] ?? DEFAULT_HOTKEY },
    // Updates are the one switch that defaults off and that only the policy can turn on (no update ping otherwise).
    updates: { enabled: policy.updates?.enabled === true && user['updates.enabled'] !== false },
    clipboard: { clearSeconds: user['clipboard.clearSeconds'] ?? DEFAULT_CLIPBOARD_CLEAR_SECONDS },
    ui: { theme: user['ui.theme'] ?? 'system' },
    managed: managedKeys(policy),
  };
}

function managedKeys(policy: ManagedPolicy): string[] {
  const keys: string[] = [];
  const a = policy.actions ?? {};
  if (policy.models?.allowDownloads !== undefined) keys.push('models.allowDownloads');
  if (a.allow || a.deny) keys.push('actions.allow', 'actions.deny');
  if (a.tiers) keys.push('actions.tiers');
  if (a.maxBatch !== undefined) keys.push('actions.maxBatch');
  if (a.allowRemember !== undefined) keys.push('actions.allowRemember');
  if (a.allowNonInteractive !== undefined) keys.push('actions.allowNonInteractive');
  if (policy.history !== undefined) keys.push('history.enabled', 'history.retentionDays');
  if (policy.knowledge?.allowUserDocuments === false) keys.push('knowledge.folders');
  if (policy.hotkey) keys.push('hotkey.enabled');
  keys.push('updates.enabled'); // always: only the policy can turn updates on
  return keys;
}
