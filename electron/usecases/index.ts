// The use-case layer: each thing a person can do with Bastion, written once. It applies the managed policy, writes
// the audit log and returns plain typed results; the CLI (parse → call → format) and the desktop app's IPC handlers
// (validate → call → envelope) are thin adapters over it.
export { createContext, type ActionPorts, type ContextOptions, type UseCaseContext } from './context';
export * as assistant from './assistant';
export * as audit from './audit';
export * as conversations from './conversations';
export * as data from './data';
export * as device from './device';
export * as health from './health';
export * as knowledge from './knowledge';
export * as managed from './managed';
export * as models from './models';
export * as proposals from './proposals';
export * as settings from './settings';
export * as vault from './vault';
export type { ActionOutcome, Confirmation, ProposalView } from './proposal-view';
export type { AppSettings, SettingsPatch } from './settings';
export type { Settled, Generated, ConfirmRequest } from './proposals';
export type { AskOutcome, AskRequest } from './assistant';
export type { ConversationList } from './conversations';
export type { Fallback } from './fallback';
export type { AppJobs, PolicyView } from './managed';
export type { DeviceHealth } from './device';
export type { DataInventory } from './data';
export type { HealthOverview } from './health';
