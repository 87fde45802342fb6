import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BastionError } from '../core';

export const KEY_FILE = 'install.key';

/** What a per-install subkey is for; each purpose gets an independent key derived from the one secret. */
export type KeyPurpose = 'fingerprint' | 'audit';

export interface InstallKeys {
  /** HMAC-SHA-256 key for password fingerprints (reuse detection without storing passwords). */
  fingerprint: Buffer;
  /** Key for audit checkpoint MACs. */
  audit: Buffer;
}

/**
 * A per-install secret in a 0600 file (the CLI's store; the desktop app wraps it with safeStorage where a real
 * OS keystore exists). Created on first use with write-then-rename so a crash never leaves a short key.
 */
export function loadInstallKeys(dataDir: string): InstallKeys {
  const root = loadRootKey(dataDir);
  return { fingerprint: derive(root, 'fingerprint'), audit: derive(root, 'audit') };
}

function derive(root: Buffer, purpose: KeyPurpose): Buffer {
  return createHmac('sha256', root).update(`bastion/${purpose}/v1`).digest();
}

function loadRootKey(dataDir: string): Buffer {
  const path = join(dataDir, KEY_FILE);
  if (existsSync(path)) {
    const mode = statSync(path).mode & 0o777;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) chmodSync(path, 0o600);
    const key = readFileSync(path);
    if (key.length !== 32) throw new BastionError('DB_ERROR', `${path} is damaged (expected 32 bytes); restore it from a backup.`);
    return key;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, key, { mode: 0o600, flag: 'wx' });
  renameSync(tmp, path);
  return key;
}
