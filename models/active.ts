// Which model answers, and rollback: switching models remembers the previous one, which stays installed until the
// new one has answered once (removing it before then is refused), and `rollbackModel` switches back.
import { BastionError } from '../electron/core';
import { installedModels, readActive, writeActive, writeSidecar, type InstalledModel } from './store';

export function activeModelName(dataDir: string): string | null {
  return readActive(dataDir).name;
}

/** The model a rollback would switch to (installed), or null. */
export function previousModelName(dataDir: string): string | null {
  const { previous } = readActive(dataDir);
  return previous && installedModels(dataDir).some((m) => m.name === previous) ? previous : null;
}

export function useModel(dataDir: string, name: string): InstalledModel {
  const model = installedModels(dataDir).find((m) => m.name === name);
  if (!model) throw new BastionError('NOT_FOUND', `Model "${name}" is not installed; \`bastion models pull ${name}\` or \`models import FILE\` first.`);
  const state = readActive(dataDir);
  if (state.name === name) return model;
  // The model being replaced becomes the rollback target; with none active, an earlier target is kept.
  writeActive(dataDir, { name, previous: state.name ?? state.previous, since: new Date().toISOString() });
  return model;
}

export interface RollbackResult {
  /** The model that was active (null when it had been removed). */
  from: string | null;
  to: InstalledModel;
}

/** Makes the previous model active again; the one rolled back from becomes the new rollback target. */
export function rollbackModel(dataDir: string): RollbackResult {
  const state = readActive(dataDir);
  if (!state.previous) throw new BastionError('NOT_FOUND', 'There is no previous model to roll back to: only one model has been used here.');
  const to = installedModels(dataDir).find((m) => m.name === state.previous);
  if (!to) throw new BastionError('NOT_FOUND', `The previous model "${state.previous}" is no longer installed; import it again, then \`bastion models use ${state.previous}\`.`);
  writeActive(dataDir, { name: to.name, previous: state.name, since: new Date().toISOString() });
  return { from: state.name, to };
}

/**
 * Records that a model produced an answer (call after the first answer that was shown). Until the active model has
 * answered once, the previous one cannot be removed. Matches the model by name or by file path. True when newly
 * recorded.
 */
export function markModelAnswered(dataDir: string, nameOrPath: string): boolean {
  const model = installedModels(dataDir).find((m) => m.name === nameOrPath || m.path === nameOrPath);
  if (!model || model.answeredAt) return false;
  writeSidecar(dataDir, { ...model, answeredAt: new Date().toISOString() });
  return true;
}

/** Throws CONFLICT when `name` is the rollback target and the active model has not answered yet. */
export function assertRemovable(dataDir: string, name: string): void {
  const state = readActive(dataDir);
  if (state.previous !== name || !state.name) return;
  const active = installedModels(dataDir).find((m) => m.name === state.name);
  if (active && !active.answeredAt) {
    throw new BastionError(
      'CONFLICT',
      `"${name}" is kept for rollback until "${active.name}" has answered once; ask a question first, or \`bastion models rollback\`.`,
    );
  }
}
