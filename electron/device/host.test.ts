import { describe, expect, it } from 'vitest';
import { commandAllowed, POWERSHELL_BITLOCKER } from './host';
import { realHost, runCommand } from './host-real';

describe('the command allowlist', () => {
  it('allows only read-only sub-commands of known tools', () => {
    expect(commandAllowed('systemctl', ['is-active', 'ufw'])).toBe(true);
    expect(commandAllowed('systemctl', ['start', 'ufw'])).toBe(false);
    expect(commandAllowed('defaults', ['read', 'x', 'y'])).toBe(true);
    expect(commandAllowed('defaults', ['write', 'x', 'y', '1'])).toBe(false);
    expect(commandAllowed('gsettings', ['set', 'a', 'b', 'c'])).toBe(false);
    expect(commandAllowed('apt-get', ['-s', 'upgrade'])).toBe(true);
    expect(commandAllowed('apt-get', ['upgrade'])).toBe(false);
    expect(commandAllowed('reg', ['add', 'HKCU\\x'])).toBe(false);
  });

  it('never allows privilege escalation or a shell', () => {
    for (const c of ['sudo', 'pkexec', 'doas', 'su', 'sh', 'bash', 'cmd', 'runas', 'nft', 'ufw', 'constructor', '__proto__']) expect(commandAllowed(c, [])).toBe(false);
  });

  it('allows PowerShell only with the fixed BitLocker query', () => {
    expect(commandAllowed('powershell', ['-NoProfile', '-NonInteractive', '-Command', POWERSHELL_BITLOCKER])).toBe(true);
    expect(commandAllowed('powershell', ['-NoProfile', '-NonInteractive', '-Command', 'Remove-Item C:\\'])).toBe(false);
    expect(commandAllowed('powershell', ['-NoProfile', '-NonInteractive', '-Command', POWERSHELL_BITLOCKER, 'extra'])).toBe(false);
  });
});

describe('the real command runner', () => {
  it('refuses a command off the allowlist without running it', async () => {
    expect(await runCommand('sudo', ['true'], process.env)).toEqual({ code: null, stdout: '', stderr: '', error: 'refused' });
  });

  it('reports a missing tool as not_found and a non-zero exit with its code', async () => {
    const r = await runCommand('fdesetup', ['status'], process.env); // macOS only: absent on Linux CI
    expect(process.platform === 'darwin' || r.error === 'not_found').toBe(true);
    const q = await runCommand('dpkg-query', ['-W', 'bastion-no-such-package-xyz'], process.env);
    expect(q.error === 'not_found' || (q.code !== null && q.code !== 0)).toBe(true);
  });

  it('realHost describes this machine', () => {
    const h = realHost();
    expect(h.home.length).toBeGreaterThan(0);
    expect(['linux', 'macos', 'windows']).toContain(h.os);
    expect(() => realHost(process.env, 'aix')).toThrow(/do not support this operating system/);
  });
});
