// Everything one answer needs, gathered once per `ask`: the store, the engines (as deps), the model access, the
// conversation so far and lazily the report (building it costs a pass over the vault).
import type { DeviceReport } from '../device';
import type { KbResult } from '../knowledge';
import type { CheckId } from '../vocabulary';
import type { Store } from '../db';
import type { ManagedPolicy } from '../managed';
import type { ActionName } from '../permissions';
import type { Finding, ItemSummary, Report } from '../vault';
import type { AskCitation } from './answers';
import type { DraftReport } from './draft-report';
import type { Generator, ModelAccess } from './model-access';
import type { ResolveModel } from './model-choice';
import type { AskProposal, SubmitProposal } from './proposals';
import type { ConversationState, IntentName } from './understanding';

export interface AskDeps {
  buildReport(store: Store): Report;
  searchKnowledge(store: Store, query: string, opts: { k?: number }): Promise<{ results: KbResult[] }>;
  submitProposal: SubmitProposal;
  /** The model at `path`, loaded once and reused (in the app: a proxy to the model worker). */
  loadModel(path: string): Promise<Generator>;
  resolveModel: ResolveModel;
  /** The managed policy in force (the machine's policy file; locked down when it is invalid). */
  loadPolicy(): ManagedPolicy;
  /** The vault's items (titles, sites, dates; nothing secret), for recognising names. */
  listItems(store: Store): ItemSummary[];
  /** Device health of this computer (electron/device, read-only checks); `unmet`: checks the organisation requires. */
  deviceHealth(store: Store): Promise<DeviceReport & { unmet?: CheckId[] }>;
}

/**
 * Why the answer took the deterministic path although a model was set up: 'quality' (a draft failed the quality
 * gate or looped), 'base_model' (a base model does not write this), 'too_large' (the context did not fit the window),
 * 'invalid' / 'family_mismatch' (a model-filled proposal was dropped).
 */
export type EngineFallback = 'quality' | 'base_model' | 'too_large' | 'invalid' | 'family_mismatch';

/** Exactly the `bastion ask --json` shape of issue 4, plus optional fields added since. */
export interface AskResult {
  route: 'vault' | 'knowledge' | 'chat' | 'device';
  answer: string;
  citations: AskCitation[];
  findings: Finding[];
  proposals: AskProposal[];
  /** What the message was understood as (issue 15). */
  intent?: IntentName;
  /** The intent came from the conversation ("why?", "open the first one"). */
  followUp?: boolean;
  /** Items an item-scoped answer is about. */
  items?: { id: string; title: string }[];
  /** Set when model output was not used and the deterministic path answered (see EngineFallback). */
  fallback?: EngineFallback;
  /** Every model draft this answer asked for, and what became of it (used, rejected and why, skipped). */
  drafts?: DraftReport[];
}

export interface TurnOptions {
  noLlm?: boolean;
  maxTokens?: number;
  onToken?: (delta: string) => void;
  now?: Date;
}

export interface Turn {
  store: Store;
  q: string;
  deps: AskDeps;
  llm: ModelAccess;
  opts: TurnOptions;
  /** The conversation, when its history is kept (for chat history and provenance). */
  conversationId: string;
  keepHistory: boolean;
  /** The message was understood from the conversation ("why?", "and for SMS?"). */
  followUp: boolean;
  state: ConversationState | null;
  items: Map<string, ItemSummary>;
  report(): Report;
  maxBatch: number;
}

export interface Responded {
  result: AskResult;
  /** The conversation state after this turn; null keeps the previous one. */
  next: ConversationState | null;
}

export const ROUTE_OF_ACTION: Record<ActionName, AskResult['route']> = {
  generate_password: 'chat',
  copy_to_clipboard: 'chat',
  open_change_password_page: 'vault',
  rotate_password: 'vault',
  move_to_recycle_bin: 'vault',
  export_report: 'vault',
  snooze_finding: 'vault',
  mark_resolved: 'vault',
  fix_file_permissions: 'chat',
  delete_plaintext_export: 'chat',
  open_settings_page: 'chat',
};
