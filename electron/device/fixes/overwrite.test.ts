import { closeSync, existsSync, linkSync, openSync, readSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { overwriteAndUnlink } from './overwrite';
import { makeTestHome, type TestHome } from './testing-home';

let t: TestHome;
afterEach(() => t.cleanup());

/** Reads a still-open file's bytes after its name is gone: the inode lives while a descriptor holds it. */
function readFd(fd: number, length: number): Buffer {
  const buf = Buffer.alloc(length + 16);
  const n = readSync(fd, buf, 0, buf.length, 0);
  return buf.subarray(0, n);
}

describe('overwriteAndUnlink', () => {
  it('overwrites every byte (same length) before unlinking', () => {
    t = makeTestHome();
    const secret = 'name,url,username,password\nBank,https://bank.example,alice,Cnry-Overwrite-7Qz!\n'.repeat(40_000); // > 1 chunk
    const p = t.file('Downloads/export.csv', secret);
    const fd = openSync(p, 'r');
    try {
      expect(overwriteAndUnlink(p, t.ctx)).toEqual({ path: p, bytesOverwritten: Buffer.byteLength(secret) });
      expect(existsSync(p)).toBe(false);
      const after = readFd(fd, Buffer.byteLength(secret));
      expect(after.length).toBe(Buffer.byteLength(secret));
      expect(after.toString('latin1')).not.toContain('Cnry-Overwrite');
      // Positive control: the same probe finds the canary in the original text.
      expect(secret).toContain('Cnry-Overwrite');
    } finally {
      closeSync(fd);
    }
  });

  it('deletes an empty file', () => {
    t = makeTestHome();
    const p = t.file('empty.csv', '');
    expect(overwriteAndUnlink(p, t.ctx).bytesOverwritten).toBe(0);
    expect(existsSync(p)).toBe(false);
  });

  it('refuses symlinks, hard-linked files and files outside the home, changing nothing', () => {
    t = makeTestHome();
    const target = t.file('real.csv', 'keep');
    symlinkSync(target, join(t.home, 'link.csv'));
    expect(() => overwriteAndUnlink(join(t.home, 'link.csv'), t.ctx)).toThrow(/symbolic link/);
    linkSync(target, join(t.home, 'hard.csv'));
    expect(() => overwriteAndUnlink(target, t.ctx)).toThrow(/other hard links/);
    expect(() => overwriteAndUnlink('/etc/hostname', t.ctx)).toThrow(/outside your home folder/);
    expect(existsSync(target)).toBe(true);
  });
});
