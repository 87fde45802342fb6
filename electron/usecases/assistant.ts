import { ask as askEngine, getRuntime, type AskDeps, type AskResult, type Generator, type SubmitProposal } from '../assistant';
import { searchKnowledge } from '../knowledge';
import { markModelAnswered } from '../../models';
import { ACTION_INFO, isActionName } from '../vocabulary';
import type { UseCaseContext } from './context';
import { answeredBy, modelFallback, watchGenerations } from './answer-fallback';
import { deviceHealth } from './device';
import { combine, lockedDown, type Fallback } from './fallback';
import { embedOptions } from './knowledge';
import { submitFromAssistant } from './proposals';
import { writeSetting } from './settings';

// Questions and chat history. The assistant engine routes and phrases; this layer gives it the policy in force, the
// user's embedding model and the permission layer's hand-off, and — in the desktop app — a model that runs in
// another process (the model process only generates; it never opens the store).

export interface AskRequest {
  question: string;
  conversationId?: string;
  noLlm?: boolean;
  /** A model file chosen for this question (the CLI's --model). */
  model?: string;
  tracePromptsFile?: string;
  onToken?: (delta: string) => void;
  signal?: AbortSignal;
  /** Where models load: in this process by default; the desktop app passes its model process. */
  loadModel?: (path: string) => Promise<Generator>;
}

/**
 * The engine's answer, with the one `fallback` field every front end shows (replacing the engine-level flag). The
 * engine's per-draft record stays inside: the reasons a draft was dropped go to --trace-prompts, not to the answer.
 */
export type AskOutcome = Omit<AskResult, 'fallback' | 'drafts'> & { fallback: Fallback | null };

/**
 * Answers a question. Afterwards: a model whose text reached the answer is marked as having answered (until then the
 * model before it is kept for rollback), and `fallback` says when the answer took a plainer path (no model, model
 * output dropped, policy locked down).
 */
export async function ask(ctx: UseCaseContext, req: AskRequest): Promise<AskOutcome> {
  const watch = watchGenerations(req.loadModel ?? getRuntime);
  const result = await runEngine(ctx, { ...req, loadModel: watch.loadModel });
  const answered = answeredBy(watch, result);
  if (answered) markModelAnswered(ctx.dataDir, answered);
  const { fallback: _engine, drafts: _drafts, ...rest } = result;
  const fb = combine([lockedDown(ctx.policy()), modelFallback(ctx, req, watch, result)]);
  return { ...rest, fallback: fb };
}

async function runEngine(ctx: UseCaseContext, req: AskRequest): Promise<AskResult> {
  const submitProposal: SubmitProposal = async (_store, request, provenance) => {
    const p = await submitFromAssistant(ctx, request, provenance);
    if (p.status === 'invalid' || !p.risk || !isActionName(p.action)) return { refused: p.reason };
    return { id: p.id, action: p.action, args: p.args, risk: p.risk ?? ACTION_INFO[p.action].risk, requiresConfirmation: p.decision !== 'allow', tainted: p.tainted };
  };
  const deps: Partial<AskDeps> = {
    submitProposal,
    searchKnowledge: (store, query, opts) => searchKnowledge(store, query, { ...embedOptions(ctx), ...opts }),
    loadPolicy: () => ctx.policy().policy,
    // Device questions are answered from the same report as `bastion device` (required checks marked).
    deviceHealth: () => deviceHealth(ctx),
    ...(req.loadModel ? { loadModel: req.loadModel } : {}),
  };
  return askEngine(ctx.store(), req.question, {
    ...(req.model !== undefined ? { model: ctx.path(req.model) } : {}),
    ...(req.noLlm !== undefined ? { noLlm: req.noLlm } : {}),
    ...(req.tracePromptsFile !== undefined ? { tracePromptsFile: ctx.path(req.tracePromptsFile) } : {}),
    ...(req.conversationId !== undefined ? { conversationId: req.conversationId } : {}),
    ...(req.onToken ? { onToken: req.onToken } : {}),
    ...(req.signal ? { signal: req.signal } : {}),
    env: ctx.env,
    deps,
  });
}

/** `bastion history on|off` and the app's switch: the one `history.enabled` setting. */
export function setHistory(ctx: UseCaseContext, on: boolean): boolean {
  return writeSetting(ctx, 'history.enabled', on).effective.history.enabled;
}

