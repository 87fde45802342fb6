import { BastionError } from '../core';
import { loadManagedPolicy } from './load';
import { mergeSettings } from './merge';
import type { ManagedPolicy } from './schema';
import type { UserSettings } from './user-settings';

// Model provisioning rules for the downloader and `bastion models import|use` (assistant capability).

export interface ModelDecision {
  allowed: boolean;
  reason: string;
}

/**
 * May Bastion download this model? Call before any request (and again with the sha256 once the catalog or the
 * finished file gives it). `policy` defaults to the machine's managed policy (locked down when invalid).
 */
export function canDownloadModel(uri: string, sha256?: string, policy: ManagedPolicy = loadManagedPolicy().policy, user: UserSettings = {}): ModelDecision {
  const m = mergeSettings(policy, user).models;
  if (!m.allowDownloads) {
    return { allowed: false, reason: 'Model downloads are turned off by policy or settings; ask your administrator for a model file and use `bastion models import FILE`.' };
  }
  if (m.pinnedModel) return { allowed: false, reason: `Your administrator pinned the model (${m.pinnedModel}); other models cannot be downloaded.` };
  if (m.allowedSources && !m.allowedSources.some((prefix) => uri.startsWith(prefix))) {
    return { allowed: false, reason: `${uri} is not from a source the managed policy allows (${m.allowedSources.join(', ') || 'none'}).` };
  }
  const hash = checkSha(sha256, m.allowedSha256);
  if (hash) return hash;
  return { allowed: true, reason: 'allowed' };
}

/** May a local model file with this digest be imported or loaded? (Offline provisioning path.) */
export function canUseModel(path: string, sha256: string | undefined, policy: ManagedPolicy = loadManagedPolicy().policy): ModelDecision {
  const m = mergeSettings(policy).models;
  if (m.pinnedModel && path !== m.pinnedModel) {
    return { allowed: false, reason: `Your administrator pinned the model to ${m.pinnedModel}; ${path} cannot be used.` };
  }
  return checkSha(sha256, m.allowedSha256) ?? { allowed: true, reason: 'allowed' };
}

/** canUseModel as a guard: throws POLICY_DENIED with the reason (CLI, app handlers and the assistant share it). */
export function assertModelUsable(path: string, sha256: string | undefined, policy: ManagedPolicy = loadManagedPolicy().policy): void {
  const verdict = canUseModel(path, sha256, policy);
  if (!verdict.allowed) throw new BastionError('POLICY_DENIED', verdict.reason);
}

function checkSha(sha256: string | undefined, allowed: string[] | null): ModelDecision | null {
  if (!allowed) return null;
  if (!sha256) return { allowed: false, reason: 'The managed policy only allows models with a listed SHA-256, and this model has none to check.' };
  if (!allowed.includes(sha256.toLowerCase())) return { allowed: false, reason: `The model's SHA-256 ${sha256} is not on the managed policy's allowed list.` };
  return null;
}
