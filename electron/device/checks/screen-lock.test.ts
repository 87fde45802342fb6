import { afterEach, describe, expect, it } from 'vitest';
import { makeFixture, type Fixture, type FixtureOptions } from '../testing';
import { parseRegQuery } from './parse';
import { checkScreenLock } from './screen-lock';

let fx: Fixture | null = null;
afterEach(() => fx?.cleanup());
const fixture = (o: FixtureOptions = {}): Fixture => (fx = makeFixture(o));

function gnome(lock: string, idle: string, grace = 'uint32 0'): FixtureOptions {
  return {
    env: { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' },
    commands: {
      'gsettings get org.gnome.desktop.screensaver lock-enabled': { stdout: `${lock}\n` },
      'gsettings get org.gnome.desktop.session idle-delay': { stdout: `${idle}\n` },
      'gsettings get org.gnome.desktop.screensaver lock-delay': { stdout: `${grace}\n` },
    },
  };
}

describe('screen lock on Linux', () => {
  it('is unknown without a desktop session, and runs no command', async () => {
    const f = fixture();
    const r = await checkScreenLock(f.host);
    expect(r.status).toBe('unknown');
    expect(r.reason).toMatch(/No desktop session/);
    expect(f.ran).toEqual([]);
  });

  it('GNOME: passes when locking after 5 minutes, with the values as evidence', async () => {
    const r = await checkScreenLock(fixture(gnome('true', 'uint32 300')).host);
    expect(r.status).toBe('pass');
    expect(r.evidence).toContain('gsettings get org.gnome.desktop.session idle-delay: uint32 300');
  });

  it('GNOME: fails when the lock is off, when idle never triggers, and when idle + grace is over 15 minutes', async () => {
    expect((await checkScreenLock(fixture(gnome('false', 'uint32 300')).host)).status).toBe('fail');
    fx?.cleanup();
    expect((await checkScreenLock(fixture(gnome('true', 'uint32 0')).host)).status).toBe('fail');
    fx?.cleanup();
    const long = await checkScreenLock(fixture(gnome('true', 'uint32 900', 'uint32 60')).host);
    expect(long.status).toBe('fail');
    expect(long.reason).toMatch(/16 minutes/);
  });

  it('GNOME: unknown when gsettings cannot answer', async () => {
    expect((await checkScreenLock(fixture({ env: { XDG_CURRENT_DESKTOP: 'GNOME' } }).host)).status).toBe('unknown');
  });

  it('KDE: an absent kscreenlockerrc means the defaults (lock after 5 minutes)', async () => {
    const r = await checkScreenLock(fixture({ env: { XDG_CURRENT_DESKTOP: 'KDE' } }).host);
    expect(r.status).toBe('pass');
    expect(r.evidence.join('\n')).toMatch(/absent \(KDE defaults/);
  });

  it('KDE: Autolock=false fails, a 30-minute timeout fails', async () => {
    const f = fixture({ env: { XDG_CURRENT_DESKTOP: 'KDE' } });
    f.write('/home/alice/.config/kscreenlockerrc', '[Daemon]\nAutolock=false\n');
    expect((await checkScreenLock(f.host)).status).toBe('fail');
    f.write('/home/alice/.config/kscreenlockerrc', '[Daemon]\nTimeout=30\n');
    expect((await checkScreenLock(f.host)).status).toBe('fail');
    f.write('/home/alice/.config/kscreenlockerrc', '[Greeter]\nTheme=x\n[Daemon]\nTimeout=10\n');
    expect((await checkScreenLock(f.host)).status).toBe('pass');
  });

  it('another desktop is unknown, naming it', async () => {
    const r = await checkScreenLock(fixture({ env: { XDG_CURRENT_DESKTOP: 'XFCE' } }).host);
    expect(r.status).toBe('unknown');
    expect(r.reason).toMatch(/xfce/);
  });
});

describe('screen lock on macOS and Windows (parsing fixture outputs)', () => {
  const mac = (status: string, idle?: string): FixtureOptions => ({
    os: 'macos',
    commands: {
      'sysadminctl -screenLock status': { stderr: `2025-01-01 12:00:00.000 sysadminctl[123:456] ${status}\n` },
      ...(idle === undefined ? {} : { 'defaults -currentHost read com.apple.screensaver idleTime': { stdout: `${idle}\n` } }),
    },
  });

  it.each([
    [mac('screenLock delay is 5 seconds', '300'), 'pass'],
    [mac('screenLock is immediate', '600'), 'pass'],
    [mac('screenLock is off', '300'), 'fail'],
    [mac('screenLock delay is 60 seconds', '1200'), 'fail'],
    [mac('screenLock delay is 5 seconds', '0'), 'unknown'],
    [mac('something else'), 'unknown'],
  ])('macOS %# → %s', async (opts, status) => {
    expect((await checkScreenLock(fixture(opts).host)).status).toBe(status);
  });

  it('parses reg query output, DWORDs as decimal', () => {
    const out = '\r\nHKEY_CURRENT_USER\\Control Panel\\Desktop\r\n    ScreenSaveActive    REG_SZ    1\r\n    ScreenSaveTimeOut    REG_SZ    600\r\n    InactivityTimeoutSecs    REG_DWORD    0x384\r\n';
    expect(Object.fromEntries(parseRegQuery(out))).toEqual({ ScreenSaveActive: '1', ScreenSaveTimeOut: '600', InactivityTimeoutSecs: '900' });
  });

  const win = (desktop: string, system = ''): FixtureOptions => ({
    os: 'windows',
    commands: {
      'reg query HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System': { stdout: system },
      'reg query HKCU\\Control Panel\\Desktop': { stdout: desktop },
    },
  });
  const desktop = (active: string, secure: string, timeout: string): string =>
    `HKEY_CURRENT_USER\\Control Panel\\Desktop\r\n    ScreenSaveActive    REG_SZ    ${active}\r\n    ScreenSaverIsSecure    REG_SZ    ${secure}\r\n    ScreenSaveTimeOut    REG_SZ    ${timeout}\r\n`;

  it.each([
    [win(desktop('1', '1', '300')), 'pass'],
    [win(desktop('1', '1', '3600')), 'fail'],
    [win(desktop('1', '0', '300')), 'unknown'],
    [win(desktop('0', '0', '0'), '    InactivityTimeoutSecs    REG_DWORD    0x12c\r\n'), 'pass'],
  ])('Windows %# → %s', async (opts, status) => {
    expect((await checkScreenLock(fixture(opts).host)).status).toBe(status);
  });
});
