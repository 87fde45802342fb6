// Understanding: a message (and the conversation so far) → one intent, deterministically and typo-tolerantly.
export { understand, fixQuery, KB_THRESHOLD, type Understanding } from './intents';
export { indexItems, type ItemIndex, type NamedItem } from './items';
export type { ActionSpec, ConversationState, Intent, IntentName, PreviousRef } from './types';
export type { IncidentTopic, SmallTalk } from './forms';
export type { ExportFormat, PathSlot } from './slots';
export { editDistance, tolerance } from './distance';
