import { afterEach, describe, expect, it } from 'vitest';
import { makeFixture, type Fixture, type FixtureOptions } from '../testing';
import { aptConfigValue, checkUpdates, countPending } from './updates';

let fx: Fixture | null = null;
afterEach(() => fx?.cleanup());
const fixture = (o: FixtureOptions = {}): Fixture => (fx = makeFixture(o));

const SIM_SECURITY = `NOTE: This is only a simulation!
Inst bash [5.2.15-2+b8] (5.2.15-2+b13 Debian:12.15/oldstable [amd64])
Inst libgcrypt20 [1.10.1-3] (1.10.1-3+deb12u1 Debian:12.15/oldstable, Debian-Security:12/oldstable-security [amd64]) []
Conf bash (5.2.15-2+b13 Debian:12.15/oldstable [amd64])
`;
const SIM_PLAIN = 'Inst bash [5.2.15-2+b8] (5.2.15-2+b13 Debian:12.15/oldstable [amd64])\n';

function apt(o: { installed: boolean; periodic?: string; sim?: string }): Fixture {
  const f = fixture({
    commands: {
      'dpkg-query -W -f=${Status} unattended-upgrades': o.installed ? { stdout: 'install ok installed' } : { code: 1, stderr: 'dpkg-query: no packages found matching unattended-upgrades' },
      'apt-config dump': { stdout: `APT "";\nAPT::Architecture "amd64";\n${o.periodic ? `APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "${o.periodic}";\n` : ''}` },
      'apt-get -s -o Debug::NoLocking=1 upgrade': o.sim === undefined ? { error: 'timeout' } : { stdout: o.sim },
    },
  });
  f.write('/usr/bin/apt-get', '#!/bin/sh\n');
  f.mkdir('/var/lib/apt/lists');
  return f;
}

describe('system updates with apt', () => {
  it('parses apt-config dump values and counts security upgrades by origin', () => {
    expect(aptConfigValue('APT::Periodic::Unattended-Upgrade "1";\n', 'APT::Periodic::Unattended-Upgrade')).toBe('1');
    expect(aptConfigValue('APT::Periodic::Unattended-Upgrade-Extra "1";\n', 'APT::Periodic::Unattended-Upgrade')).toBeNull();
    expect(countPending(SIM_SECURITY)).toEqual({ total: 2, security: 1 });
  });

  it('passes with unattended-upgrades on and no security update waiting', async () => {
    const r = await checkUpdates(apt({ installed: true, periodic: '1', sim: SIM_PLAIN }).host);
    expect(r.status).toBe('pass');
    expect(r.evidence.join('\n')).toMatch(/pending upgrades: 1, of them security: 0/);
  });

  it('fails when unattended-upgrades is missing or turned off', async () => {
    const missing = await checkUpdates(apt({ installed: false, periodic: '1', sim: SIM_PLAIN }).host);
    expect(missing.status).toBe('fail');
    expect(missing.fix).toMatch(/unattended-upgrades/);
    fx?.cleanup();
    expect((await checkUpdates(apt({ installed: true, periodic: '0', sim: SIM_PLAIN }).host)).status).toBe('fail');
  });

  it('fails when security updates are waiting even though automatic updates are on', async () => {
    const r = await checkUpdates(apt({ installed: true, periodic: '1', sim: SIM_SECURITY }).host);
    expect(r.status).toBe('fail');
    expect(r.reason).toMatch(/1 security updates are waiting/);
  });

  it('still decides on the configuration when the simulation times out, and says so', async () => {
    const r = await checkUpdates(apt({ installed: true, periodic: '1' }).host);
    expect(r.status).toBe('pass');
    expect(r.evidence).toContain('apt-get -s upgrade: timed out');
  });
});

describe('system updates elsewhere', () => {
  it('dnf: passes with dnf-automatic-install.timer enabled, fails without', async () => {
    const on = fixture({ commands: { 'systemctl is-enabled dnf-automatic-install.timer': { stdout: 'enabled\n' } } });
    on.write('/usr/bin/dnf', '');
    expect((await checkUpdates(on.host)).status).toBe('pass');
    on.cleanup();
    const off = fixture({ commands: { 'systemctl is-enabled dnf-automatic.timer': { stdout: 'enabled\n' } } });
    off.write('/usr/bin/dnf', '');
    off.write('/etc/dnf/automatic.conf', '[commands]\napply_updates = no\n');
    expect((await checkUpdates(off.host)).status).toBe('fail');
    off.write('/etc/dnf/automatic.conf', '[commands]\napply_updates = yes\n');
    expect((await checkUpdates(off.host)).status).toBe('pass');
  });

  it('is unknown on a Linux with neither apt nor dnf', async () => {
    expect((await checkUpdates(fixture().host)).status).toBe('unknown');
  });

  it.each([
    ['1', 'pass'],
    ['0', 'fail'],
  ])('macOS CriticalUpdateInstall %s → %s', async (stdout, status) => {
    const cmd = 'defaults read /Library/Preferences/com.apple.SoftwareUpdate CriticalUpdateInstall';
    expect((await checkUpdates(fixture({ os: 'macos', commands: { [cmd]: { stdout } } }).host)).status).toBe(status);
  });

  it('macOS without the key is unknown', async () => {
    expect((await checkUpdates(fixture({ os: 'macos' }).host)).status).toBe('unknown');
  });

  const au = (values: string): FixtureOptions => ({
    os: 'windows',
    commands: { 'reg query HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU': { stdout: `HKEY_LOCAL_MACHINE\\...\\AU\r\n${values}` } },
  });
  it.each([
    [au('    NoAutoUpdate    REG_DWORD    0x1\r\n'), 'fail'],
    [au('    AUOptions    REG_DWORD    0x4\r\n'), 'pass'],
    [{ os: 'windows' as const }, 'unknown'],
  ])('Windows policy %# → %s', async (opts, status) => {
    expect((await checkUpdates(fixture(opts).host)).status).toBe(status);
  });
});
