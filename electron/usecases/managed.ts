import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pruneHistory } from '../assistant';
import { BastionError } from '../core';
import { DB_FILE } from '../db';
import {
  buildKnowledgePack,
  compareWithLastValid,
  enforceRetention,
  executeWipe,
  listEgress,
  mergeSettings,
  observePolicy,
  parsePolicyText,
  planWipe,
  policyHistory,
  policyJsonSchema,
  readUserSettings,
  recordWipe,
  scheduleRetention,
  type EffectiveSettings,
  type EgressEntry,
  type ManagedPolicy,
  type PackSummary,
  type PolicyChanges,
  type PolicyHistoryEntry,
  type PolicyObservation,
  type PolicyStatus,
  type RetentionResult,
  type WipePlan,
} from '../managed';
import { record } from './audit';
import { disposeVectorWorker } from '../knowledge';
import { disposeStrengthPool, warmStrengthPool } from '../vault';
import type { UseCaseContext } from './context';
import { lockedDown, type Fallback } from './fallback';
import { embedOptions, sync, type EmbedChoice } from './knowledge';
import { recoverActions } from './proposals';

// Enterprise and housekeeping: the policy in force, policy files, knowledge packs, wipes, the egress log, and the
// work every start runs (history retention, interrupted actions, the organisation's knowledge).

const hasStore = (ctx: UseCaseContext) => existsSync(join(ctx.dataDir, DB_FILE));

export interface PolicyView {
  path: string;
  status: PolicyStatus;
  locked: boolean;
  /** For an invalid policy: what is wrong, what changed against the last valid one, and that Bastion is locked down. */
  message: string | null;
  /** SHA-256 of the policy file in force (null when there is none). */
  sha256: string | null;
  policy: ManagedPolicy;
  effective: EffectiveSettings;
  /** For an invalid policy: the keys added, removed or changed against the last valid one seen here. */
  changes: PolicyChanges | null;
  /** The last valid policy seen on this machine (what an administrator would redeploy to roll back). */
  lastValid: PolicyHistoryEntry | null;
  /** The policies seen on this machine, newest first (empty without a store). */
  history: PolicyHistoryEntry[];
  fallback: Fallback | null;
}

/**
 * Records the policy in force in the policy history (when a store exists); a new digest or status is audited as
 * 'policy_changed'. Runs before every CLI command, at app start and whenever the policy status is shown.
 */
export function recordPolicySeen(ctx: UseCaseContext): PolicyObservation | null {
  if (!hasStore(ctx)) return null;
  const store = ctx.store();
  const state = ctx.policy();
  return store.db.transaction(() => {
    const seen = observePolicy(store, state, ctx.now());
    if (seen.changed && seen.entry) {
      const changes = compareWithLastValid(store, state)?.changes ?? null;
      record(ctx, {
        actor: 'policy',
        event: 'policy_changed',
        outcome: state.status,
        detail: {
          path: state.path,
          from: seen.previous ? { status: seen.previous.status, sha256: seen.previous.sha256 } : null,
          to: { status: state.status, sha256: state.sha256 },
          ...(changes ? { changes } : {}),
        },
      });
    }
    return seen;
  })();
}

/** The policy file in force, what it yields, and the policy history seen here (without creating a store). */
export function policyState(ctx: UseCaseContext): PolicyView {
  const state = ctx.policy();
  const stored = hasStore(ctx);
  if (stored) recordPolicySeen(ctx);
  const user = stored ? readUserSettings(ctx.store()) : {};
  const comparison = stored ? compareWithLastValid(ctx.store(), state) : null;
  const history = stored ? policyHistory(ctx.store()) : [];
  return {
    path: state.path,
    status: state.status,
    locked: state.locked,
    message: state.message && comparison ? `${state.message} ${comparison.message}` : state.message,
    sha256: state.sha256,
    policy: state.policy,
    effective: mergeSettings(state.policy, user),
    changes: comparison?.changes ?? null,
    lastValid: comparison?.lastValid ?? history.find((h) => h.status === 'valid') ?? null,
    history,
    fallback: lockedDown(state),
  };
}

/** Validates a policy file an administrator is about to deploy. */
export function checkPolicyFile(ctx: UseCaseContext, file: string): ManagedPolicy {
  const path = ctx.path(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
  } catch (e) {
    throw new BastionError('BAD_FILE', `${path} cannot be read as UTF-8 text: ${(e as Error).message}`);
  }
  const parsed = parsePolicyText(text);
  if (!parsed.ok) throw new BastionError('BAD_FILE', `${path} ${parsed.problem}`);
  return parsed.policy;
}

export const policySchema = (): unknown => policyJsonSchema();

export async function buildPack(ctx: UseCaseContext, dirs: string[], out: string, choice: EmbedChoice): Promise<PackSummary> {
  return buildKnowledgePack(dirs.map((d) => ctx.path(d)), ctx.path(out), embedOptions(ctx, choice));
}

/** What a wipe would delete (shown before the person confirms), or null when there is no data at all. */
export function planDataWipe(ctx: UseCaseContext, opts: { includeAudit: boolean }): WipePlan | null {
  if (!hasStore(ctx)) return null;
  if (opts.includeAudit && !ctx.settings().audit.allowWipe) {
    throw new BastionError('POLICY_DENIED', 'The audit log can only be wiped where the managed policy sets audit.allowWipe; nothing was deleted.');
  }
  return planWipe(ctx.store(), opts);
}

/** Carries out a plan from planDataWipe; the wipe is recorded in the audit log it keeps. */
export function wipe(ctx: UseCaseContext, plan: WipePlan): { tables: number; rows: number; files: number } {
  const store = ctx.store();
  const done = executeWipe(store, plan);
  // With the audit log gone the key went too: asking for it would create a new one.
  if (!plan.includeAudit) recordWipe(store, ctx.keys(), plan, done);
  return done;
}

export function egress(ctx: UseCaseContext, opts: { limit?: number } = {}): EgressEntry[] {
  return hasStore(ctx) ? listEgress(ctx.store(), opts) : [];
}

export function enforceHistoryRetention(ctx: UseCaseContext): RetentionResult {
  const store = ctx.store();
  return enforceRetention(store, ctx.policy().policy, ctx.now(), { user: readUserSettings(store), deleters: [pruneHistory] });
}

/** Before a CLI command touches an existing store: retention and crash recovery. Quiet: the command reports errors. */
export function beforeCommand(ctx: UseCaseContext): void {
  if (!hasStore(ctx)) return;
  recordPolicySeen(ctx);
  enforceHistoryRetention(ctx);
  recoverActions(ctx);
}

export interface AppJobs {
  /** Settles when the organisation's knowledge packs and folders have been loaded (or skipped). */
  knowledgeReady: Promise<void>;
  /** Stops the daily job and closes the worker threads (strength scoring, vector scans). */
  stop(): void;
}

/**
 * The desktop app's background work once its window is up: interrupted actions settled, history retention now and
 * daily, then the organisation's knowledge. Nothing here blocks the window, and a failure is reported, never fatal.
 */
export function startAppJobs(
  ctx: UseCaseContext,
  opts: { log?: (message: string) => void; timers?: { setInterval: typeof setInterval; clearInterval: typeof clearInterval } } = {},
): AppJobs {
  const log = opts.log ?? ((m) => console.warn(`Bastion: ${m}`));
  try {
    recordPolicySeen(ctx);
  } catch (e) {
    log(`recording the managed policy in its history failed: ${(e as Error).message}`);
  }
  try {
    const r = recoverActions(ctx);
    if (r.completed.length + r.aborted.length) log(`settled ${r.completed.length + r.aborted.length} interrupted action(s).`);
  } catch (e) {
    log(`recovery of interrupted actions failed: ${(e as Error).message}`);
  }
  const stop = scheduleRetention(() => {
    try {
      const r = enforceHistoryRetention(ctx);
      if (r.deleted > 0) log(`history retention removed ${r.deleted} messages (${r.mode}).`);
    } catch (e) {
      log(`history retention failed: ${(e as Error).message}`);
    }
  }, opts.timers);
  const knowledgeReady = (async () => {
    try {
      const { packs } = await sync(ctx);
      for (const p of packs) if (p.status === 'skipped') log(`knowledge pack ${p.pack} skipped: ${p.reason}`);
    } catch (e) {
      log(`knowledge sync failed: ${(e as Error).message}`);
    }
  })();
  // The strength workers start now, so the first import does not wait for them; they idle out on their own.
  warmStrengthPool();
  return {
    knowledgeReady,
    stop: () => {
      stop();
      void disposeStrengthPool();
      void disposeVectorWorker();
    },
  };
}
