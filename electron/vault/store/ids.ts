import { createHmac } from 'node:crypto';
import type { InstallKeys } from '../../db';

// Ids are keyed hashes: stable across re-imports of the same file (so exclusions and snoozes survive), and they
// reveal nothing about the path or the entry.

function keyed(keys: InstallKeys, label: string, ...parts: string[]): string {
  return createHmac('sha256', keys.fingerprint).update(`bastion/${label}/v1\0${parts.join('\0')}`).digest('base64url');
}

export function sourceIdFor(keys: InstallKeys, absPath: string): string {
  return `src_${keyed(keys, 'source-id', absPath).slice(0, 16)}`;
}

export function itemIdFor(keys: InstallKeys, sourceId: string, externalId: string): string {
  return `it_${keyed(keys, 'item-id', sourceId, externalId).slice(0, 22)}`;
}

/** HMAC-SHA-256 of the password under the install's fingerprint key: equal passwords, equal fingerprints. */
export function fingerprintOf(keys: InstallKeys, password: string): Buffer {
  return createHmac('sha256', keys.fingerprint).update(password, 'utf8').digest();
}
