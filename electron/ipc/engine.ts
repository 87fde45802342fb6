import type { InstallKeys, Store } from '../db';
import type { AskResultT, ItemRefT, KbResultT, ReportT } from './contract';

// The engine faces the handlers call, typed from the lead's shared signatures. Faces are built concurrently by
// other capabilities; `loadEngine()` (engine-faces.ts) fills in the ones that exist and the handlers answer
// UNSUPPORTED, naming the missing face, for the rest.

export interface VaultFace {
  importVault(store: Store, keys: InstallKeys, path: string, opts: { format?: string; password?: string; keyFile?: Uint8Array; onProgress?: (done: number, total: number) => void }): Promise<{ source: string; format: string; items: number; logins: number; skipped: { reason: string }[] }>;
  buildReport(store: Store): ReportT;
  getItemRef(store: Store, itemId: string): ItemRefT | null;
  listSources(store: Store): unknown[];
  forgetSource(store: Store, idOrPath: string): unknown;
  snoozeFinding(store: Store, kind: string, itemIds: string[], untilMs: number): void;
  markResolved(store: Store, kind: string, itemIds: string[]): void;
  clearFindingState(store: Store, kind: string, itemIds: string[]): void;
}

export interface KnowledgeFace {
  ensureBuiltinIndexed(store: Store, opts?: unknown): Promise<void>;
  searchKnowledge(store: Store, query: string, opts?: { k?: number }): Promise<{ mode: 'hybrid' | 'keyword'; results: KbResultT[] }>;
  addDocuments(store: Store, paths: string[], opts?: unknown): Promise<unknown>;
  listDocuments(store: Store): unknown;
  removeDocument(store: Store, id: string): unknown;
}

export interface AskOptionsLike {
  model?: string;
  noLlm?: boolean;
  onToken?: (delta: string) => void;
  signal?: AbortSignal;
  conversationId?: string;
  keys?: InstallKeys;
}
export interface AssistantFace {
  ask(store: Store, question: string, opts: AskOptionsLike): Promise<AskResultT>;
}

/** Permission layer: loosely typed here because its records are normalised into ProposalView by proposals.ts. */
export interface PermissionsFace {
  createProposal(...args: unknown[]): unknown;
  confirmProposal(...args: unknown[]): unknown;
  rejectProposal(...args: unknown[]): unknown;
  undoAction(...args: unknown[]): unknown;
  listProposals?(...args: unknown[]): unknown;
  getProposal?(...args: unknown[]): unknown;
  describeEffect?(proposal: { action: string; args: Record<string, unknown> }, ctx: unknown): string;
}

export interface AuditFace {
  listAudit(store: Store, opts?: { limit?: number }): unknown[];
  verifyAudit(store: Store, keys: InstallKeys): { ok: boolean; records: number; firstBadSeq?: number; reason?: string; checkpoints?: number };
  exportAudit(store: Store, path: string): { records: number; path: string };
}

export interface ManagedFace {
  loadManagedPolicy(env?: NodeJS.ProcessEnv): { status: string; path?: string; problem?: string | null; policy: unknown; message?: string };
  listEgress?(store: Store, opts?: { limit?: number }): unknown[];
  recordEgress?(store: Store, record: { url: string; kind?: string; blocked?: boolean; detail?: unknown } & Record<string, unknown>): unknown;
  wipeData?(...args: unknown[]): unknown;
  mergeSettings?(...args: unknown[]): unknown;
}

export interface ModelsFace {
  listModels?(...args: unknown[]): unknown;
  pullModel?(...args: unknown[]): unknown;
  importModel?(...args: unknown[]): unknown;
  useModel?(...args: unknown[]): unknown;
  gpuInfo?(...args: unknown[]): unknown;
}

export interface Engine {
  vault?: VaultFace;
  knowledge?: KnowledgeFace;
  assistant?: AssistantFace;
  permissions?: PermissionsFace;
  audit?: AuditFace;
  managed?: ManagedFace;
  models?: ModelsFace;
}

export type FaceName = keyof Engine;

/** Picks a face from an imported module only if it exports every required function (a half-built face stays off). */
export function pickFace<T>(mod: unknown, required: readonly string[]): T | undefined {
  if (!mod || typeof mod !== 'object') return undefined;
  const m = mod as Record<string, unknown>;
  return required.every((k) => typeof m[k] === 'function') ? (m as T) : undefined;
}

export const REQUIRED: Record<FaceName, readonly string[]> = {
  vault: ['importVault', 'buildReport', 'getItemRef', 'listSources', 'forgetSource', 'snoozeFinding', 'markResolved', 'clearFindingState'],
  knowledge: ['searchKnowledge', 'addDocuments', 'listDocuments', 'removeDocument'],
  assistant: ['ask'],
  permissions: ['createProposal', 'confirmProposal', 'rejectProposal', 'undoAction'],
  audit: ['listAudit', 'verifyAudit', 'exportAudit'],
  managed: ['loadManagedPolicy'],
  models: [],
};
