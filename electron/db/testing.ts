import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Test helper: a small tmpfs for full-disk and read-only-filesystem tests. Needs root (mount); elsewhere the tests
// that use it are skipped with a message saying why.

export interface Tmpfs {
  dir: string;
  remount(mode: 'ro' | 'rw'): void;
  unmount(): void;
}

function mount(sizeKiB: number): Tmpfs {
  const dir = mkdtempSync(join(tmpdir(), 'bastion-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k,mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  return {
    dir,
    remount: (mode) => execFileSync('mount', ['-o', `remount,${mode}`, dir], { stdio: 'pipe' }),
    unmount: () => {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let available: string | null | undefined;

/** Null when a tmpfs can be mounted here, else why not (the skip message). */
export function tmpfsUnavailable(): string | null {
  if (available !== undefined) return available;
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return (available = 'needs root on Linux to mount a tmpfs');
  try {
    mount(64).unmount();
    return (available = null);
  } catch (e) {
    return (available = `cannot mount a tmpfs here: ${(e as Error).message.split('\n')[0]}`);
  }
}

export function mountTmpfs(sizeKiB: number): Tmpfs {
  return mount(sizeKiB);
}

/** Fills the filesystem at `dir` until ENOSPC; returns the filler's path (delete it to free the space). */
export function fillDisk(dir: string): string {
  const filler = join(dir, 'filler');
  execFileSync('sh', ['-c', `dd if=/dev/zero of="${filler}" bs=4k 2>/dev/null; sync; true`]);
  return filler;
}
