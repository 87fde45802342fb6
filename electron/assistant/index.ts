// The assistant's face: `ask`, chat history, and the pieces the app and the eval reuse.
export { ask, MAX_QUESTION_CHARS, type AskCitation, type AskDeps, type AskOptions, type AskResult, type DraftReport, type EngineFallback, type Generator } from './ask';
export { cleanTitle, rankFindings, vaultFacts, type VaultFacts, type VaultTopic } from './facts';
export {
  appendExchange,
  clearHistory,
  conversationMessages,
  deleteConversation,
  deleteHistoryBefore,
  listConversations,
  loadTurns,
  newConversationId,
  pruneHistory,
  renameConversation,
  type ConversationSummary,
  type StoredMessage,
} from './history';
export { SYSTEM_PROMPT } from './prompt';
export { isRefused, requestGrammarSchema, submitProposal, validateRequest, type AskProposal, type SubmitProposal, type Submitted } from './proposals';
export { understand, indexItems, type Intent, type IntentName, type Understanding } from './understanding';
export { ACTION_FAMILY, sameFamily } from './actions';
export { disposeRuntimes, getRuntime } from './runtime';
