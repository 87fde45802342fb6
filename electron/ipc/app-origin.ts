// Where the app's own pages live, and the one check for "is this URL ours". Used by the IPC sender check, the
// navigation guard and the web-request filter, so the three can never disagree.

/**
 * The packaged app serves its renderer from a privileged custom scheme (`app://bastion/…`), so `file:` is never
 * trusted; development and the e2e run use a loopback http origin instead.
 */
export type AppOrigin = { scheme: 'app' | 'http' | 'https'; host: string };

export const PACKAGED_ORIGIN: AppOrigin = { scheme: 'app', host: 'bastion' };
export const APP_SCHEME = 'app';

/** Parses "http://127.0.0.1:5173" or "app://bastion" into an AppOrigin; throws on anything else. */
export function parseAppOrigin(origin: string): AppOrigin {
  const u = new URL(origin);
  const scheme = u.protocol.slice(0, -1);
  if (scheme !== 'app' && scheme !== 'http' && scheme !== 'https') throw new Error(`Unsupported app origin scheme: ${scheme}`);
  if (!u.host || u.username || u.password) throw new Error(`Bad app origin: ${origin}`);
  if (scheme === 'http' && !isLoopbackHost(u.hostname)) throw new Error('A plain-http app origin must be loopback (development only).');
  return { scheme, host: u.host.toLowerCase() };
}

export function originString(o: AppOrigin): string {
  return `${o.scheme}://${o.host}`;
}

/**
 * True only when `url` is exactly on the app's origin: same scheme, same host (and port), no credentials. Compares
 * parsed parts, never string prefixes, so `https://app.example.com.attacker.com` and `https://app.example.com@evil`
 * are refused.
 */
export function isAppUrl(url: string, origin: AppOrigin): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== `${origin.scheme}:`) return false;
  if (u.username || u.password) return false;
  return u.host.toLowerCase() === origin.host;
}

function isLoopbackHost(h: string): boolean {
  return h === '127.0.0.1' || h === 'localhost' || h === '[::1]';
}

/** The frame that sent an IPC message, as Electron (or the e2e bridge) describes it. */
export interface IpcSender {
  frameUrl: string;
  isMainFrame: boolean;
}

/** VS Code-style sender validation: only our own top-level frame may talk to main. */
export function isTrustedSender(sender: IpcSender | null | undefined, origin: AppOrigin): boolean {
  if (!sender || typeof sender.frameUrl !== 'string') return false;
  return sender.isMainFrame === true && isAppUrl(sender.frameUrl, origin);
}
