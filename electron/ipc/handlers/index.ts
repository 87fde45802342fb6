import type { UseCaseContext } from '../../usecases';
import type { Generator } from '../../model-process';
import type { HandlerTable } from '../handle';
import { validatedEmit, type Emit } from '../events';
import { askSessions, assistantHandlers } from './assistant';
import { auditHandlers } from './audit';
import { conversationHandlers } from './conversations';
import { dataHandlers } from './data';
import { deviceHandlers } from './device';
import { dialogHandlers } from './dialogs';
import { healthHandlers } from './health';
import type { HandlerDeps } from './deps';
export type { DialogPort } from './deps';
import { knowledgeHandlers } from './knowledge';
import { managedHandlers } from './managed';
import { modelHandlers } from './models';
import { proposalHandlers } from './proposals';
import { settingsHandlers } from './settings';
import { vaultHandlers } from './vault';
import { vaultImportHandlers } from './vault-import';

// The real handlers, one group per capability: each is validate (done by handle()) → call a use case → envelope.
// Nothing here knows about Electron; main and the e2e bridge both wrap this table with createRouter().

export interface CreateHandlersOptions {
  ctx: UseCaseContext;
  emit: Emit;
  loadModel?: (modelPath: string) => Promise<Generator>;
  applyHotkey?: HandlerDeps['applyHotkey'];
  gpu?: HandlerDeps['gpu'];
  dialogs?: HandlerDeps['dialogs'];
  deviceHost?: HandlerDeps['deviceHost'];
  /** Check every event against the contract before sending (default: outside production builds). */
  validateEvents?: boolean;
}

export function createHandlers(opts: CreateHandlersOptions): HandlerTable {
  const emit = validatedEmit(opts.emit, opts.validateEvents ?? process.env.NODE_ENV !== 'production');
  const deps: HandlerDeps = {
    ctx: opts.ctx,
    emit,
    sessions: askSessions(opts, emit),
    ...(opts.loadModel ? { loadModel: opts.loadModel } : {}),
    ...(opts.applyHotkey ? { applyHotkey: opts.applyHotkey } : {}),
    ...(opts.gpu ? { gpu: opts.gpu } : {}),
    ...(opts.dialogs ? { dialogs: opts.dialogs } : {}),
    ...(opts.deviceHost ? { deviceHost: opts.deviceHost } : {}),
  };
  return {
    ...vaultHandlers(deps),
    ...vaultImportHandlers(deps),
    ...healthHandlers(deps),
    ...dialogHandlers(deps),
    ...knowledgeHandlers(deps),
    ...assistantHandlers(deps),
    ...conversationHandlers(deps),
    ...proposalHandlers(deps),
    ...auditHandlers(deps),
    ...modelHandlers(deps),
    ...settingsHandlers(deps),
    ...managedHandlers(deps),
    ...deviceHandlers(deps),
    ...dataHandlers(deps),
  };
}
