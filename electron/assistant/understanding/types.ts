// What the assistant understood a message to be. Deterministic: the same message, vault and conversation always give
// the same intent.
import type { ActionName } from '../../permissions';
import type { FindingKind } from '../../vault';
import type { CheckId } from '../../vocabulary';
import type { ExportFormat, PathSlot } from './slots';
import type { IncidentTopic, SmallTalk } from './forms';

/** A reference into the previous answer's list: an index (0 = first, -1 = last), "it", or all of them. */
export type PreviousRef = number | 'it' | 'all';

export interface ActionSpec {
  action: ActionName;
  /** Items the message names (vault item ids). */
  itemIds: string[];
  /** Mentions that named more than one item ("my shop" → two entries). */
  ambiguous: string[][];
  kind: FindingKind | null;
  previous: PreviousRef | null;
  /** "all", "every", "them": the request covers a whole finding or list. */
  every: boolean;
  days: number | null;
  length: number | null;
  words: number | null;
  symbols: boolean | null;
  passphrase: boolean;
  format: ExportFormat | null;
  path: PathSlot | null;
}

export type Intent =
  | { name: 'finding'; kind: FindingKind; scoped: boolean }
  | { name: 'count' }
  | { name: 'fix_first' }
  | { name: 'overview' }
  | { name: 'item_status'; itemIds: string[]; focus: FindingKind | null }
  | { name: 'device'; check: CheckId | null }
  | { name: 'knowledge'; query: string }
  | { name: 'advice'; query: string; topic: IncidentTopic }
  | { name: 'explain' }
  | { name: 'action'; spec: ActionSpec }
  | { name: 'secret_request'; itemIds: string[] }
  | { name: 'injection' }
  | { name: 'harmful' }
  | { name: 'out_of_scope' }
  | { name: 'small_talk'; what: SmallTalk };

export type IntentName = Intent['name'];

/** What a conversation remembers between turns (ids and kinds only: no vault text, nothing secret). */
export interface ConversationState {
  intent: IntentName;
  kind: FindingKind | null;
  /** Items of the last list shown, in the order shown. */
  itemIds: string[];
  /** The one item last talked about. */
  itemId: string | null;
  /** The last knowledge query (for "why?" after an article). */
  query: string | null;
  /** The device check last answered about (absent in states saved before device answers existed). */
  check?: CheckId | null;
}
