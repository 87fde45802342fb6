import { existsSync, renameSync, rmSync, statSync } from 'node:fs';

// Audit export rotation (size and count based, logrotate style): FILE → FILE.1 → … → FILE.keep, the oldest dropped.
// The audit capability's export calls rotateIfNeeded(path, rotation) before it writes or appends.

export interface Rotation {
  maxBytes: number;
  keep: number;
}

/**
 * Rotates when FILE exists and is at least maxBytes (or would pass it after appending incomingBytes). Returns the
 * files that were moved (old → new), oldest first, for the audit record of the export.
 */
export function rotateIfNeeded(path: string, rotation: Rotation, incomingBytes = 0): { from: string; to: string }[] {
  if (!existsSync(path)) return [];
  const size = statSync(path).size;
  if (size === 0 || size + incomingBytes < rotation.maxBytes) return [];
  return rotate(path, rotation.keep);
}

export function rotate(path: string, keep: number): { from: string; to: string }[] {
  const moved: { from: string; to: string }[] = [];
  rmSync(`${path}.${keep}`, { force: true });
  for (let i = keep - 1; i >= 1; i--) {
    if (existsSync(`${path}.${i}`)) {
      renameSync(`${path}.${i}`, `${path}.${i + 1}`);
      moved.push({ from: `${path}.${i}`, to: `${path}.${i + 1}` });
    }
  }
  renameSync(path, `${path}.1`);
  moved.push({ from: path, to: `${path}.1` });
  return moved;
}
