import { perOs, result, settingsAction, unknown } from '../check-info';
import type { Host } from '../host';
import { commandTrouble, readText } from '../read';
import type { DeviceCheck } from '../types';
import { parseIni, parseRegQuery } from './parse';

// Check 2: does the screen lock when idle, and how soon? GNOME/Cinnamon (gsettings), KDE (kscreenlockerrc), macOS
// (sysadminctl + the screensaver idle time), Windows (machine inactivity limit, secure screen saver).

const ID = 'screen_lock';
/** Longest acceptable idle time before the lock (CIS benchmarks use 15 minutes). */
export const MAX_LOCK_SECONDS = 900;
const SETTINGS = settingsAction(ID);

export async function checkScreenLock(host: Host): Promise<DeviceCheck> {
  return perOs(ID, host, { linux, macos, windows });
}

function verdict(lockOn: boolean, seconds: number | null, evidence: string[], fix: string): DeviceCheck {
  if (!lockOn || seconds === 0) {
    return result(ID, {
      status: 'fail',
      evidence,
      reason: !lockOn ? 'The screen never locks on its own: anyone passing by an unattended computer can use it.' : 'The screen never goes idle, so it never locks on its own.',
      fix,
      actions: SETTINGS,
    });
  }
  if (seconds !== null && seconds > MAX_LOCK_SECONDS) {
    return result(ID, {
      status: 'fail',
      evidence,
      reason: `The screen locks only after ${Math.round(seconds / 60)} minutes idle; 15 minutes or less (5 is better) keeps an unattended computer safe.`,
      fix,
      actions: SETTINGS,
    });
  }
  return result(ID, { status: 'pass', evidence, reason: seconds === null ? 'The screen locks when idle.' : `The screen locks after ${Math.round(seconds / 60)} minutes idle.` });
}

async function linux(host: Host): Promise<DeviceCheck> {
  const desktop = (host.env.XDG_CURRENT_DESKTOP ?? host.env.DESKTOP_SESSION ?? '').toLowerCase();
  const evidence = [`XDG_CURRENT_DESKTOP=${host.env.XDG_CURRENT_DESKTOP ?? '(unset)'}`];
  if (!desktop) {
    return unknown(ID, 'No desktop session is visible (XDG_CURRENT_DESKTOP is unset: a server, SSH or a container); run Bastion from your desktop to check the screen lock.', evidence);
  }
  const parts = desktop.split(':');
  if (parts.includes('kde')) return kde(host, evidence);
  if (parts.includes('x-cinnamon') || parts.includes('cinnamon')) return gsettings(host, 'org.cinnamon.desktop', evidence);
  if (parts.some((p) => ['gnome', 'unity', 'ubuntu', 'budgie'].includes(p))) return gsettings(host, 'org.gnome.desktop', evidence);
  return unknown(ID, `Bastion does not read the screen-lock settings of this desktop (${desktop}) yet: GNOME, Cinnamon and KDE are supported.`, evidence);
}

async function gsettings(host: Host, base: string, evidence: string[]): Promise<DeviceCheck> {
  const get = async (schema: string, key: string): Promise<string | null> => {
    const r = await host.run('gsettings', ['get', schema, key]);
    const line = `gsettings get ${schema} ${key}`;
    if (r.code !== 0) {
      evidence.push(commandTrouble(line, r));
      return null;
    }
    evidence.push(`${line}: ${r.stdout.trim()}`);
    return r.stdout.trim();
  };
  const enabled = await get(`${base}.screensaver`, 'lock-enabled');
  const idle = await get(`${base}.session`, 'idle-delay');
  const grace = await get(`${base}.screensaver`, 'lock-delay');
  const idleSeconds = uint(idle);
  if (enabled === null || (enabled !== 'false' && idleSeconds === null)) return unknown(ID, 'Cannot read the desktop’s screen-lock settings with gsettings.', evidence);
  const total = idleSeconds === null || idleSeconds === 0 ? idleSeconds : idleSeconds + (uint(grace) ?? 0);
  return verdict(enabled === 'true', total, evidence, 'Turn on Settings › Privacy › Screen Lock › Automatic Screen Lock, with a blank-screen delay of 5 minutes.');
}

function uint(v: string | null): number | null {
  const m = v ? /^(?:uint32 )?(\d+)$/.exec(v) : null;
  return m ? Number(m[1]) : null;
}

async function kde(host: Host, evidence: string[]): Promise<DeviceCheck> {
  const dir = host.env.XDG_CONFIG_HOME ?? `${host.home}/.config`;
  const file = `${dir}/kscreenlockerrc`;
  const r = await readText(host, file);
  if (!r.ok && r.why !== 'absent') return unknown(ID, `Cannot read KDE's screen-locker settings: ${r.detail}.`, evidence);
  // KDE writes only what differs from its defaults: automatic lock on, after 5 minutes.
  const daemon = r.ok ? (parseIni(r.text).get('Daemon') ?? new Map<string, string>()) : new Map<string, string>();
  const autolock = daemon.get('Autolock') !== 'false';
  const minutes = Number(daemon.get('Timeout') ?? '5');
  evidence.push(r.ok ? `${file}: Autolock=${daemon.get('Autolock') ?? '(default true)'}, Timeout=${daemon.get('Timeout') ?? '(default 5)'}` : `${file}: absent (KDE defaults: lock after 5 minutes)`);
  if (!Number.isFinite(minutes)) return unknown(ID, `KDE's lock timeout in ${file} is not a number.`, evidence);
  return verdict(autolock, minutes * 60, evidence, 'Turn on System Settings › Screen Locking › Lock screen automatically, after 5 minutes.');
}

async function macos(host: Host): Promise<DeviceCheck> {
  const r = await host.run('sysadminctl', ['-screenLock', 'status']);
  const out = `${r.stdout}\n${r.stderr}`; // sysadminctl logs its answer on stderr
  const evidence: string[] = [];
  const delay = /screenLock delay is (\d+) seconds/.exec(out);
  const off = /screenLock is off/.test(out);
  const immediate = /screenLock is immediate/.test(out);
  if (!delay && !off && !immediate) return unknown(ID, 'Cannot read the screen-lock setting.', [commandTrouble('sysadminctl -screenLock status', r)]);
  evidence.push(`sysadminctl -screenLock status: ${off ? 'off' : immediate ? 'immediate' : `delay ${delay?.[1]} s`}`);
  const fix = 'In System Settings › Lock Screen, set "Require password after screen saver begins or display is turned off" to immediately, and start the screen saver after 5 minutes.';
  if (off) return verdict(false, null, evidence, fix);
  const idle = await host.run('defaults', ['-currentHost', 'read', 'com.apple.screensaver', 'idleTime']);
  const idleSeconds = idle.code === 0 && /^\d+$/.test(idle.stdout.trim()) ? Number(idle.stdout.trim()) : null;
  evidence.push(idleSeconds === null ? commandTrouble('defaults -currentHost read com.apple.screensaver idleTime', idle) : `screen saver starts after ${idleSeconds} s`);
  if (idleSeconds === null || idleSeconds === 0) {
    return unknown(ID, 'A password is required after the screen saver, but the screen saver does not start on its own; whether the display sleeps (pmset) is not read.', evidence);
  }
  return verdict(true, idleSeconds + Number(delay?.[1] ?? 0), evidence, fix);
}

async function windows(host: Host): Promise<DeviceCheck> {
  const evidence: string[] = [];
  const query = async (key: string): Promise<Map<string, string>> => {
    const r = await host.run('reg', ['query', key]);
    if (r.code !== 0) return new Map();
    const values = parseRegQuery(r.stdout);
    evidence.push(`${key}: ${[...values].map(([k, v]) => `${k}=${v}`).join(', ') || '(no values)'}`);
    return values;
  };
  const system = await query('HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System');
  const limit = Number(system.get('InactivityTimeoutSecs') ?? 'NaN');
  const fix = 'Settings › Accounts › Sign-in options: require sign-in after sleep; and a screen saver that locks ("On resume, display logon screen") after 5 minutes.';
  if (limit > 0) return verdict(true, limit, evidence, fix);
  const user = await query('HKCU\\Control Panel\\Desktop');
  const policy = await query('HKCU\\Software\\Policies\\Microsoft\\Windows\\Control Panel\\Desktop');
  const get = (k: string): string | undefined => policy.get(k) ?? user.get(k);
  const active = get('ScreenSaveActive') === '1';
  const secure = get('ScreenSaverIsSecure') === '1';
  const timeout = Number(get('ScreenSaveTimeOut') ?? 'NaN');
  if (active && secure && timeout > 0) return verdict(true, timeout, evidence, fix);
  return unknown(ID, 'No inactivity limit and no locking screen saver is set; Windows may still lock when the display turns off or the PC sleeps (power settings are not read).', evidence, fix);
}
