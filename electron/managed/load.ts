import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ACTION_INFO, ACTION_NAMES, RISK_TIERS, type RiskTier } from '../permissions';
import { ManagedPolicy, type TierRule } from './schema';

// Reading the machine-wide policy. Any problem with a policy that exists (unreadable, not JSON, a wrong type, an
// unknown key) fails CLOSED: Bastion runs locked down and says why, instead of running unmanaged.

export const MAX_POLICY_BYTES = 1024 * 1024;

export type PolicyStatus = 'absent' | 'valid' | 'invalid';

export interface ManagedPolicyState {
  status: PolicyStatus;
  /** The file that was (or would have been) read. */
  path: string;
  /** The policy in force: the file's, {} when there is none, LOCKED_DOWN_POLICY when it is invalid. */
  policy: ManagedPolicy;
  /** True when running locked down because the policy file is invalid. */
  locked: boolean;
  /** For an invalid policy: one line saying what is wrong and what Bastion does about it. */
  message: string | null;
  /** SHA-256 of the file's bytes as read (null when there is no readable file): the policy history's key. */
  sha256: string | null;
  /** The file's JSON when it parsed as JSON, valid or not (undefined otherwise): what changed is said against it. */
  document?: unknown;
}

/** What Bastion runs with when the policy file is invalid: no downloads, only read-only actions, no history. */
export const LOCKED_DOWN_POLICY: ManagedPolicy = deepFreeze({
  version: 1,
  models: { allowDownloads: false },
  actions: {
    allow: [],
    deny: ACTION_NAMES.filter((a) => ACTION_INFO[a].risk !== 'read_only'),
    tiers: Object.fromEntries(RISK_TIERS.map((t) => [t, t === 'read_only' ? 'allow' : 'deny'])) as Record<RiskTier, TierRule>,
    maxBatch: 1,
    allowRemember: false,
    allowNonInteractive: false,
  },
  history: 'off',
  knowledge: { allowUserDocuments: false },
  audit: { allowWipe: false },
  updates: { enabled: false },
} satisfies ManagedPolicy);

/** Shared by every caller: frozen all the way down so no caller can loosen it by mutation. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The OS-standard machine-wide location; BASTION_POLICY overrides it (tests, staged roll-outs). */
export function policyPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.BASTION_POLICY) return env.BASTION_POLICY;
  switch (platform) {
    case 'win32':
      return join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'Bastion', 'policy.json');
    case 'darwin':
      return '/Library/Application Support/Bastion/policy.json';
    default:
      return '/etc/bastion/policy.json';
  }
}

export function loadManagedPolicy(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): ManagedPolicyState {
  const path = policyPath(env, platform);
  let text: string;
  let sha256: string | null = null;
  try {
    const st = statSync(path);
    if (!st.isFile()) return invalid(path, 'is not a regular file');
    if (st.size > MAX_POLICY_BYTES) return invalid(path, `is larger than ${MAX_POLICY_BYTES} bytes`);
    const bytes = readFileSync(path);
    sha256 = createHash('sha256').update(bytes).digest('hex');
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // No file at the OS location means an unmanaged machine. A file named by BASTION_POLICY must exist.
    if (code === 'ENOENT' && !env.BASTION_POLICY) return { status: 'absent', path, policy: {}, locked: false, message: null, sha256: null };
    if (code === 'ENOENT') return invalid(path, 'does not exist (named by BASTION_POLICY)');
    if (e instanceof TypeError) return invalid(path, 'is not valid UTF-8', { sha256 });
    return invalid(path, `cannot be read (${code ?? (e as Error).message})`);
  }
  const doc = parseJson(text);
  if (!doc.ok) return invalid(path, doc.problem, { sha256 });
  const checked = validatePolicy(doc.json);
  if (!checked.ok) return invalid(path, checked.problem, { sha256, document: doc.json });
  return { status: 'valid', path, policy: checked.policy, locked: false, message: null, sha256, document: doc.json };
}

function parseJson(text: string): { ok: true; json: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, json: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (e) {
    return { ok: false, problem: `is not valid JSON (${(e as Error).message})` };
  }
}

/** Parse and validate policy JSON; the problem names the first offending key. Used by `bastion policy check`. */
export function parsePolicyText(text: string): { ok: true; policy: ManagedPolicy } | { ok: false; problem: string } {
  const doc = parseJson(text);
  return doc.ok ? validatePolicy(doc.json) : doc;
}

function validatePolicy(json: unknown): { ok: true; policy: ManagedPolicy } | { ok: false; problem: string } {
  const result = ManagedPolicy.safeParse(json);
  if (result.success) return { ok: true, policy: result.data };
  const issue = result.error.issues[0]!;
  const where = issue.path.length ? issue.path.join('.') : '(top level)';
  const what = issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem(s))` : '';
  return { ok: false, problem: `is invalid at ${where}: ${what}${more}` };
}

function invalid(path: string, problem: string, read: { sha256?: string | null; document?: unknown } = {}): ManagedPolicyState {
  return {
    status: 'invalid',
    path,
    policy: LOCKED_DOWN_POLICY,
    locked: true,
    message: `Managed policy ${path} ${problem}; Bastion is running locked down (no model downloads, only read-only actions, no chat history) until an administrator fixes it.`,
    sha256: read.sha256 ?? null,
    ...(read.document !== undefined ? { document: read.document } : {}),
  };
}
