import { chmodSync, lstatSync, statSync } from 'node:fs';

// Private files: everything Bastion writes (database, WAL, shared memory, traces, backups, exports) is for this user
// only, whatever the umask or the mode of a data dir the user pointed us at.

let umaskSet = false;

/** Sets the process umask to 077 (files 0600, folders 0700). Idempotent; a no-op where a worker cannot change it. */
export function privateUmask(): void {
  if (umaskSet || process.platform === 'win32') return;
  try {
    process.umask(0o077);
    umaskSet = true;
  } catch {
    // Worker threads cannot change the umask; the files the store creates are still chmodded one by one.
  }
}

/** chmod 0600 each existing file that is group- or world-accessible; a read-only filesystem is not an error here. */
export function makePrivate(paths: string[]): void {
  if (process.platform === 'win32') return;
  for (const p of paths) {
    try {
      const st = lstatSync(p);
      if (st.isFile() && (st.mode & 0o077) !== 0) chmodSync(p, 0o600);
    } catch {
      // Missing (no WAL yet) or unchangeable (read-only mount): nothing to tighten.
    }
  }
}

/** A one-line warning when the data dir can be read or entered by other users, else null. */
export function dataDirWarning(dir: string): string | null {
  if (process.platform === 'win32') return null;
  try {
    const mode = statSync(dir).mode & 0o777;
    if ((mode & 0o077) === 0) return null;
    return `warning: the data dir ${dir} is accessible to other users (mode ${mode.toString(8).padStart(4, '0')}); run \`chmod 700 ${dir}\`. Bastion's own files in it are 0600.`;
  } catch {
    return null;
  }
}
