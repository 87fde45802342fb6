import { lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixFilePermissions, restoreFilePermissions } from './permissions';
import { makeTestHome, type TestHome } from './testing-home';

let t: TestHome;
afterEach(() => t.cleanup());
const mode = (p: string): number => lstatSync(p).mode & 0o7777;

describe('fixFilePermissions and its undo', () => {
  it('chmods 600 and the undo restores the exact old mode', () => {
    t = makeTestHome();
    const p = t.file('.aws/credentials', 'x', 0o664);
    const fix = fixFilePermissions(p, t.ctx);
    expect(fix).toEqual({ path: p, oldMode: 0o664, newMode: 0o600 });
    expect(mode(p)).toBe(0o600);
    expect(restoreFilePermissions(p, fix.oldMode, t.ctx)).toEqual({ path: p, mode: 0o664 });
    expect(mode(p)).toBe(0o664);
  });

  it('works on a file its owner cannot read (mode 044)', () => {
    t = makeTestHome();
    const p = t.file('.netrc', 'x', 0o044);
    expect(fixFilePermissions(p, t.ctx).oldMode).toBe(0o044);
    expect(mode(p)).toBe(0o600);
  });

  it('refuses symlinks (leaving the target alone), folders, missing files and relative paths', () => {
    t = makeTestHome();
    const target = t.file('real', 'x', 0o644);
    symlinkSync(target, join(t.home, 'link'));
    expect(() => fixFilePermissions(join(t.home, 'link'), t.ctx)).toThrow(/symbolic link/);
    expect(mode(target)).toBe(0o644);
    mkdirSync(join(t.home, 'dir'));
    expect(() => fixFilePermissions(join(t.home, 'dir'), t.ctx)).toThrow(/not a regular file/);
    expect(() => fixFilePermissions(join(t.home, 'nope'), t.ctx)).toThrow(/does not exist/);
    expect(() => fixFilePermissions('relative/file', t.ctx)).toThrow(/not an absolute path/);
  });

  it('refuses files outside the home folder, including through a symlinked folder', () => {
    t = makeTestHome();
    const outside = mkdtempSync(join(tmpdir(), 'bastion-outside-'));
    try {
      writeFileSync(join(outside, 'f'), 'x', { mode: 0o644 });
      expect(() => fixFilePermissions(join(outside, 'f'), t.ctx)).toThrow(/outside your home folder/);
      symlinkSync(outside, join(t.home, 'sneaky'));
      expect(() => fixFilePermissions(join(t.home, 'sneaky', 'f'), t.ctx)).toThrow(/outside your home folder/);
      expect(() => fixFilePermissions(join(t.home, '..', 'x'), t.ctx)).toThrow();
      expect(mode(join(outside, 'f'))).toBe(0o644);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses on Windows, where modes do not apply', () => {
    t = makeTestHome();
    const p = t.file('f', 'x', 0o644);
    expect(() => fixFilePermissions(p, { ...t.ctx, platform: 'win32' })).toThrow(/Windows/);
    expect(() => restoreFilePermissions(p, 0o1_0000, t.ctx)).toThrow(/not a file mode/);
  });
});
