import { z } from 'zod';
import { ACTION_INFO, ACTION_NAMES as NAMES, CHECK_IDS, FINDING_KINDS, GENERATED_ID_RE, ITEM_ID_RE, RISK_TIERS, type ActionInfo, type ActionName, type RiskTier } from '../vocabulary';

// The action catalog: the only things a proposal may name, with the zod schema of each action's arguments. Names,
// titles and risk tiers are the shared vocabulary's; the assistant builds its output grammar from these schemas.

export { ACTION_INFO, RISK_TIERS, type ActionInfo, type ActionName, type RiskTier };
/** A mutable copy, typed as before, for callers that build enums and lists from it. */
export const ACTION_NAMES: ActionName[] = [...NAMES];

const itemId = z.string().regex(ITEM_ID_RE, 'an item id from the report (it_…)');
const findingKind = z.enum(FINDING_KINDS);
const absolutePath = z.string().min(2).max(4096).refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'an absolute file path');

export const ACTION_ARGS = {
  generate_password: z
    .object({
      length: z.number().int().min(12).max(128).optional(),
      words: z.number().int().min(4).max(12).optional(),
      symbols: z.boolean().optional(),
    })
    .strict(),
  copy_to_clipboard: z.object({ generatedId: z.string().regex(GENERATED_ID_RE, 'a generated password id (gen_…)') }).strict(),
  open_change_password_page: z.object({ itemId }).strict(),
  rotate_password: z.object({ itemId, length: z.number().int().min(12).max(128).optional() }).strict(),
  move_to_recycle_bin: z.object({ itemId }).strict(),
  export_report: z.object({ format: z.enum(['csv', 'html', 'json']), path: z.string().min(1).max(4096) }).strict(),
  snooze_finding: z.object({ kind: findingKind, itemIds: z.array(itemId).min(1), days: z.number().int().min(1).max(365) }).strict(),
  mark_resolved: z.object({ kind: findingKind, itemIds: z.array(itemId).min(1) }).strict(),
  // Device-health fixes: the paths come from `bastion device`'s evidence; the executors refuse anything outside the
  // home folder, symlinks and non-regular files, and delete only a file that IS a plain-text vault export (by content).
  fix_file_permissions: z.object({ path: absolutePath }).strict(),
  delete_plaintext_export: z.object({ path: absolutePath, mode: z.enum(['trash', 'overwrite']).optional() }).strict(),
  open_settings_page: z.object({ checkId: z.enum(CHECK_IDS) }).strict(),
} as const satisfies Record<ActionName, z.ZodType>;

export type ActionArgs<A extends ActionName> = z.infer<(typeof ACTION_ARGS)[A]>;

/** What the model may emit: one action and its args. Everything else about a proposal is decided by code. */
export const ProposalRequest = z.discriminatedUnion(
  'action',
  ACTION_NAMES.map((name) => z.object({ action: z.literal(name), args: ACTION_ARGS[name] }).strict()) as unknown as [
    z.ZodObject<{ action: z.ZodLiteral<ActionName>; args: z.ZodTypeAny }>,
    ...z.ZodObject<{ action: z.ZodLiteral<ActionName>; args: z.ZodTypeAny }>[],
  ],
);
export type ProposalRequest = { [A in ActionName]: { action: A; args: ActionArgs<A> } }[ActionName];

/** A proposal as stored and shown: made by code from a validated request. */
export const Proposal = z.object({
  id: z.string(),
  action: z.enum(NAMES),
  args: z.record(z.string(), z.unknown()),
  risk: z.enum(RISK_TIERS),
  requiresConfirmation: z.boolean(),
  tainted: z.boolean(),
});
export type Proposal = z.infer<typeof Proposal>;
