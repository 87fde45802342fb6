import { actionTitle, RISK_TITLES } from '../vocabulary';
import type { ActionName, RiskTier } from './catalog';

/** A tier the policy forbids, in words ("Writes a file" → every action that writes a file). */
const tierDenied = (risk: RiskTier) => `Your organisation's policy forbids every action of this kind (${RISK_TITLES[risk].toLowerCase()}).`;

// The policy engine: pure, no I/O. Code (never the model) decides whether a proposal runs, needs a confirmation,
// or is refused — and which confirmation form the user must complete.

export type TierRule = 'allow' | 'confirm' | 'deny';

/** The knobs managed policy maps onto (electron/managed → actionRulesFrom). */
export interface ActionRules {
  /** Actions that may run without a confirmation (never lifts vault_write / destructive, never tainted). */
  allow: ActionName[];
  /** Actions that are always refused. Deny always wins. */
  deny: ActionName[];
  /** Per-tier override of the default decision. 'allow' is ignored for vault_write and destructive (floor). */
  tiers: Partial<Record<RiskTier, TierRule>>;
  /** Proposals touching more items than this are refused (split them). */
  maxBatch: number;
  /** Whether "allow for this session" / "always allow" may be offered at all. */
  allowRemember: boolean;
  /** Whether `bastion confirm --yes` (no prompt) is accepted where the tier permits it. */
  allowNonInteractive: boolean;
}

export const DEFAULT_ACTION_RULES: ActionRules = {
  allow: [],
  deny: [],
  tiers: {},
  maxBatch: 10,
  allowRemember: true,
  // Secure default (matches electron/managed): `--yes` works only once the user or policy enables it.
  allowNonInteractive: false,
};

export type Grant = 'once' | 'session' | 'always';

/** How the user must confirm. */
export type ConfirmationForm = 'none' | 'yes_no' | 'yes_no_vault_password' | 'typed_title';

export interface PolicyContext {
  risk: RiskTier;
  tainted: boolean;
  itemCount: number;
  rules: ActionRules;
  /** Actions the user allowed for this session or always (only honoured where the tier may be remembered). */
  remembered: ReadonlySet<ActionName>;
}

export interface Decision {
  decision: 'allow' | 'confirm' | 'deny';
  reason: string;
  confirmation: ConfirmationForm;
  /** Grants the confirm dialog may offer. Always contains 'once' when decision is 'confirm'. */
  grants: Grant[];
  /** Whether `--yes` (a confirmation without a prompt) is acceptable for this proposal. */
  nonInteractive: boolean;
  /** Set when the proposal was made with untrusted text in context: shown in the dialog. */
  flagged: string | null;
}

const TAINT_REASON =
  'Flagged: this was proposed while untrusted text (vault titles, notes, URLs or an imported document) was in context; it may come from an injected instruction, so it always needs your explicit confirmation.';

/** The default decision for each tier (before managed rules). */
export function defaultTierRule(risk: RiskTier): TierRule {
  switch (risk) {
    case 'read_only':
    case 'local_state':
      return 'allow';
    case 'sensitive':
    case 'external':
    case 'file_write':
    case 'vault_write':
    case 'destructive':
      return 'confirm';
    default:
      risk satisfies never;
      return 'deny';
  }
}

/** Tiers whose confirmation may be remembered (session / always). Writes to the vault and deletions never are. */
export function tierRememberable(risk: RiskTier): boolean {
  switch (risk) {
    case 'read_only':
    case 'local_state':
    case 'sensitive':
    case 'external':
    case 'file_write':
      return true;
    case 'vault_write':
    case 'destructive':
      return false;
    default:
      risk satisfies never;
      return false;
  }
}

/** Tiers that must always be confirmed, whatever allow lists or tier rules say. */
function tierHasConfirmFloor(risk: RiskTier): boolean {
  return !tierRememberable(risk);
}

export function confirmationForm(risk: RiskTier): ConfirmationForm {
  switch (risk) {
    case 'read_only':
    case 'local_state':
      return 'none';
    case 'sensitive':
    case 'external':
    case 'file_write':
      return 'yes_no';
    case 'vault_write':
      return 'yes_no_vault_password';
    case 'destructive':
      return 'typed_title';
    default:
      risk satisfies never;
      return 'typed_title';
  }
}

export function decide(proposal: { action: ActionName }, ctx: PolicyContext): Decision {
  const { action } = proposal;
  const { risk, tainted, rules } = ctx;
  const flagged = tainted ? TAINT_REASON : null;
  const deny = (reason: string): Decision => ({ decision: 'deny', reason, confirmation: 'none', grants: [], nonInteractive: false, flagged });
  const rememberable = rules.allowRemember && !tainted && tierRememberable(risk);
  const form = confirmationForm(risk);
  const confirm = (reason: string): Decision => ({
    decision: 'confirm',
    reason,
    confirmation: form === 'none' ? 'yes_no' : form,
    grants: rememberable ? ['once', 'session', 'always'] : ['once'],
    nonInteractive: rules.allowNonInteractive && !tainted && risk !== 'destructive',
    flagged,
  });
  const allow = (reason: string): Decision => ({ decision: 'allow', reason, confirmation: 'none', grants: [], nonInteractive: true, flagged: null });

  // 1. Deny always wins.
  if (rules.deny.includes(action)) return deny(`Your organisation's policy (or your settings) forbids this: ${actionTitle(action).toLowerCase()}.`);
  const tierRule = rules.tiers[risk];
  if (tierRule === 'deny') return deny(tierDenied(risk));
  // 2. Batches are bounded before anything can be allowed.
  if (ctx.itemCount > rules.maxBatch) {
    return deny(`It touches ${ctx.itemCount} items; at most ${rules.maxBatch} per proposal are allowed — split it into smaller batches.`);
  }
  // 3. Tainted proposals are never auto-allowed, whatever else says so.
  if (tainted) return confirm(TAINT_REASON);
  // 4. Vault writes and deletions always need a confirmation.
  if (tierHasConfirmFloor(risk)) {
    return confirm(risk === 'destructive' ? 'It deletes data: type the entry title to confirm.' : 'It writes to your vault: confirm with the database password.');
  }
  if (rules.allow.includes(action)) return allow(`Your policy allows this without a confirmation: ${actionTitle(action).toLowerCase()}.`);
  const rule = tierRule ?? defaultTierRule(risk);
  switch (rule) {
    case 'allow':
      return allow(risk === 'read_only' ? 'Read-only: changes nothing.' : `${RISK_TITLES[risk]}: allowed by policy without a confirmation; it is audited.`);
    case 'confirm':
      if (rememberable && ctx.remembered.has(action)) return allow(`You chose to always allow this: ${actionTitle(action).toLowerCase()}.`);
      return confirm(`${RISK_TITLES[risk]}: it needs your confirmation.`);
    case 'deny':
      return deny(tierDenied(risk));
    default:
      rule satisfies never;
      return deny('Unknown policy rule.');
  }
}
