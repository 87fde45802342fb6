import { BastionError } from '../core';
import {
  addExclusion,
  cachedReport,
  cachedReportJson,
  clearFindingState,
  forgetSource,
  getItemRef,
  importBreachCorpus,
  importVault,
  listSources,
  recordHealthSnapshot,
  removeExclusion,
  FINDING_KINDS,
  type BreachImportSummary,
  type Exclusion,
  type FindingKind,
  type ImportFormat,
  type FirstReport,
  type ImportPhase,
  type ImportSummary,
  type ItemRef,
  type Report,
  type SourceInfo,
} from '../vault';
import { record } from './audit';
import type { UseCaseContext } from './context';
import { skippedEntries, type Fallback } from './fallback';

// The vault as a person uses it: import an export, read the report, look at one item, forget a source, and the
// finding states outside the action catalog (exclusions, restoring a snoozed or resolved finding), each audited.

export interface ImportRequest {
  path: string;
  format?: ImportFormat | 'auto';
  password?: string;
  keyFilePath?: string;
  onProgress?: (done: number, total: number) => void;
  onPhase?: (phase: ImportPhase) => void;
  /**
   * Told once while strengths are estimated: the items with an open finding of each kind by every check but strength
   * (a preview; nothing is stored yet).
   */
  onFirstFindings?: (soFar: FindingCounts) => void;
  /** Cancels the import; nothing is written (rejects with CANCELLED). */
  signal?: AbortSignal;
}

export interface ImportOutcome extends ImportSummary {
  path: string;
  /** Set when most entries were skipped (the importer's warning), else null. */
  fallback: Fallback | null;
  /**
   * Set when the file was a plain-text export: it holds every password readable by anyone who opens it, so Bastion
   * offers to delete it (`delete_plaintext_export`, through the permission layer: trash by default, undoable).
   */
  plaintextExport?: { path: string; format: string };
}

export async function importFile(ctx: UseCaseContext, req: ImportRequest): Promise<ImportOutcome> {
  const path = ctx.path(req.path);
  const summary = await importVault(ctx.store(), ctx.keys(), path, {
    format: req.format ?? 'auto',
    ...(req.password !== undefined ? { password: req.password } : {}),
    // Read by the importer with its bounds (a regular file, size-capped, never a FIFO or device).
    ...(req.keyFilePath !== undefined ? { keyFilePath: ctx.path(req.keyFilePath) } : {}),
    ...(req.onProgress ? { onProgress: req.onProgress } : {}),
    ...(req.onPhase ? { onPhase: req.onPhase } : {}),
    ...(req.onFirstFindings ? { onFirstReport: (first: FirstReport) => req.onFirstFindings!(openCountsByKind(first.report)) } : {}),
    ...(req.signal ? { signal: req.signal } : {}),
  });
  snapshotHealth(ctx);
  return { ...summary, path, fallback: skippedEntries(summary), ...(summary.format !== 'kdbx' ? { plaintextExport: { path, format: summary.format } } : {}) };
}

/** Items with an open finding, per kind (every kind, 0 where none). */
export type FindingCounts = Record<FindingKind, number>;

function openCountsByKind(r: Report): FindingCounts {
  const items = (k: FindingKind) => new Set(r.findings.filter((f) => f.kind === k).flatMap((f) => f.items.map((i) => i.id))).size;
  return Object.fromEntries(FINDING_KINDS.map((k) => [k, items(k)])) as FindingCounts;
}

/** One row of the health trend after each import: the score and the open findings per kind, aggregates only. */
function snapshotHealth(ctx: UseCaseContext): void {
  const at = ctx.now();
  // Built once after the import and kept: the next `bastion report` or dashboard load reads it.
  const r = cachedReport(ctx.store(), { now: at });
  const counts = openCountsByKind(r);
  recordHealthSnapshot(ctx.store(), { at, score: r.score, items: r.counts.items, logins: r.counts.logins, counts });
}

export function report(ctx: UseCaseContext): Report {
  return cachedReport(ctx.store(), { now: ctx.now() });
}

/** The same report as two-space JSON text: the kept text itself while the vault is unchanged (no 3 MB re-print). */
export function reportJson(ctx: UseCaseContext): string {
  return cachedReportJson(ctx.store(), { now: ctx.now() });
}

export function item(ctx: UseCaseContext, id: string): ItemRef | null {
  return getItemRef(ctx.store(), id);
}

export function sources(ctx: UseCaseContext): SourceInfo[] {
  return listSources(ctx.store());
}

/** Removes an imported source and everything derived from it (by id, path or file name). */
export function forget(ctx: UseCaseContext, idOrPath: string): SourceInfo {
  const store = ctx.store();
  return store.db.transaction(() => {
    const gone = forgetSource(store, idOrPath, ctx.path(idOrPath));
    record(ctx, { event: 'source_forgotten', detail: { source: gone.id, format: gone.format, items: gone.items } });
    return gone;
  })();
}

export interface ExclusionTarget {
  itemId?: string;
  group?: string;
  kind?: FindingKind;
}

export function exclude(ctx: UseCaseContext, target: ExclusionTarget): Exclusion {
  const store = ctx.store();
  return store.db.transaction(() => {
    const ex = addExclusion(store, target);
    record(ctx, { event: 'finding_excluded', detail: ex });
    return ex;
  })();
}

export function include(ctx: UseCaseContext, target: ExclusionTarget): number {
  const store = ctx.store();
  return store.db.transaction(() => {
    const removed = removeExclusion(store, target, FINDING_KINDS);
    if (removed === 0) {
      const what = target.itemId ? 'that item' : `group ${target.group ?? ''}`;
      throw new BastionError('NOT_FOUND', `Nothing is excluded for ${what}${target.kind ? ` (${target.kind})` : ''}.`);
    }
    record(ctx, { event: 'finding_included', detail: { ...target, removed } });
    return removed;
  })();
}

/** Shows a snoozed or resolved finding again (the dashboard's Restore). */
export function restoreFinding(ctx: UseCaseContext, kind: FindingKind, itemIds: string[]): number {
  const store = ctx.store();
  return store.db.transaction(() => {
    const n = clearFindingState(store, kind, itemIds);
    record(ctx, { event: 'finding_restored', detail: { kind, itemIds, restored: n } });
    return n;
  })();
}

export async function importBreaches(ctx: UseCaseContext, file: string, onProgress?: (bytes: number, total: number) => void): Promise<BreachImportSummary> {
  return importBreachCorpus(ctx.store(), ctx.path(file), onProgress ? { onProgress } : {});
}
