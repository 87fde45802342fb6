import { sep } from 'node:path';
import { BastionError } from '../core';
import type { Store } from '../db';
import { loadKnowledgePacks, syncFolders, type AddOptions, type PackLoadResult, type SyncSummary } from '../knowledge';
import { loadManagedPolicy } from './load';
import type { ManagedPolicy } from './schema';
import { effectiveSettings } from './settings-store';

// The knowledge rules the CLI and the app both apply: users may add documents unless the policy says no, the
// organisation's folders (and packs, refused by the knowledge capability itself) are read-only to them, and a sync
// covers the organisation's packs and folders plus the user's own folders where allowed.

export function assertUserDocumentsAllowed(store: Store, policy: ManagedPolicy = loadManagedPolicy().policy): void {
  if (!effectiveSettings(store, policy).knowledge.allowUserDocuments) {
    throw new BastionError('POLICY_DENIED', "Adding your own documents is turned off by your organisation's policy; its knowledge folders and packs are indexed by `bastion kb sync` and at app start.");
  }
}

export function assertDocumentRemovable(
  store: Store,
  doc: { id: string; folder: string | null; path: string | null } | undefined,
  policy: ManagedPolicy = loadManagedPolicy().policy,
): void {
  if (!doc) return;
  const managed = effectiveSettings(store, policy).knowledge.managedFolders;
  // By the folder it was synced from, or by where the file lives (added by hand from inside a managed folder).
  const owner = managed.find((m) => doc.folder === m || (doc.path !== null && doc.path.startsWith(m.endsWith(sep) ? m : m + sep)));
  if (owner) throw new BastionError('POLICY_DENIED', `${doc.id} is in ${owner}, a knowledge folder your organisation manages; it cannot be removed.`);
}

/** `bastion kb sync` and the app at start: load the policy's packs, then re-index its folders and (if allowed) the user's. */
export async function syncOrganisationKnowledge(
  store: Store,
  opts: AddOptions = {},
  policy: ManagedPolicy = loadManagedPolicy().policy,
): Promise<{ dirs: string[]; packs: PackLoadResult[]; sync: SyncSummary }> {
  const k = effectiveSettings(store, policy).knowledge;
  const dirs = [...new Set([...k.managedFolders, ...(k.allowUserDocuments ? k.userFolders : [])])];
  const packs = await loadKnowledgePacks(store, k.packs);
  const sync = await syncFolders(store, dirs, { ...(k.embedModel ? { embedModel: k.embedModel } : {}), ...opts });
  return { dirs, packs, sync };
}
