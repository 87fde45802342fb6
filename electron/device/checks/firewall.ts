import { perOs, result, settingsAction, unknown } from '../check-info';
import type { Host } from '../host';
import { commandTrouble, readText } from '../read';
import type { DeviceCheck } from '../types';
import { parseAssignments } from './parse';

// Check 3: is a firewall on? Linux: ufw's config + service, firewalld, nftables (service + /etc/nftables.conf); the
// live ruleset needs root, so what cannot be told from these is unknown. macOS: the application firewall's global
// state. Windows: every profile of Windows Defender Firewall.

const ID = 'firewall';
const SETTINGS = settingsAction(ID);

export async function checkFirewall(host: Host): Promise<DeviceCheck> {
  return perOs(ID, host, { linux, macos, windows });
}

type ServiceState = 'active' | 'inactive' | 'no-systemd';

/** `systemctl is-active` prints a state word even when it exits non-zero; no word means no systemd to ask. */
export async function serviceState(host: Host, unit: string, evidence: string[]): Promise<ServiceState> {
  const r = await host.run('systemctl', ['is-active', unit]);
  const word = r.stdout.trim().split('\n')[0] ?? '';
  if (/^(active|inactive|failed|unknown|activating|deactivating|reloading)$/.test(word)) {
    evidence.push(`systemctl is-active ${unit}: ${word}`);
    return word === 'active' ? 'active' : 'inactive';
  }
  evidence.push(commandTrouble(`systemctl is-active ${unit}`, r));
  return 'no-systemd';
}

/** Whether /etc/nftables.conf gives an input chain a drop policy (the rules themselves are not judged). */
export function nftDropsInput(conf: string): boolean {
  return /hook\s+input\b[^;}]*;\s*policy\s+drop\s*;/.test(conf.replace(/#.*$/gm, ''));
}

async function linux(host: Host): Promise<DeviceCheck> {
  const evidence: string[] = [];
  const ufwConf = await readText(host, '/etc/ufw/ufw.conf');
  const ufwEnabled = ufwConf.ok ? parseAssignments(ufwConf.text).get('ENABLED') === 'yes' : null;
  evidence.push(ufwConf.ok ? `/etc/ufw/ufw.conf: ENABLED=${ufwEnabled ? 'yes' : 'no'}` : `ufw: ${ufwConf.detail}`);
  const ufw = ufwConf.ok ? await serviceState(host, 'ufw', evidence) : 'inactive';
  const firewalld = await serviceState(host, 'firewalld', evidence);
  const nftables = await serviceState(host, 'nftables', evidence);
  if (ufwEnabled && ufw === 'active') return pass(evidence, 'ufw is enabled and running.');
  if (firewalld === 'active') return pass(evidence, 'firewalld is running.');
  if (nftables === 'active') {
    const conf = await readText(host, '/etc/nftables.conf');
    if (conf.ok && nftDropsInput(conf.text)) return pass([...evidence, '/etc/nftables.conf: input chain policy drop'], 'nftables is running with a ruleset that drops unexpected incoming traffic.');
    return unknown(ID, 'nftables is running, but its configuration does not drop incoming traffic by default; the live ruleset can only be read with root (`sudo nft list ruleset`).', evidence);
  }
  if ([ufw, firewalld, nftables].includes('no-systemd')) {
    return unknown(
      ID,
      ufwEnabled
        ? 'ufw is enabled in its configuration, but whether it is running cannot be read here (no systemd); `sudo ufw status` would tell.'
        : 'No systemd to ask which firewall service runs (a container?); the live ruleset can only be read with root (`sudo nft list ruleset`).',
      evidence,
    );
  }
  const firewalldInstalled = (await host.fs.lstat('/etc/firewalld').catch(() => null)) !== null;
  if (ufwConf.ok || firewalldInstalled) {
    return result(ID, {
      status: 'fail',
      evidence,
      reason: `${ufwConf.ok ? 'ufw' : 'firewalld'} is installed but not running, and no other firewall service is active: any service listening on this computer is reachable from the network.`,
      fix: ufwConf.ok ? 'Run `sudo ufw enable` (it allows outgoing and blocks unsolicited incoming traffic).' : 'Run `sudo systemctl enable --now firewalld`.',
      actions: SETTINGS,
    });
  }
  return unknown(ID, 'No firewall service (ufw, firewalld, nftables) is installed or running; rules set another way can only be read with root (`sudo nft list ruleset`).', evidence, 'Install and enable one: `sudo apt install ufw && sudo ufw enable`.');
}

function pass(evidence: string[], reason: string): DeviceCheck {
  return result(ID, { status: 'pass', evidence, reason });
}

async function macos(host: Host): Promise<DeviceCheck> {
  const cmd = '/usr/libexec/ApplicationFirewall/socketfilterfw';
  const r = await host.run(cmd, ['--getglobalstate']);
  const state = /State = (\d)/.exec(r.stdout)?.[1];
  if (r.code !== 0 || state === undefined) return unknown(ID, 'Cannot read the application firewall state.', [commandTrouble(`${cmd} --getglobalstate`, r)]);
  const evidence = [`socketfilterfw --getglobalstate: ${r.stdout.trim()}`];
  if (state !== '0') return pass(evidence, 'The macOS application firewall is on.');
  return result(ID, {
    status: 'fail',
    evidence,
    reason: 'The macOS firewall is off: apps listening on this Mac accept connections from any network you join.',
    fix: 'Turn on System Settings › Network › Firewall.',
    actions: SETTINGS,
  });
}

/** `netsh advfirewall show allprofiles state`: profile name → ON/OFF. */
export function parseNetshProfiles(text: string): Map<string, string> {
  const profiles = new Map<string, string>();
  let current: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    const head = /^(\w+) Profile Settings:/.exec(line.trim());
    if (head) current = head[1]!;
    const state = /^State\s+(ON|OFF)\b/i.exec(line.trim());
    if (state && current) profiles.set(current, state[1]!.toUpperCase());
  }
  return profiles;
}

async function windows(host: Host): Promise<DeviceCheck> {
  const r = await host.run('netsh', ['advfirewall', 'show', 'allprofiles', 'state']);
  const profiles = parseNetshProfiles(r.stdout);
  if (r.code !== 0 || profiles.size === 0) return unknown(ID, 'Cannot read the Windows Defender Firewall profiles.', [commandTrouble('netsh advfirewall show allprofiles state', r)]);
  const evidence = [...profiles].map(([p, s]) => `${p} profile: ${s}`);
  const off = [...profiles].filter(([, s]) => s === 'OFF').map(([p]) => p);
  if (off.length === 0) return pass(evidence, 'Windows Defender Firewall is on for every network profile.');
  return result(ID, {
    status: 'fail',
    evidence,
    reason: `Windows Defender Firewall is off for the ${off.join(', ')} profile${off.length > 1 ? 's' : ''}: apps listening on this PC are reachable on those networks.`,
    fix: 'Turn the firewall on for every profile in Windows Security › Firewall & network protection.',
    actions: SETTINGS,
  });
}
