import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { BastionError } from '../core';
import { fsyncDir } from './atomic-write';
import { storeError } from './store-errors';

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
  if (!existsSync(path)) {
    try {
      createRootKey(dataDir, path);
    } catch (e) {
      throw storeError(e, { dataDir, doing: 'creating the install key' });
    }
  }
  const mode = statSync(path).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) chmodSync(path, 0o600);
  const key = readFileSync(path);
  if (key.length !== 32) throw new BastionError('DB_ERROR', `${path} is damaged (expected 32 bytes); restore it from a backup.`);
  return key;
}

/**
 * Written whole to a temp file, fsynced, then hard-linked into place: link() never replaces an existing key, so when
 * two processes start together the loser reads the winner's key instead of overwriting it (which would leave one of
 * them MACing the audit log and fingerprinting passwords with a key that is gone).
 */
function createRootKey(dataDir: string, path: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, randomBytes(32));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return; // another process made the key first: use theirs
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw e;
    if (!existsSync(path)) renameSync(tmp, path); // no hard links on this filesystem
  } finally {
    rmSync(tmp, { force: true });
  }
  fsyncDir(dataDir);
}
