import { z } from 'zod';
import { ERROR_CODES } from '../core/errors';
import { DeviceReport } from '../device/types';
import { ProposalRequest } from '../permissions/catalog';
import { ACTION_NAMES, EXPOSURES, FALLBACK_REASONS, FINDING_KINDS, GUESS_TIMES, IMPORT_FORMATS, ITEM_ID_RE, RISK_TIERS, SEVERITIES } from '../vocabulary';
import type { ChannelName, EventListName } from './names';

// The one IPC contract: every channel with its request/response schema and every event. zod + types only (no Node,
// no Electron) so main, preload, the e2e bridge and the renderer all import the same names. Main validates every
// request and every response against these; anything not listed here cannot cross.

const itemId = z.string().regex(ITEM_ID_RE);
const path = z.string().min(1).max(4096);
const id = z.string().min(1).max(200);
const empty = z.object({}).strict();

export const FindingKind = z.enum(FINDING_KINDS);
/** Set when Bastion took a safer, plainer path (no model, model output dropped, locked down, unreadable input). */
export const Fallback = z.object({ reason: z.enum(FALLBACK_REASONS), message: z.string() });
export const Severity = z.enum(SEVERITIES);
export const ItemBrief = z.object({ id: z.string(), title: z.string() });
/** `exposure` (exposed only): on the common-password list, or found in an imported breach corpus. */
export const Finding = z.object({ kind: FindingKind, severity: Severity, items: z.array(ItemBrief), reason: z.string(), exposure: z.enum(EXPOSURES).optional() });
export const Report = z.object({
  counts: z.object({ items: z.number(), logins: z.number() }),
  score: z.number(),
  findings: z.array(Finding),
  excluded: z.array(Finding),
  /** Items the vault itself marks "exclude from reports" (KeePassXC's per-entry switch). */
  excludedByVault: z.array(Finding).optional(),
});
export const ImportSummary = z.object({
  source: z.string(),
  format: z.string(),
  items: z.number(),
  logins: z.number(),
  skipped: z.array(z.object({ reason: z.string(), line: z.number().optional() })),
  /** Set when most entries were skipped: the import is not silently "fine". */
  warning: z.string().optional(),
  /** A plain-text export was imported: the app offers to delete it (delete_plaintext_export). */
  plaintextExport: z.object({ path: z.string(), format: z.string() }).optional(),
  fallback: Fallback.nullable().optional(),
});
/** One finding of one item: open, or set aside by the vault, an exclusion, a snooze (until `until`) or a resolve. */
export const ItemFinding = z.object({
  kind: FindingKind,
  severity: Severity,
  state: z.enum(['open', 'vault', 'excluded', 'snoozed', 'resolved']),
  until: z.number().optional(),
  exposure: z.enum(EXPOSURES).optional(),
});
/** Where items came from; `writable` is true for KeePass files only (exports get a guided change). */
export const HealthSource = z.object({ name: z.string(), format: z.enum(IMPORT_FORMATS), writable: z.boolean() });
/** A row of the vault health table, never a secret; `source` indexes the overview's `sources`. */
export const HealthItem = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(['login', 'note', 'card', 'identity']),
  site: z.string().nullable(),
  username: z.string().nullable(),
  source: z.number().int().min(0),
  strength: z.number().int().min(0).max(4).nullable(),
  guessTime: z.enum(GUESS_TIMES).nullable(),
  changedMs: z.number().nullable(),
  findings: z.array(ItemFinding),
  risk: z.number(),
});
export const NEXT_STEPS = ['rotate', 'guided_change', 'fix_url', 'add_two_factor', 'recycle_duplicate', 'remove_duplicate'] as const;
export const PlanEntry = z.object({ itemId: z.string(), title: z.string(), kind: FindingKind, exposure: z.enum(EXPOSURES).optional(), reason: z.string(), step: z.enum(NEXT_STEPS) });
export const HealthSnapshot = z.object({ at: z.number(), score: z.number(), items: z.number(), logins: z.number(), counts: z.record(FindingKind, z.number()) });
export const HealthOverview = z.object({
  counts: z.object({ items: z.number(), logins: z.number() }),
  score: z.number(),
  sources: z.array(HealthSource),
  items: z.array(HealthItem),
  plan: z.array(PlanEntry),
  history: z.array(HealthSnapshot),
});
export const ItemHealthDetail = z.object({
  item: HealthItem,
  source: HealthSource,
  urls: z.array(z.string()),
  group: z.string().nullable(),
  hasTotp: z.boolean(),
  findings: z.array(ItemFinding.extend({ reason: z.string(), related: z.array(ItemBrief) })),
});
export const IMPORT_PHASES = ['reading', 'decrypting', 'scoring', 'saving'] as const;
/** What a native file picker is for: it decides the title, the filters and whether folders may be chosen. */
export const OPEN_PURPOSES = ['vault', 'key-file', 'model', 'knowledge-folder', 'knowledge-file'] as const;
export const SAVE_PURPOSES = ['report', 'audit'] as const;
export const ItemRef = z.object({
  id: z.string(),
  title: z.string(),
  username: z.string().nullable(),
  urls: z.array(z.string()),
  kind: z.string(),
  group: z.string().nullable(),
  sourceId: z.string(),
  sourcePath: z.string(),
  format: z.string(),
  externalId: z.string(),
});
/** Sources are shown, not interpreted: known keys are typed, the rest passes through as plain JSON. */
export const Source = z.object({ id: z.string(), path: z.string(), name: z.string(), format: z.string(), importedAt: z.string(), items: z.number(), logins: z.number() });
export const KbResult = z.object({
  chunkId: z.string(),
  doc: z.string(),
  title: z.string(),
  heading: z.string(),
  snippet: z.string(),
  score: z.number(),
  untrusted: z.boolean(),
});
export const Citation = z.object({ doc: z.string(), title: z.string(), snippet: z.string() });
export const ProposalBrief = z.object({
  id: z.string(),
  action: z.string(),
  args: z.record(z.string(), z.unknown()),
  risk: z.string(),
  requiresConfirmation: z.boolean(),
  tainted: z.boolean(),
});
export const AskResult = z.object({
  route: z.enum(['vault', 'knowledge', 'chat', 'device']),
  answer: z.string(),
  citations: z.array(Citation),
  findings: z.array(Finding),
  proposals: z.array(ProposalBrief),
  fallback: Fallback.nullable().optional(),
});

/** What the confirm dialog shows: computed by code from the stored proposal and the vault, never from model text. */
export const ProposalView = z.object({
  id: z.string(),
  /** SHA-256 of the exact action + args shown: the confirmation quotes it, so it can only run what was shown. */
  argsHash: z.string(),
  action: z.enum(ACTION_NAMES),
  title: z.string(),
  args: z.record(z.string(), z.unknown()),
  risk: z.enum(RISK_TIERS),
  requiresConfirmation: z.boolean(),
  tainted: z.boolean(),
  status: z.string(),
  createdAt: z.number().nullable(),
  undoable: z.boolean(),
  /** Set for destructive actions: the exact text the user must type to confirm. */
  typeToConfirm: z.string().nullable(),
  effect: z.object({
    summary: z.string(),
    item: z.object({ id: z.string(), title: z.string(), field: z.string().nullable() }).nullable(),
    url: z.string().nullable(),
    file: z.string().nullable(),
    before: z.string().nullable(),
    after: z.string().nullable(),
  }),
  provenance: z.object({
    origin: z.enum(['user', 'model']),
    /** Who asked, in words ("The assistant, from your message «…»"). */
    by: z.string(),
    userMessage: z.string().nullable(),
    items: z.array(ItemBrief),
    /** Knowledge chunks that were in the model's context (ids; user documents among them make it untrusted). */
    chunks: z.array(z.string()),
    /** The same chunks named: document title, section, and whether it is a user document (untrusted). */
    documents: z.array(z.object({ chunkId: z.string(), title: z.string(), heading: z.string(), untrusted: z.boolean() })),
    untrusted: z.boolean(),
    /** Why the proposal is flagged, one line per reason; empty when it is not tainted. */
    why: z.array(z.string()),
  }),
  decision: z.object({ decision: z.enum(['allow', 'confirm', 'deny']), reason: z.string() }).nullable(),
  /** How the user must confirm (from the policy decision). */
  confirmation: z.enum(['none', 'yes_no', 'yes_no_vault_password', 'typed_title']),
  /** Which "remember" grants the dialog may offer; always includes 'once' when a confirmation is needed. */
  grants: z.array(z.enum(['once', 'session', 'always'])),
});
export const ActionOutcome = z.object({
  proposalId: z.string(),
  status: z.string(),
  message: z.string(),
  /** Present for generate_password: the generated secret is shown to the user once, never stored or logged. */
  generated: z.object({ id: z.string(), password: z.string() }).optional(),
});
export const AuditRecord = z.object({
  seq: z.number(),
  time: z.string(),
  actor: z.string(),
  event: z.string(),
  action: z.string().nullable(),
  proposalId: z.string().nullable(),
  /** Already scrubbed of secrets by the audit engine; shown as JSON. */
  body: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export const AuditVerify = z.object({ ok: z.boolean(), records: z.number(), firstBadSeq: z.number().nullable(), message: z.string() });
export const ModelInfo = z.object({
  name: z.string(),
  title: z.string(),
  installed: z.boolean(),
  active: z.boolean(),
  sizeBytes: z.number().nullable(),
  license: z.string().nullable(),
  tier: z.string().nullable(),
  /** Kept for rollback: `models:rollback` makes it active again. */
  previous: z.boolean().optional(),
  /** instruct (has a chat template: writes answers) or base (only phrases short intros); null: not checked yet. */
  kind: z.enum(['instruct', 'base']).nullable().optional(),
  /** One line when the kind limits what the model does, else null. */
  kindNote: z.string().nullable().optional(),
});
export const GpuInfo = z.object({ backend: z.string(), devices: z.array(z.string()), note: z.string() });
export const Settings = z.object({
  historyEnabled: z.boolean(),
  hotkey: z.string(),
  hotkeyEnabled: z.boolean(),
  knowledgeFolders: z.array(z.string()),
  theme: z.enum(['system', 'light', 'dark']),
  clipboardClearSeconds: z.number().int().min(5).max(600),
});
export const PolicyHistoryEntry = z.object({
  firstSeen: z.string(),
  lastSeen: z.string(),
  status: z.enum(['valid', 'invalid', 'absent']),
  path: z.string(),
  sha256: z.string().nullable(),
  problem: z.string().nullable(),
});
export const PolicyStatus = z.object({
  state: z.enum(['none', 'active', 'invalid', 'unavailable']),
  source: z.string().nullable(),
  /** For an invalid policy: what is wrong, what changed against the last valid one, and that Bastion is locked down. */
  message: z.string(),
  locks: z.array(z.string()),
  sha256: z.string().nullable().optional(),
  /** The policies seen on this machine, newest first. */
  history: z.array(PolicyHistoryEntry).optional(),
  fallback: Fallback.nullable().optional(),
});
const FoundFile = z.object({ path: z.string(), bytes: z.number() });
const DescribedPart = { area: z.string(), holds: z.string(), never: z.array(z.string()), retention: z.string(), remove: z.string() };
/** What Bastion keeps on this machine (electron/inventory): every table, file and setting, with sizes and counts. */
export const DataInventory = z.object({
  dataDir: z.string(),
  totalBytes: z.number(),
  neverKept: z.array(z.string()),
  tables: z.array(
    z.object({
      name: z.string(),
      ...DescribedPart,
      present: z.boolean(),
      rows: z.number(),
      rowsEstimated: z.boolean(),
      bytes: z.number().nullable(),
      keptOnWipe: z.boolean(),
      columns: z.array(z.object({ name: z.string(), type: z.string().nullable(), holds: z.string() })),
    }),
  ),
  files: z.array(z.object({ id: z.string(), title: z.string(), patterns: z.array(z.string()), ...DescribedPart, found: z.array(FoundFile), bytes: z.number() })),
  outside: z.array(z.object({ id: z.string(), title: z.string(), where: z.string(), ...DescribedPart, found: z.array(FoundFile) })),
  settings: z.array(z.object({ key: z.string(), holds: z.string(), never: z.array(z.string()), retention: z.string(), remove: z.string(), set: z.boolean(), managed: z.boolean() })),
  undescribed: z.object({ tables: z.array(z.string()), files: z.array(FoundFile), problems: z.array(z.string()) }),
});
/** A stored chat conversation: `title` is the user's name for it, else its first question. */
export const Conversation = z.object({ id: z.string(), title: z.string().nullable(), named: z.boolean(), messages: z.number(), updatedMs: z.number() });
export const StoredMessage = z.object({ role: z.enum(['user', 'assistant']), text: z.string(), route: z.enum(['vault', 'knowledge', 'chat']).nullable(), createdMs: z.number() });
export const EgressEntry = z.object({ time: z.string(), url: z.string(), purpose: z.string(), blocked: z.boolean(), detail: z.string().nullable() });

/** Every request/response pair. Keys are the channel names on the wire. */
export const CHANNELS = {
  'vault:import': {
    req: z.object({
      path,
      format: z.enum([...IMPORT_FORMATS, 'auto']).optional(),
      password: z.string().max(4096).optional(),
      keyFilePath: path.optional(),
    }).strict(),
    res: ImportSummary,
  },
  /** Stops the import in progress before anything is written (the store stays exactly as it was). */
  'vault:cancel-import': { req: empty, res: z.object({ cancelled: z.boolean() }) },
  'vault:report': { req: empty, res: Report },
  /** Every item with its findings, the "Fix first" plan and the score's trend over imports (dashboard). */
  'vault:health': { req: empty, res: HealthOverview },
  /** One item's findings with their reasons and the items each is shared with (details drawer). */
  'vault:item-health': { req: z.object({ id: itemId }).strict(), res: ItemHealthDetail.nullable() },
  /** Undoes the user's exclusion of an item (from one kind, or all); audited. */
  'vault:include': { req: z.object({ itemId, kind: FindingKind.optional() }).strict(), res: z.object({ removed: z.number() }) },
  'vault:item': { req: z.object({ id: itemId }).strict(), res: ItemRef.nullable() },
  'vault:sources': { req: empty, res: z.array(Source) },
  'vault:forget': { req: z.object({ idOrPath: z.string().min(1).max(4096) }).strict(), res: z.object({ forgotten: z.string() }) },
  'vault:exclude': {
    req: z.object({ kind: FindingKind, itemIds: z.array(itemId).min(1).max(10), mode: z.enum(['snooze', 'resolve', 'clear']), days: z.number().int().min(1).max(365).optional() }).strict(),
    res: z.object({ kind: FindingKind, itemIds: z.array(z.string()), mode: z.string() }),
  },
  'kb:search': { req: z.object({ query: z.string().min(1).max(2000), k: z.number().int().min(1).max(50).optional() }).strict(), res: z.object({ mode: z.enum(['hybrid', 'keyword']), results: z.array(KbResult) }) },
  'kb:add': {
    req: z.object({ paths: z.array(path).min(1).max(100) }).strict(),
    res: z.object({ added: z.number(), updated: z.number(), unchanged: z.number(), skipped: z.array(z.object({ path: z.string(), reason: z.string() })), fallback: Fallback.nullable().optional() }),
  },
  'kb:list': { req: empty, res: z.array(z.object({ id: z.string(), title: z.string(), path: z.string().nullable(), chunks: z.number(), folder: z.string().nullable() })) },
  'kb:remove': { req: z.object({ id }).strict(), res: z.object({ removed: z.string() }) },
  'ask:start': {
    /** The renderer mints the conversation id, so every event of the first answer already carries the id it knows. */
    req: z.object({ question: z.string().min(1).max(8000), conversationId: id, noLlm: z.boolean().optional() }).strict(),
    res: z.object({ conversationId: z.string() }),
  },
  'ask:stop': { req: z.object({ conversationId: id }).strict(), res: z.object({ stopped: z.boolean() }) },
  /** Stored conversations, and whether history is kept (off: only the current conversation, in the app's memory). */
  'conversations:list': { req: empty, res: z.object({ kept: z.boolean(), lockedByPolicy: z.boolean(), conversations: z.array(Conversation) }) },
  'conversations:messages': { req: z.object({ id }).strict(), res: z.array(StoredMessage) },
  /** An empty title gives the conversation back its first question as its name. */
  'conversations:rename': { req: z.object({ id, title: z.string().max(200) }).strict(), res: z.object({ title: z.string().nullable() }) },
  /** Deletes one conversation and its messages (audited as a deletion of local data). */
  'conversations:delete': { req: z.object({ id }).strict(), res: z.object({ messages: z.number() }) },
  /** Deletes every stored conversation (Settings → What Bastion keeps → Clear chat history). */
  'conversations:clear': { req: empty, res: z.object({ messages: z.number() }) },
  'proposals:list': { req: z.object({ status: z.enum(['pending', 'all']).optional() }).strict(), res: z.array(ProposalView) },
  /** A user-started action (dashboard fix button, palette, shortcut): same permission layer, provenance "user". */
  'proposals:create': { req: z.object({ request: ProposalRequest }).strict(), res: z.object({ proposal: ProposalView, outcome: ActionOutcome.nullable() }) },
  'proposals:confirm': {
    req: z.object({ id, argsHash: z.string().min(1).max(200), typedTitle: z.string().max(4096).optional(), remember: z.enum(['once', 'session', 'always']).optional(), vaultPassword: z.string().max(4096).optional() }).strict(),
    res: ActionOutcome,
  },
  'proposals:reject': { req: z.object({ id }).strict(), res: ActionOutcome },
  'proposals:undo': { req: z.object({ id, vaultPassword: z.string().max(4096).optional() }).strict(), res: ActionOutcome },
  'audit:list': { req: z.object({ limit: z.number().int().min(1).max(10_000).optional() }).strict(), res: z.array(AuditRecord) },
  'audit:verify': { req: empty, res: AuditVerify },
  'audit:export': { req: z.object({ path }).strict(), res: z.object({ path: z.string(), records: z.number() }) },
  'models:list': { req: empty, res: z.object({ models: z.array(ModelInfo), gpu: GpuInfo }) },
  'models:pull': { req: z.object({ name: id }).strict(), res: z.object({ name: z.string(), path: z.string() }) },
  'models:import': { req: z.object({ path }).strict(), res: z.object({ name: z.string(), path: z.string() }) },
  'models:use': { req: z.object({ name: id }).strict(), res: z.object({ name: z.string() }) },
  /** Back to the model used before the active one (audited as model_changed, change rolled_back). */
  'models:rollback': { req: empty, res: z.object({ from: z.string().nullable(), name: z.string() }) },
  'settings:get': { req: empty, res: Settings.extend({ managed: z.array(z.string()) }) },
  'settings:set': {
    req: Settings.partial().strict(),
    res: z.object({ settings: Settings, hotkeyConflict: z.string().nullable() }),
  },
  'settings:wipe': { req: z.object({ confirm: z.literal('WIPE') }).strict(), res: z.object({ removed: z.array(z.string()), kept: z.array(z.string()) }) },
  'policy:status': { req: empty, res: PolicyStatus },
  'egress:log': { req: empty, res: z.array(EgressEntry) },
  /** Device health (electron/device, pure schema): each check's status, evidence, reason and fix; never a secret. */
  'device:report': { req: empty, res: DeviceReport.extend({ unmet: z.array(z.string()) }) },
  /** What Bastion keeps on this machine, for the Settings screen "What Bastion keeps". */
  'data:inventory': { req: empty, res: DataInventory },
  /** A native open dialog (desktop only): the chosen path, or null when the user cancelled. */
  'dialog:open': { req: z.object({ purpose: z.enum(OPEN_PURPOSES) }).strict(), res: z.object({ path: z.string().nullable() }) },
  /** A native save dialog (desktop only): the chosen path, or null when the user cancelled. */
  'dialog:save': { req: z.object({ purpose: z.enum(SAVE_PURPOSES), defaultName: z.string().min(1).max(255) }).strict(), res: z.object({ path: z.string().nullable() }) },
} as const satisfies Record<ChannelName, { req: z.ZodType; res: z.ZodType }>;

/** Events main → renderer. Small deltas, never whole state. */
export const EVENTS = {
  'ask:token': z.object({ conversationId: z.string(), delta: z.string() }),
  'ask:done': z.object({ conversationId: z.string(), result: AskResult }),
  'ask:error': z.object({ conversationId: z.string(), error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }) }),
  /** `phase` says what the import is doing; done/total count passwords scored (0/0 outside the scoring phase). */
  'vault:progress': z.object({
    done: z.number(),
    total: z.number(),
    phase: z.enum(IMPORT_PHASES).optional(),
    /** Items per finding kind by every check but strength, known while strengths are still estimated. */
    soFar: z.partialRecord(z.enum(FINDING_KINDS), z.number().int().nonnegative()).optional(),
  }),
  'models:progress': z.object({ name: z.string(), done: z.number(), total: z.number() }),
  'proposals:changed': z.object({ id: z.string(), status: z.string() }),
  'app:command': z.object({ command: z.enum(['quick-ask', 'palette', 'verify-audit']) }),
} as const satisfies Record<EventListName, z.ZodType>;

export type Channel = keyof typeof CHANNELS;
export type EventName = keyof typeof EVENTS;
export type Req<C extends Channel> = z.input<(typeof CHANNELS)[C]['req']>;
export type Res<C extends Channel> = z.output<(typeof CHANNELS)[C]['res']>;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]>;
export const CHANNEL_NAMES = Object.keys(CHANNELS) as Channel[];
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(CHANNELS, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(EVENTS, name);
}

export type ReportT = z.output<typeof Report>;
export type FindingT = z.output<typeof Finding>;
export type FindingKindT = z.output<typeof FindingKind>;
export type AskResultT = z.output<typeof AskResult>;
export type ProposalViewT = z.output<typeof ProposalView>;
export type ActionOutcomeT = z.output<typeof ActionOutcome>;
export type SettingsT = z.output<typeof Settings>;
export type KbResultT = z.output<typeof KbResult>;
export type ItemRefT = z.output<typeof ItemRef>;
export type FallbackT = z.output<typeof Fallback>;
export type DataInventoryT = z.output<typeof DataInventory>;
export type ConversationT = z.output<typeof Conversation>;
export type StoredMessageT = z.output<typeof StoredMessage>;
export type ModelInfoT = z.output<typeof ModelInfo>;
export type PolicyStatusT = z.output<typeof PolicyStatus>;
export type HealthItemT = z.output<typeof HealthItem>;
export type HealthSourceT = z.output<typeof HealthSource>;
export type ItemFindingT = z.output<typeof ItemFinding>;
export type HealthOverviewT = z.output<typeof HealthOverview>;
export type ItemHealthDetailT = z.output<typeof ItemHealthDetail>;
export type PlanEntryT = z.output<typeof PlanEntry>;
export type ImportPhaseT = (typeof IMPORT_PHASES)[number];
export type OpenPurpose = (typeof OPEN_PURPOSES)[number];
export type SavePurpose = (typeof SAVE_PURPOSES)[number];

/** The result envelope the renderer receives (mirrors electron/core's Result, restated so preload needs no runtime import). */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: (typeof ERROR_CODES)[number]; message: string } };

/** What preload (and the e2e bridge) put on window.api. Exactly this, nothing else. */
export interface BastionApi {
  invoke<C extends Channel>(channel: C, req: Req<C>): Promise<Envelope<Res<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
