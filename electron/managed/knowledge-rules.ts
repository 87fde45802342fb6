import { sep } from 'node:path';
import { BastionError } from '../core';
import type { Store } from '../db';
import { loadManagedPolicy } from './load';
import type { ManagedPolicy } from './schema';
import { effectiveSettings } from './settings-store';

// The knowledge rules the CLI and the app both apply: users may add documents unless the policy says no, and the
// organisation's folders (and packs, refused by the knowledge capability itself) are read-only to them.

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
