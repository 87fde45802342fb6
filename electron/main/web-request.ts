import { isAppUrl, type AppOrigin } from '../ipc/app-origin';

// The session-wide request filter: the renderer may load only the app's own origin. Every other request is
// cancelled and reported to the egress log, so "zero egress" is enforced, not just promised.

export type RequestDecision = { cancel: false } | { cancel: true; reason: string };

const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'devtools:']);

export function decideRequest(url: string, origin: AppOrigin): RequestDecision {
  if (isAppUrl(url, origin)) return { cancel: false };
  let scheme = '';
  try {
    scheme = new URL(url).protocol;
  } catch {
    return { cancel: true, reason: 'unparseable URL' };
  }
  if (LOCAL_SCHEMES.has(scheme)) return { cancel: false };
  // Development only: Vite's HMR websocket on the same loopback host.
  if (origin.scheme === 'http' && scheme === 'ws:' && new URL(url).host === origin.host) return { cancel: false };
  return { cancel: true, reason: 'outside the app origin (zero-egress policy)' };
}
