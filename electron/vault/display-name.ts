import { hostOf } from './analysis/site';
import type { ItemKind } from './types';

/**
 * The name an item is shown by: its title, else the host of its first URL, else the URL text as written (a CSV "url"
 * column may hold "My router" or an app id), else the username, else "Untitled <kind>". Never empty, so a finding
 * always names what it is about.
 */
export function displayName(it: { title: string; urls: readonly string[]; username: string | null; kind: ItemKind }): string {
  const title = it.title.trim();
  if (title) return title;
  for (const u of it.urls) {
    const host = hostOf(u);
    if (host) return host;
  }
  const text = it.urls.map((u) => u.trim()).find(Boolean);
  if (text) return text.length > 80 ? `${text.slice(0, 79)}…` : text;
  if (it.username?.trim()) return it.username.trim();
  return `Untitled ${it.kind}`;
}
