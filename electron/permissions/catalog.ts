import { z } from 'zod';

// The action catalog: the only things a proposal may name. Pure data + zod (no Node imports) so the assistant can
// build its output grammar from it and the renderer can show effects. Executors live beside it, keyed by name.

export const RISK_TIERS = ['read_only', 'local_state', 'sensitive', 'external', 'file_write', 'vault_write', 'destructive'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

const itemId = z.string().regex(/^it_[A-Za-z0-9_-]{6,64}$/, 'an item id from the report (it_…)');
const findingKind = z.enum(['weak', 'reused', 'exposed', 'insecure_url', 'missing_2fa', 'duplicate', 'old']);

export const ACTION_ARGS = {
  generate_password: z
    .object({
      length: z.number().int().min(12).max(128).optional(),
      words: z.number().int().min(4).max(12).optional(),
      symbols: z.boolean().optional(),
    })
    .strict(),
  copy_to_clipboard: z.object({ generatedId: z.string().regex(/^gen_[A-Za-z0-9_-]{6,64}$/, 'a generated password id (gen_…)') }).strict(),
  open_change_password_page: z.object({ itemId }).strict(),
  rotate_password: z.object({ itemId, length: z.number().int().min(12).max(128).optional() }).strict(),
  move_to_recycle_bin: z.object({ itemId }).strict(),
  export_report: z.object({ format: z.enum(['csv', 'html', 'json']), path: z.string().min(1).max(4096) }).strict(),
  snooze_finding: z.object({ kind: findingKind, itemIds: z.array(itemId).min(1), days: z.number().int().min(1).max(365) }).strict(),
  mark_resolved: z.object({ kind: findingKind, itemIds: z.array(itemId).min(1) }).strict(),
} as const;

export type ActionName = keyof typeof ACTION_ARGS;
export const ACTION_NAMES = Object.keys(ACTION_ARGS) as ActionName[];
export type ActionArgs<A extends ActionName> = z.infer<(typeof ACTION_ARGS)[A]>;

export interface ActionInfo {
  risk: RiskTier;
  /** One line for the palette and the confirm dialog's heading. */
  title: string;
  /**
   * Whether the action can be undone through `bastion undo` — for some executions: export_report only when it replaced
   * a file (it keeps a backup). isUndoable(proposal) says it for one executed proposal.
   */
  undoable: boolean;
  /** Its `path` argument names a file it writes: checked by inspectTarget when proposed and again when run. */
  writesFile?: true;
}

export const ACTION_INFO: Record<ActionName, ActionInfo> = {
  generate_password: { risk: 'read_only', title: 'Generate a strong password', undoable: false },
  copy_to_clipboard: { risk: 'sensitive', title: 'Copy a generated password to the clipboard', undoable: false },
  open_change_password_page: { risk: 'external', title: "Open the site's change-password page", undoable: false },
  rotate_password: { risk: 'vault_write', title: 'Rotate a password in the KeePass vault', undoable: true },
  move_to_recycle_bin: { risk: 'destructive', title: 'Move a KeePass entry to the recycle bin', undoable: true },
  export_report: { risk: 'file_write', title: 'Export the findings report to a file', undoable: true, writesFile: true },
  snooze_finding: { risk: 'local_state', title: 'Snooze a finding', undoable: true },
  mark_resolved: { risk: 'local_state', title: 'Mark a finding as resolved', undoable: true },
};

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
  action: z.enum(ACTION_NAMES as [ActionName, ...ActionName[]]),
  args: z.record(z.string(), z.unknown()),
  risk: z.enum(RISK_TIERS),
  requiresConfirmation: z.boolean(),
  tainted: z.boolean(),
});
export type Proposal = z.infer<typeof Proposal>;
