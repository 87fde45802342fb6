export {
  ACTION_ARGS,
  ACTION_INFO,
  ACTION_NAMES,
  Proposal,
  ProposalRequest,
  RISK_TIERS,
  type ActionArgs,
  type ActionInfo,
  type ActionName,
  type RiskTier,
} from './catalog';
export {
  confirmationForm,
  decide,
  DEFAULT_ACTION_RULES,
  defaultTierRule,
  tierRememberable,
  type ActionRules,
  type ConfirmationForm,
  type Decision,
  type Grant,
  type PolicyContext,
  type TierRule,
} from './policy';
export { changePasswordUrl, describeEffect, isWritableSource, typedConfirmationText } from './effects';
export {
  argsHash,
  CONFIRMATION_TTL_MS,
  getProposal,
  isTainted,
  listProposals,
  PROPOSAL_STATUSES,
  Provenance,
  rejectProposal,
  type CreatedProposal,
  type ProposalRecord,
  type ProposalStatus,
} from './proposals';
export { confirmProposal, createProposal, currentDecision, effectOf, isUndoable, recover, undoAction, type ConfirmInput, type CreateOptions } from './service';
export { displayPath, inspectTarget, resolveTargetPath, type ExistingFile, type FileTarget } from './file-target';
export { forgetGrants } from './grants';
export { clipboardClearsSettled, systemClipboard } from './clipboard';
export { generatePasswordText, takeGeneratedText } from './executors/generate';
export type { Clipboard, DeviceFixes, ExecutionPorts, ExecutionStep, FindingKind, ItemRef, OpenExternal, ReportShape, SettingsTarget, VaultAccess } from './ports';
export { vaultAccess } from './vault-access';
