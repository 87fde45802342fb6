import { assertModelUsable, modelDownloadGuard } from '../managed';
import {
  findCatalogEntry,
  importModel,
  installedModels,
  listModels,
  previousModelName,
  pullModel,
  removeModel,
  rollbackModel,
  useModel,
  type InstalledModel,
  type ModelListing,
} from '../../models';
import { record } from './audit';
import type { UseCaseContext } from './context';

// Local chat models: the catalog, downloads the user starts (asked of the managed policy, written to the egress log),
// offline imports, and which model answers. Every change of model is audited.

export function list(ctx: UseCaseContext): ModelListing[] {
  return listModels(ctx.dataDir);
}

export async function pull(
  ctx: UseCaseContext,
  name: string,
  opts: { url?: string; signal?: AbortSignal; onProgress?: (done: number, total: number | null) => void } = {},
): Promise<InstalledModel & { resumedFrom: number }> {
  const entry = findCatalogEntry(name);
  const m = await pullModel(ctx.dataDir, name, {
    ...(opts.url ? { url: opts.url } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    // Policy (with the user's settings) decides; every request made or refused goes to the egress log.
    ...modelDownloadGuard(ctx.store(), entry?.sha256, ctx.policy().policy),
  });
  record(ctx, { event: 'model_changed', detail: { change: 'downloaded', model: m.name, sha256: m.sha256, verified: m.verified } });
  return m;
}

/** Copies a local GGUF in (the offline and enterprise path); refused and removed again if policy forbids it. */
export async function importFile(ctx: UseCaseContext, file: string, opts: { name?: string; use?: boolean } = {}): Promise<InstalledModel & { active: boolean }> {
  const m = await importModel(ctx.dataDir, ctx.path(file), opts.name ? { name: opts.name } : {});
  try {
    assertModelUsable(m.path, m.sha256, ctx.policy().policy);
  } catch (e) {
    removeModel(ctx.dataDir, m.name);
    throw e;
  }
  if (opts.use) useModel(ctx.dataDir, m.name);
  record(ctx, { event: 'model_changed', detail: { change: 'imported', model: m.name, sha256: m.sha256, active: Boolean(opts.use) } });
  return { ...m, active: Boolean(opts.use) };
}

export function use(ctx: UseCaseContext, name: string): InstalledModel {
  const found = installedModels(ctx.dataDir).find((x) => x.name === name);
  if (found) assertModelUsable(found.path, found.sha256, ctx.policy().policy);
  const m = useModel(ctx.dataDir, name);
  record(ctx, { event: 'model_changed', detail: { change: 'activated', model: m.name, sha256: m.sha256 } });
  return m;
}

export function remove(ctx: UseCaseContext, name: string): { removed: string; wasActive: boolean } {
  const r = removeModel(ctx.dataDir, name);
  record(ctx, { event: 'model_changed', detail: { change: 'removed', model: r.removed, wasActive: r.wasActive } });
  return r;
}

/**
 * Switches back to the model used before the active one (kept installed until the new one has answered once). The
 * managed policy is asked again: an allow-list may have changed since. Rolling back twice is a roll forward.
 */
export function rollback(ctx: UseCaseContext): { from: string | null; to: InstalledModel } {
  const previous = previousModelName(ctx.dataDir);
  const target = previous ? installedModels(ctx.dataDir).find((m) => m.name === previous) : undefined;
  if (target) assertModelUsable(target.path, target.sha256, ctx.policy().policy);
  const r = rollbackModel(ctx.dataDir);
  record(ctx, { event: 'model_changed', detail: { change: 'rolled_back', from: r.from, model: r.to.name, sha256: r.to.sha256 } });
  return r;
}
