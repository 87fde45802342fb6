// Enterprise capability: managed policy (load, validate, merge over user settings), model provisioning rules, the
// egress log, history retention, wipe and audit export rotation.
export {
  ManagedPolicy,
  TIER_RULES,
  policyJsonSchema,
  type ActionsPolicy,
  type HistoryPolicy,
  type ModelsPolicy,
  type TierRule,
} from './schema';
export {
  LOCKED_DOWN_POLICY,
  MAX_POLICY_BYTES,
  loadManagedPolicy,
  parsePolicyText,
  policyPath,
  type ManagedPolicyState,
  type PolicyStatus,
} from './load';
export {
  DEFAULT_HOTKEY,
  DEFAULT_MAX_BATCH,
  actionRulesFrom,
  mergeSettings,
  permit,
  stricter,
  type ActionRules,
  type EffectiveSettings,
} from './merge';
export { DEFAULT_CLIPBOARD_CLEAR_SECONDS, SETTING_KEYS, SETTING_SCHEMAS, isSettingKey, type SettingKey, type UserSettings } from './user-settings';
export { effectiveSettings, readUserSettings, resetUserSetting, setUserSetting } from './settings-store';
export { assertModelUsable, canDownloadModel, canUseModel, type ModelDecision } from './model-policy';
export { modelDownloadGuard, type DownloadGuard } from './download-guard';
export { assertDocumentRemovable, assertUserDocumentsAllowed, syncOrganisationKnowledge } from './knowledge-rules';
export { listEgress, recordEgress, redactUrl, type EgressEntry, type EgressRecord } from './egress-log';
export { CHAT_TABLE, deleteChatMessages, enforceRetention, scheduleRetention, type HistoryDeleter, type RetentionResult } from './retention';
export { executeWipe, isAuditTable, planWipe, recordWipe, type WipePlan } from './wipe';
export { rotate, rotateIfNeeded, type Rotation } from './rotation';
export { buildKnowledgePack, type PackSummary } from './knowledge-pack';
export {
  compareWithLastValid,
  lastValidPolicy,
  observePolicy,
  policyHistory,
  POLICY_HISTORY_KEEP,
  type LastValidPolicy,
  type PolicyComparison,
  type PolicyHistoryEntry,
  type PolicyObservation,
} from './policy-history';
export { policyChanges, type PolicyChanges } from './policy-history-diff';
