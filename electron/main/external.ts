// The OpenExternal port handed to the permission layer: the only route from Bastion to the user's browser.
// Only https URLs with a real host and no credentials are opened; everything else is refused with a reason.

export type UrlCheck = { ok: true; url: string } | { ok: false; reason: string };

export function checkExternalUrl(raw: string): UrlCheck {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (u.protocol !== 'https:') return { ok: false, reason: `only https links are opened (got ${u.protocol})` };
  if (u.username || u.password) return { ok: false, reason: 'links carrying credentials are not opened' };
  if (!u.hostname || !u.hostname.includes('.')) return { ok: false, reason: 'the link has no public host name' };
  return { ok: true, url: u.toString() };
}

export class ExternalUrlRefused extends Error {
  override readonly name = 'ExternalUrlRefused';
}

/** Wraps Electron's shell.openExternal; only the permission layer's executor receives the result. */
export function createOpenExternalPort(open: (url: string) => Promise<void>): (url: string) => Promise<void> {
  return async (url) => {
    const check = checkExternalUrl(url);
    if (!check.ok) throw new ExternalUrlRefused(`Refused to open ${JSON.stringify(url.slice(0, 200))}: ${check.reason}.`);
    await open(check.url);
  };
}
