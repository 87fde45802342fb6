import { z } from 'zod';
import { ACTION_NAMES, RISK_TIERS, type ActionName } from '../permissions';
import { CHECK_IDS } from '../vocabulary';

// The managed policy file an administrator deploys machine-wide. Strict at every level: an unknown key is an error
// (a typo such as "dowloads" must never silently leave a control unset). Every key is optional: what the policy does
// not set is left to the user (within Bastion's defaults); what it sets, the user can only tighten.
// docs/policy.schema.json is generated from this file by scripts/gen-policy-schema.ts (a test keeps them in sync).

export const TIER_RULES = ['allow', 'confirm', 'deny'] as const;
export type TierRule = (typeof TIER_RULES)[number];

const actionName = z.enum(ACTION_NAMES as [ActionName, ...ActionName[]]);
const sha256 = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'a SHA-256 digest: 64 hex characters')
  .transform((s) => s.toLowerCase());
const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'an absolute path');

export const ModelsPolicy = z
  .object({
    allowDownloads: z.boolean().optional().describe('Whether users may download models at all. false: only `bastion models import` of local files.'),
    allowedSources: z
      .array(z.string().min(1).max(2048))
      .optional()
      .describe('URI prefixes a download may come from (e.g. "hf:bastion-models/" or "https://models.corp.example/"). Unset: any catalog URI.'),
    allowedSha256: z.array(sha256).optional().describe('Only models whose file SHA-256 is listed may be downloaded, imported or loaded. Unset: any.'),
    pinnedModel: absolutePath.optional().describe('Absolute path of a GGUF the admin provisioned; Bastion uses it and users cannot switch models.'),
  })
  .strict();

export const ActionsPolicy = z
  .object({
    allow: z.array(actionName).optional().describe('Actions that may run without a confirmation (subject to the permission floors: tainted, vault-write and destructive always confirm). When set, users cannot auto-allow anything else.'),
    deny: z.array(actionName).optional().describe('Actions that are never carried out. Deny beats allow.'),
    tiers: z
      .object(Object.fromEntries(RISK_TIERS.map((t) => [t, z.enum(TIER_RULES).optional()])) as Record<(typeof RISK_TIERS)[number], z.ZodOptional<z.ZodEnum<{ allow: 'allow'; confirm: 'confirm'; deny: 'deny' }>>>)
      .strict()
      .optional()
      .describe('Per risk tier: allow, confirm or deny.'),
    maxBatch: z.number().int().min(1).max(1000).optional().describe('Most items one proposal may touch.'),
    allowRemember: z.boolean().optional().describe('Whether "allow for this session" / "always allow" may be offered.'),
    allowNonInteractive: z.boolean().optional().describe('Whether `bastion confirm ID --yes` may confirm without a prompt.'),
  })
  .strict();

export const HistoryPolicy = z.union([
  z.literal('off').describe('No chat history is kept; any stored history is deleted.'),
  z
    .object({ retentionDays: z.number().int().min(1).max(3650).describe('Chat history older than this is deleted at start and daily.') })
    .strict(),
]);

export const KnowledgePolicy = z
  .object({
    folders: z.array(absolutePath).optional().describe('Folders of policy documents indexed on every client (read-only to users).'),
    packs: z.array(absolutePath).optional().describe('Pre-indexed knowledge packs (built with `bastion policy pack`) to load.'),
    allowUserDocuments: z.boolean().optional().describe('Whether users may add their own documents (`bastion kb add`).'),
  })
  .strict();

export const AuditPolicy = z
  .object({
    exportPath: absolutePath.optional().describe('Where `bastion audit export` writes by default (a SIEM pickup folder, say).'),
    rotation: z
      .object({
        maxBytes: z.number().int().min(1024).max(10 * 1024 ** 3).describe('Rotate the export file once it reaches this size.'),
        keep: z.number().int().min(1).max(1000).describe('How many rotated files to keep (FILE.1 … FILE.keep).'),
      })
      .strict()
      .optional(),
    allowWipe: z.boolean().optional().describe('Whether `bastion wipe --include-audit` may delete the audit log. Default: no.'),
  })
  .strict();

export const DevicePolicy = z
  .object({
    require: z.array(z.enum(CHECK_IDS)).optional().describe('Device-health checks the organisation requires to pass; shown as "required by your organisation".'),
  })
  .strict();

export const ManagedPolicy = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1).optional().describe('Policy format version.'),
    models: ModelsPolicy.optional(),
    actions: ActionsPolicy.optional(),
    history: HistoryPolicy.optional(),
    knowledge: KnowledgePolicy.optional(),
    audit: AuditPolicy.optional(),
    device: DevicePolicy.optional().describe('Device health (`bastion device`). Deny its fixes with actions.deny.'),
    hotkey: z.object({ enabled: z.boolean() }).strict().optional().describe('Whether the global quick-ask hotkey may be registered.'),
    updates: z
      .object({ enabled: z.boolean() })
      .strict()
      .optional()
      .describe('Update checks. Off unless the policy turns them on: Bastion makes no network request by itself.'),
  })
  .strict()
  .describe('Bastion managed policy (machine-wide). Every key is optional; users can only tighten what it sets.');

export type ManagedPolicy = z.infer<typeof ManagedPolicy>;
export type ModelsPolicy = z.infer<typeof ModelsPolicy>;
export type ActionsPolicy = z.infer<typeof ActionsPolicy>;
export type HistoryPolicy = z.infer<typeof HistoryPolicy>;

/** The JSON Schema published for admins (docs/policy.schema.json). */
export function policyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ManagedPolicy, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { title: 'Bastion managed policy', ...schema };
}
