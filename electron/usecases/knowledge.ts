import { BastionError } from '../core';
import {
  addDocuments,
  checkFolder,
  disposeEmbedders,
  ensureBuiltinIndexed,
  listDocuments,
  removeDocument,
  removeFolderDocuments,
  searchKnowledge,
  type AddSummary,
  type DocumentInfo,
  type EmbedOptions,
  type KbResult,
  type PackLoadResult,
  type SyncSummary,
} from '../knowledge';
import { assertDocumentRemovable, assertUserDocumentsAllowed, syncOrganisationKnowledge } from '../managed';
import { record } from './audit';
import type { UseCaseContext } from './context';
import { combine, unreadableDocuments, type Fallback } from './fallback';
import { writeSetting } from './settings';

// The knowledge base as a person uses it: search, add and remove documents, keep folders in sync. The managed
// policy's rules (may users add documents? which folders are the organisation's?) apply here for every front end.

export interface EmbedChoice {
  /** The `--embed-model` flag; beats BASTION_EMBED_MODEL, which beats the stored setting. */
  embedModel?: string;
  keywordOnly?: boolean;
}

/** Which embedding model this call uses: flag, then environment, then the user's setting; none for keyword-only. */
export function embedOptions(ctx: UseCaseContext, choice: EmbedChoice = {}): EmbedOptions {
  if (choice.keywordOnly) return { noEmbed: true };
  const path = choice.embedModel ?? ctx.env.BASTION_EMBED_MODEL ?? ctx.settings().knowledge.embedModel ?? undefined;
  return path ? { embedModel: ctx.path(path) } : {};
}

/** Runs work that may load an embedding model, and frees the model afterwards (the CLI's one-shot commands). */
export async function withEmbedders<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } finally {
    await disposeEmbedders();
  }
}

export async function search(ctx: UseCaseContext, query: string, opts: EmbedChoice & { k?: number } = {}): Promise<{ mode: 'hybrid' | 'keyword'; results: KbResult[] }> {
  return searchKnowledge(ctx.store(), query, { ...embedOptions(ctx, opts), k: opts.k ?? 5 });
}

/** A knowledge summary with the one `fallback` field: set when documents were skipped (they will not be used). */
export type WithFallback<T> = T & { fallback: Fallback | null };

export async function add(
  ctx: UseCaseContext,
  paths: string[],
  opts: EmbedChoice & { onProgress?: (done: number, total: number, path: string) => void } = {},
): Promise<WithFallback<AddSummary>> {
  assertUserDocumentsAllowed(ctx.store(), ctx.policy().policy);
  const s = await addDocuments(ctx.store(), paths.map((p) => ctx.path(p)), { ...embedOptions(ctx, opts), ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
  return { ...s, fallback: unreadableDocuments(s.skipped) };
}

export function list(ctx: UseCaseContext, opts: { all?: boolean } = {}): DocumentInfo[] {
  return listDocuments(ctx.store(), { includeBuiltin: opts.all ?? false });
}

export function remove(ctx: UseCaseContext, idOrPath: string): DocumentInfo {
  const store = ctx.store();
  const abs = ctx.path(idOrPath);
  const doc = listDocuments(store, { includeBuiltin: true }).find((d) => d.id === idOrPath || d.path === abs);
  assertDocumentRemovable(store, doc, ctx.policy().policy);
  return store.db.transaction(() => {
    const d = removeDocument(store, doc?.id ?? abs);
    record(ctx, { event: 'document_removed', detail: { document: d.id, title: d.title } });
    return d;
  })();
}

/** Indexes the built-in articles now (otherwise on first search). */
export async function indexBuiltin(ctx: UseCaseContext, opts: EmbedChoice & { onProgress?: (message: string) => void } = {}): Promise<number> {
  await ensureBuiltinIndexed(ctx.store(), { ...embedOptions(ctx, opts), ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
  return listDocuments(ctx.store(), { includeBuiltin: true }).filter((d) => !d.path && !d.folder).length;
}

/** The organisation's packs and folders, then the user's folders (where allowed), brought up to date. */
export async function sync(
  ctx: UseCaseContext,
  opts: EmbedChoice & { onProgress?: (done: number, total: number, path: string) => void } = {},
): Promise<WithFallback<{ dirs: string[]; packs: PackLoadResult[]; sync: SyncSummary }>> {
  const r = await syncOrganisationKnowledge(ctx.store(), { ...embedOptions(ctx, opts), ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) }, ctx.policy().policy);
  const packs = r.packs.filter((p) => p.status === 'skipped').map((p) => ({ path: p.pack, reason: p.reason ?? 'skipped' }));
  return { ...r, fallback: combine([unreadableDocuments(r.sync.skipped), unreadableDocuments(packs)]) };
}

export function folders(ctx: UseCaseContext): { user: string[]; managed: string[]; packs: string[] } {
  const k = ctx.settings().knowledge;
  return { user: k.userFolders, managed: k.managedFolders, packs: k.packs };
}

export function addFolder(ctx: UseCaseContext, dir: string): string {
  assertUserDocumentsAllowed(ctx.store(), ctx.policy().policy);
  const abs = checkFolder(ctx.path(dir));
  const k = ctx.settings().knowledge;
  if (!k.managedFolders.includes(abs)) writeSetting(ctx, 'knowledge.folders', [...new Set([...k.userFolders, abs])]);
  return abs;
}

export function removeFolder(ctx: UseCaseContext, dir: string, opts: { keepDocuments?: boolean } = {}): number {
  const abs = ctx.path(dir);
  const k = ctx.settings().knowledge;
  if (k.managedFolders.includes(abs)) throw new BastionError('POLICY_DENIED', `${abs} is a knowledge folder your organisation manages; it cannot be removed.`);
  if (!k.userFolders.includes(abs)) throw new BastionError('NOT_FOUND', `${abs} is not a knowledge folder; see \`bastion kb folders list\`.`);
  writeSetting(ctx, 'knowledge.folders', k.userFolders.filter((f) => f !== abs));
  return opts.keepDocuments ? 0 : removeFolderDocuments(ctx.store(), abs);
}

/** Remembers (or, with null, forgets) the embedding model used for hybrid search. */
export function setEmbedModel(ctx: UseCaseContext, path: string | null): string | null {
  const value = path === null ? null : ctx.path(path);
  writeSetting(ctx, 'knowledge.embedModel', value);
  return value;
}
