import { existsSync, lstatSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestHome, type TestHome } from './testing-home';
import { moveToTrash, restoreFromTrash, trashDir } from './trash';

let t: TestHome;
const extra: string[] = [];
afterEach(() => {
  t.cleanup();
  for (const d of extra.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('moveToTrash (freedesktop.org Trash spec) and its undo', () => {
  it('moves the file to Trash/files with a .trashinfo, and the undo puts it back byte for byte', () => {
    t = makeTestHome();
    const p = t.file('Downloads/my export é.csv', 'name,url,username,password\n');
    const entry = moveToTrash(p, t.ctx);
    const trash = join(t.home, '.local/share/Trash');
    expect(entry).toEqual({ originalPath: p, trashedPath: join(trash, 'files/my export é.csv'), infoPath: join(trash, 'info/my export é.csv.trashinfo') });
    expect(existsSync(p)).toBe(false);
    expect(readFileSync(entry.trashedPath, 'utf8')).toBe('name,url,username,password\n');
    const info = readFileSync(entry.infoPath, 'utf8');
    expect(info).toMatch(/^\[Trash Info\]\nPath=.*\nDeletionDate=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\n$/);
    expect(info).toContain(`Path=${p.split('/').map(encodeURIComponent).join('/')}\n`);
    expect(info).toContain('my%20export%20%C3%A9.csv');
    expect(lstatSync(join(trash, 'files')).mode & 0o777).toBe(0o700);

    expect(restoreFromTrash(entry, t.ctx)).toEqual({ path: p });
    expect(readFileSync(p, 'utf8')).toBe('name,url,username,password\n');
    expect(existsSync(entry.trashedPath)).toBe(false);
    expect(existsSync(entry.infoPath)).toBe(false);
  });

  it('gives a second file of the same name a new name, and restores each to its own place', () => {
    t = makeTestHome({ XDG_DATA_HOME: '' });
    const a = moveToTrash(t.file('Downloads/export.csv', 'a'), t.ctx);
    const b = moveToTrash(t.file('Desktop/export.csv', 'b'), t.ctx);
    expect(b.trashedPath).toBe(join(trashDir(t.ctx), 'files/export.2.csv'));
    expect(b.infoPath).toBe(join(trashDir(t.ctx), 'info/export.2.csv.trashinfo'));
    restoreFromTrash(b, t.ctx);
    restoreFromTrash(a, t.ctx);
    expect(readFileSync(join(t.home, 'Desktop/export.csv'), 'utf8')).toBe('b');
    expect(readFileSync(join(t.home, 'Downloads/export.csv'), 'utf8')).toBe('a');
  });

  it('uses $XDG_DATA_HOME/Trash when set', () => {
    t = makeTestHome();
    const data = join(t.home, 'data');
    const entry = moveToTrash(t.file('x.json', '{}'), { ...t.ctx, env: { XDG_DATA_HOME: data } });
    expect(entry.trashedPath).toBe(join(data, 'Trash/files/x.json'));
  });

  it('the undo refuses to overwrite a file that appeared at the original path', () => {
    t = makeTestHome();
    const p = t.file('Downloads/export.csv', 'old');
    const entry = moveToTrash(p, t.ctx);
    writeFileSync(p, 'new');
    expect(() => restoreFromTrash(entry, t.ctx)).toThrow(/exists again; Bastion will not overwrite it/);
    expect(readFileSync(p, 'utf8')).toBe('new');
    expect(readFileSync(entry.trashedPath, 'utf8')).toBe('old');
  });

  it('the undo refuses an entry that does not point into the trash, or whose info names another path', () => {
    t = makeTestHome();
    const entry = moveToTrash(t.file('a.csv', 'a'), t.ctx);
    expect(() => restoreFromTrash({ ...entry, trashedPath: join(t.home, 'b.csv') }, t.ctx)).toThrow(/not an item of your trash/);
    expect(() => restoreFromTrash({ ...entry, originalPath: join(t.home, 'elsewhere.csv') }, t.ctx)).toThrow(/does not record/);
    expect(existsSync(entry.trashedPath)).toBe(true);
  });

  it('refuses symlinks, files outside the home and other OSes', () => {
    t = makeTestHome();
    const target = t.file('real.csv', 'x');
    symlinkSync(target, join(t.home, 'link.csv'));
    expect(() => moveToTrash(join(t.home, 'link.csv'), t.ctx)).toThrow(/symbolic link/);
    expect(() => moveToTrash('/etc/hostname', t.ctx)).toThrow(/outside your home folder/);
    expect(() => moveToTrash(target, { ...t.ctx, platform: 'darwin' })).toThrow(/only built for Linux/);
    expect(existsSync(target)).toBe(true);
  });

  const shm = existsSync('/dev/shm') ? realpathSync('/dev/shm') : null;
  const crossDevice = shm !== null && lstatSync(shm).dev !== lstatSync(tmpdir()).dev;
  it.skipIf(!crossDevice)('refuses a file on another filesystem than the trash, moving nothing', () => {
    t = makeTestHome();
    const home = mkdtempSync(join(shm!, 'bastion-home-'));
    extra.push(home);
    const p = join(home, 'export.csv');
    writeFileSync(p, 'x');
    const ctx = { home, env: { XDG_DATA_HOME: join(t.home, 'data') }, platform: 'linux' as const };
    expect(() => moveToTrash(p, ctx)).toThrow(/different disk from your trash/);
    expect(readFileSync(p, 'utf8')).toBe('x');
  });
  it.skipIf(crossDevice)('SKIPPED: no second filesystem (/dev/shm) here — cross-filesystem refusal not exercised', () => {});
});
