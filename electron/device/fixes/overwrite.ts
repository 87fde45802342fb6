import { randomFillSync } from 'node:crypto';
import { closeSync, constants, fstatSync, fsyncSync, lstatSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { BastionError } from '../../core';
import { defaultFixContext, statTarget, type FixContext } from './guard';

// delete_plaintext_export, irreversible variant: overwrite the file's bytes with random data, fsync, then unlink.
// NOT a guarantee on SSDs (wear levelling writes the new bytes elsewhere and keeps the old blocks until trimmed) nor
// on copy-on-write or snapshotting filesystems (btrfs, ZFS, APFS, Time Machine / snapshots keep old copies): there
// only full-disk encryption protects deleted data. It still beats a plain unlink on a classic disk and on the
// common case of a file nobody copied. The confirm dialog must say it cannot be undone.

export interface OverwriteResult {
  path: string;
  bytesOverwritten: number;
}

const CHUNK = 1024 * 1024;
const FLAGS = constants.O_RDWR | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export function overwriteAndUnlink(path: string, ctx: FixContext = defaultFixContext()): OverwriteResult {
  const { path: abs, st } = statTarget(path, ctx);
  if (st.nlink > 1) throw new BastionError('UNSUPPORTED', `${abs} has other hard links; overwriting would change them too. Delete the other names first.`);
  const fd = openSync(abs, FLAGS);
  let written = 0;
  try {
    const now = fstatSync(fd);
    if (!now.isFile() || now.ino !== st.ino) throw new BastionError('CONFLICT', `${abs} changed while Bastion was deleting it; nothing was changed.`);
    const buf = Buffer.alloc(Math.min(CHUNK, Math.max(1, now.size)));
    while (written < now.size) {
      const n = Math.min(buf.length, now.size - written);
      randomFillSync(buf, 0, n);
      written += writeSync(fd, buf, 0, n, written);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (lstatSync(abs).ino !== st.ino) throw new BastionError('CONFLICT', `${abs} was replaced after it was overwritten; the new file was left alone.`);
  unlinkSync(abs);
  return { path: abs, bytesOverwritten: written };
}
