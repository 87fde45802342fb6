import type { Store } from '../db';
import { recordEgress } from './egress-log';
import { loadManagedPolicy } from './load';
import { canDownloadModel } from './model-policy';
import type { ManagedPolicy } from './schema';
import { readUserSettings } from './settings-store';

// What every model download (CLI `models pull`, the app's Settings) passes to the downloader: the policy check, with
// the user's own settings (which can only tighten it), and the egress log entry for each request made or refused.

export interface DownloadGuard {
  canDownload(uri: string): { allowed: boolean; reason: string };
  onEgress(e: { url: string; allowed: boolean; detail?: string }): void;
}

export function modelDownloadGuard(store: Store, sha256?: string | null, policy: ManagedPolicy = loadManagedPolicy().policy): DownloadGuard {
  return {
    canDownload: (uri) => canDownloadModel(uri, sha256 ?? undefined, policy, readUserSettings(store)),
    onEgress: (e) => void recordEgress(store, { url: e.url, purpose: 'model-download', allowed: e.allowed, ...(e.detail ? { detail: e.detail } : {}) }),
  };
}
