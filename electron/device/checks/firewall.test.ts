import { afterEach, describe, expect, it } from 'vitest';
import { makeFixture, type Fixture, type FixtureOptions } from '../testing';
import { checkFirewall, nftDropsInput, parseNetshProfiles } from './firewall';

let fx: Fixture | null = null;
afterEach(() => fx?.cleanup());
const fixture = (o: FixtureOptions = {}): Fixture => (fx = makeFixture(o));

const NO_SYSTEMD = { code: 1, stderr: 'System has not been booted with systemd as init system (PID 1). Can\'t operate.\n' };
function services(ufw: string, firewalld: string, nftables: string): FixtureOptions['commands'] {
  const state = (s: string) => (s === 'none' ? NO_SYSTEMD : { code: s === 'active' ? 0 : 3, stdout: `${s}\n` });
  return { 'systemctl is-active ufw': state(ufw), 'systemctl is-active firewalld': state(firewalld), 'systemctl is-active nftables': state(nftables) };
}

const NFT_DROP = `#!/usr/sbin/nft -f
flush ruleset
table inet filter {
  chain input {
    type filter hook input priority filter; policy drop;
    ct state established,related accept
  }
}
`;
const NFT_DEBIAN_DEFAULT = `table inet filter {
  chain input {
    type filter hook input priority filter;
  }
}
`;

describe('firewall on Linux', () => {
  it('passes when ufw is enabled in its config and its service is active', async () => {
    const f = fixture({ commands: services('active', 'inactive', 'inactive') });
    f.write('/etc/ufw/ufw.conf', '# comment\nENABLED=yes\nLOGLEVEL=low\n');
    const r = await checkFirewall(f.host);
    expect(r.status).toBe('pass');
    expect(r.evidence).toContain('/etc/ufw/ufw.conf: ENABLED=yes');
  });

  it('fails when ufw is installed but disabled and nothing else runs', async () => {
    const f = fixture({ commands: services('inactive', 'inactive', 'inactive') });
    f.write('/etc/ufw/ufw.conf', 'ENABLED=no\n');
    const r = await checkFirewall(f.host);
    expect(r.status).toBe('fail');
    expect(r.fix).toMatch(/sudo ufw enable/);
  });

  it('passes for firewalld, and for nftables whose config drops input by default', async () => {
    expect((await checkFirewall(fixture({ commands: services('inactive', 'active', 'inactive') }).host)).status).toBe('pass');
    fx?.cleanup();
    const f = fixture({ commands: services('inactive', 'inactive', 'active') });
    f.write('/etc/nftables.conf', NFT_DROP);
    expect((await checkFirewall(f.host)).status).toBe('pass');
    f.write('/etc/nftables.conf', NFT_DEBIAN_DEFAULT);
    expect((await checkFirewall(f.host)).status).toBe('unknown');
  });

  it('is unknown without systemd, even when ufw.conf says enabled', async () => {
    const f = fixture({ commands: services('none', 'none', 'none') });
    expect((await checkFirewall(f.host)).status).toBe('unknown');
    f.write('/etc/ufw/ufw.conf', 'ENABLED=yes\n');
    const r = await checkFirewall(f.host);
    expect(r.status).toBe('unknown');
    expect(r.reason).toMatch(/ufw is enabled in its configuration/);
  });

  it('is unknown when no firewall frontend is installed at all (rules may be set another way)', async () => {
    expect((await checkFirewall(fixture({ commands: services('inactive', 'inactive', 'inactive') }).host)).status).toBe('unknown');
  });

  it('reads a drop policy only from an input hook, ignoring comments', () => {
    expect(nftDropsInput(NFT_DROP)).toBe(true);
    expect(nftDropsInput(NFT_DEBIAN_DEFAULT)).toBe(false);
    expect(nftDropsInput('chain output { type filter hook output priority 0; policy drop; }')).toBe(false);
    expect(nftDropsInput('chain input { type filter hook input priority 0; # policy drop;\n }')).toBe(false);
  });
});

describe('firewall on macOS and Windows (parsing fixture outputs)', () => {
  const cmd = '/usr/libexec/ApplicationFirewall/socketfilterfw --getglobalstate';
  it.each([
    ['Firewall is enabled. (State = 1)', 'pass'],
    ['Firewall is blocking all non-essential incoming connections. (State = 2)', 'pass'],
    ['Firewall is disabled. (State = 0)', 'fail'],
    ['', 'unknown'],
  ])('socketfilterfw %j → %s', async (stdout, status) => {
    expect((await checkFirewall(fixture({ os: 'macos', commands: { [cmd]: { stdout } } }).host)).status).toBe(status);
  });

  const netsh = (d: string, p: string, u: string): string =>
    `\r\nDomain Profile Settings:\r\n----------------------------------------------------------------------\r\nState                                 ${d}\r\n\r\nPrivate Profile Settings:\r\n----------------------------------------------------------------------\r\nState                                 ${p}\r\n\r\nPublic Profile Settings:\r\n----------------------------------------------------------------------\r\nState                                 ${u}\r\nOk.\r\n`;

  it('parses every profile', () => {
    expect(Object.fromEntries(parseNetshProfiles(netsh('ON', 'OFF', 'ON')))).toEqual({ Domain: 'ON', Private: 'OFF', Public: 'ON' });
  });

  it.each([
    [netsh('ON', 'ON', 'ON'), 'pass'],
    [netsh('ON', 'ON', 'OFF'), 'fail'],
    ['Le pare-feu…', 'unknown'],
  ])('netsh %# → %s', async (stdout, status) => {
    const r = await checkFirewall(fixture({ os: 'windows', commands: { 'netsh advfirewall show allprofiles state': { stdout } } }).host);
    expect(r.status).toBe(status);
    if (status === 'fail') expect(r.reason).toMatch(/Public/);
  });
});
