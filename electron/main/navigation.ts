import { isAppUrl, type AppOrigin } from '../ipc/app-origin';

// Pure decisions behind will-navigate, will-redirect, setWindowOpenHandler and will-attach-webview.

export type NavigationDecision = { allow: true } | { allow: false; reason: string };

/** A window may only (re)load a page of the app itself; everything else (other sites, javascript:, file:) is refused. */
export function decideNavigation(url: string, origin: AppOrigin): NavigationDecision {
  if (isAppUrl(url, origin)) return { allow: true };
  let scheme = 'unparseable';
  try {
    scheme = new URL(url).protocol;
  } catch {
    /* keep 'unparseable' */
  }
  return { allow: false, reason: `navigation to a ${scheme} URL outside the app is blocked` };
}

/** window.open and target=_blank never create a window; links to the web go through the permission layer instead. */
export function windowOpenHandler(): { action: 'deny' } {
  return { action: 'deny' };
}
