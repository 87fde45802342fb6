// Host and registrable-domain helpers for the URL-based checks. A small built-in list of multi-label public suffixes
// covers the common country second levels; the 2FA list is matched on the domain and all its subdomains.

const MULTI_LABEL_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'me.uk', 'ltd.uk', 'plc.uk', 'net.uk',
  'com.au', 'net.au', 'org.au', 'edu.au', 'gov.au', 'co.nz', 'org.nz', 'net.nz',
  'co.jp', 'ne.jp', 'or.jp', 'ac.jp', 'co.kr', 'or.kr', 'com.cn', 'net.cn', 'org.cn', 'com.hk', 'com.tw', 'com.sg',
  'com.my', 'co.id', 'co.th', 'com.ph', 'com.vn', 'co.in', 'net.in', 'org.in', 'com.pk',
  'com.br', 'net.br', 'org.br', 'com.mx', 'com.ar', 'com.co', 'com.pe', 'com.uy', 'com.ve', 'cl.cl',
  'co.za', 'org.za', 'com.ng', 'co.ke', 'com.eg', 'com.tr', 'com.sa', 'co.il', 'org.il', 'com.ua', 'com.pl',
  'github.io', 'gitlab.io', 'herokuapp.com', 'blogspot.com', 'netlify.app', 'vercel.app', 'pages.dev', 'web.app',
  'firebaseapp.com', 'azurewebsites.net', 'cloudfront.net', 'appspot.com',
]);

/** The lower-cased host of a URL as users write them (a bare "example.com/login" counts), or null. */
export function hostOf(url: string): string | null {
  const trimmed = url.trim();
  if (!trimmed) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let host: string;
  try {
    host = new URL(withScheme).hostname.toLowerCase();
  } catch {
    return null;
  }
  host = host.replace(/\.$/, '');
  return host && host.includes('.') ? host : host === 'localhost' ? host : null;
}

function isIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
}

/** "accounts.google.co.uk" → "google.co.uk"; IPs and single labels are returned as they are. */
export function registrableDomain(host: string): string {
  if (isIp(host)) return host;
  const labels = host.split('.');
  if (labels.length <= 2) return host;
  const lastTwo = labels.slice(-2).join('.');
  const take = MULTI_LABEL_SUFFIXES.has(lastTwo) ? 3 : 2;
  return labels.slice(-take).join('.');
}

/** The site an item is for: the registrable domain of its first URL with a host. */
export function siteOf(urls: readonly string[]): string | null {
  for (const u of urls) {
    const h = hostOf(u);
    if (h) return registrableDomain(h);
  }
  return null;
}

/** Loopback and `.localhost` hosts: plain http there never crosses a network. */
export function isLocalHost(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127(\.\d{1,3}){3}$/.test(host) ||
    host === '[::1]' ||
    host === '0.0.0.0'
  );
}

/** The first http:// URL of an item whose host is not local, or null. */
export function insecureUrl(urls: readonly string[]): string | null {
  for (const u of urls) {
    const t = u.trim();
    if (!/^http:\/\//i.test(t)) continue;
    const h = hostOf(t);
    if (h && !isLocalHost(h)) return t;
  }
  return null;
}

/** Whether `host` is `domain` or one of its subdomains. */
export function hostMatches(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}
