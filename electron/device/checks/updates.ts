import { perOs, result, settingsAction, unknown } from '../check-info';
import type { Host } from '../host';
import { commandTrouble, readText } from '../read';
import type { DeviceCheck } from '../types';
import { parseIni, parseRegQuery } from './parse';

// Check 4: do security updates install automatically, and are any waiting? Local state only, never the network:
// apt (unattended-upgrades + APT::Periodic, pending from `apt-get -s upgrade` over the cached lists), dnf
// (dnf-automatic timers), macOS (SoftwareUpdate preferences), Windows (Windows Update policy).

const ID = 'system_updates';
const SETTINGS = settingsAction(ID);
/** apt-get -s over a full package cache is slow on a busy machine; it is still local work only. */
const APT_SIMULATE_TIMEOUT_MS = 60_000;

export async function checkUpdates(host: Host): Promise<DeviceCheck> {
  return perOs(ID, host, { linux, macos, windows });
}

async function linux(host: Host): Promise<DeviceCheck> {
  if (await exists(host, '/usr/bin/apt-get')) return apt(host);
  if (await exists(host, '/usr/bin/dnf')) return dnf(host);
  return unknown(ID, 'Bastion reads apt (Debian, Ubuntu) and dnf (Fedora, RHEL) update settings; this system uses neither.');
}

async function exists(host: Host, path: string): Promise<boolean> {
  return (await host.fs.lstat(path).catch(() => null)) !== null;
}

/** `apt-config dump` lines: `APT::Periodic::Unattended-Upgrade "1";`. */
export function aptConfigValue(dump: string, key: string): string | null {
  for (const line of dump.split('\n')) {
    const m = /^(\S+)\s+"(.*)";$/.exec(line.trim());
    if (m && m[1] === key) return m[2]!;
  }
  return null;
}

/** Counts `Inst` lines of `apt-get -s upgrade`, and those from a security archive. */
export function countPending(simulation: string): { total: number; security: number } {
  const inst = simulation.split('\n').filter((l) => l.startsWith('Inst '));
  return { total: inst.length, security: inst.filter((l) => /[-/]security\b/i.test(l)).length };
}

async function apt(host: Host): Promise<DeviceCheck> {
  const evidence: string[] = [];
  const pkg = await host.run('dpkg-query', ['-W', '-f=${Status}', 'unattended-upgrades']);
  const installed = pkg.code === 0 && pkg.stdout.trim() === 'install ok installed';
  evidence.push(`unattended-upgrades: ${installed ? 'installed' : 'not installed'}`);
  const dump = await host.run('apt-config', ['dump']);
  const periodic = dump.code === 0 ? aptConfigValue(dump.stdout, 'APT::Periodic::Unattended-Upgrade') : null;
  const enabled = dump.code === 0 ? aptConfigValue(dump.stdout, 'APT::Periodic::Enable') !== '0' : false;
  evidence.push(dump.code === 0 ? `APT::Periodic::Unattended-Upgrade: ${periodic ?? '(unset)'}` : commandTrouble('apt-config dump', dump));
  const automatic = installed && enabled && periodic !== null && periodic !== '0';

  const sim = await host.run('apt-get', ['-s', '-o', 'Debug::NoLocking=1', 'upgrade'], { timeoutMs: APT_SIMULATE_TIMEOUT_MS });
  const pending = sim.code === 0 ? countPending(sim.stdout) : null;
  const lists = await host.fs.lstat('/var/lib/apt/lists').catch(() => null);
  const asOf = lists ? ` (package lists as of ${new Date(lists.mtimeMs).toISOString().slice(0, 10)})` : '';
  evidence.push(pending ? `pending upgrades: ${pending.total}, of them security: ${pending.security}${asOf}` : commandTrouble('apt-get -s upgrade', sim));

  const fix = automatic
    ? 'Install the waiting updates: `sudo apt update && sudo apt upgrade`.'
    : 'Install and turn on automatic security updates: `sudo apt install unattended-upgrades && sudo dpkg-reconfigure -plow unattended-upgrades`.';
  if (!automatic) {
    return result(ID, {
      status: 'fail',
      evidence,
      reason: `Security updates are not installed automatically${pending?.security ? ` and ${pending.security} are waiting` : ''}: known holes stay open until you update by hand.`,
      fix,
      actions: SETTINGS,
    });
  }
  if (pending && pending.security > 0) {
    return result(ID, { status: 'fail', evidence, reason: `${pending.security} security updates are waiting to be installed.`, fix, actions: SETTINGS });
  }
  return result(ID, { status: 'pass', evidence, reason: 'Security updates install automatically (unattended-upgrades).' });
}

async function dnf(host: Host): Promise<DeviceCheck> {
  const evidence: string[] = [];
  let on = false;
  for (const timer of ['dnf-automatic-install.timer', 'dnf5-automatic.timer', 'dnf-automatic.timer']) {
    const r = await host.run('systemctl', ['is-enabled', timer]);
    evidence.push(r.stdout.trim() ? `systemctl is-enabled ${timer}: ${r.stdout.trim()}` : commandTrouble(`systemctl is-enabled ${timer}`, r));
    if (r.stdout.trim() !== 'enabled') continue;
    if (timer === 'dnf-automatic-install.timer') on = true;
    else {
      const conf = await readText(host, timer.startsWith('dnf5') ? '/etc/dnf/dnf5-plugins/automatic.conf' : '/etc/dnf/automatic.conf');
      const apply = conf.ok ? parseIni(conf.text).get('commands')?.get('apply_updates') : undefined;
      evidence.push(`apply_updates: ${apply ?? '(unset)'}`);
      if (apply === 'yes' || apply === 'True' || apply === 'true') on = true;
    }
  }
  if (on) return result(ID, { status: 'pass', evidence, reason: 'dnf-automatic installs updates on a timer. (Pending updates are not read: dnf would refresh its metadata over the network.)' });
  return result(ID, {
    status: 'fail',
    evidence,
    reason: 'Updates are not installed automatically: known holes stay open until you update by hand.',
    fix: 'Install dnf-automatic and enable `dnf-automatic-install.timer` (`sudo dnf install dnf-automatic && sudo systemctl enable --now dnf-automatic-install.timer`).',
    actions: SETTINGS,
  });
}

async function macos(host: Host): Promise<DeviceCheck> {
  const r = await host.run('defaults', ['read', '/Library/Preferences/com.apple.SoftwareUpdate', 'CriticalUpdateInstall']);
  const value = r.code === 0 ? r.stdout.trim() : null;
  const evidence = [value === null ? commandTrouble('defaults read com.apple.SoftwareUpdate CriticalUpdateInstall', r) : `CriticalUpdateInstall: ${value}`];
  if (value === '1') return result(ID, { status: 'pass', evidence, reason: 'Security responses and system files install automatically.' });
  if (value === '0') {
    return result(ID, {
      status: 'fail',
      evidence,
      reason: 'Security responses and system files are not installed automatically.',
      fix: 'Turn on System Settings › General › Software Update › Automatic updates › Install Security Responses and system files.',
      actions: SETTINGS,
    });
  }
  return unknown(ID, 'The automatic security-update setting is not recorded (macOS then uses its default); open Software Update settings to confirm.', evidence);
}

async function windows(host: Host): Promise<DeviceCheck> {
  const key = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU';
  const r = await host.run('reg', ['query', key]);
  const values = r.code === 0 ? parseRegQuery(r.stdout) : new Map<string, string>();
  const evidence = [r.code === 0 ? `${key}: ${[...values].map(([k, v]) => `${k}=${v}`).join(', ') || '(no values)'}` : `${key}: not set`];
  const fix = 'Turn on automatic updates in Settings › Windows Update (and resume them if paused), or ask your administrator about the update policy.';
  if (values.get('NoAutoUpdate') === '1' || values.get('AUOptions') === '2' || values.get('AUOptions') === '3') {
    return result(ID, { status: 'fail', evidence, reason: 'A Windows Update policy stops updates from installing automatically.', fix, actions: SETTINGS });
  }
  if (values.get('AUOptions') === '4') return result(ID, { status: 'pass', evidence, reason: 'A Windows Update policy installs updates automatically.' });
  return unknown(ID, 'No policy changes Windows Update (its default installs updates automatically), but a pause set in Settings is not read here.', evidence, fix);
}
