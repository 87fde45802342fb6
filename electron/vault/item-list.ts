import type { Store } from '../db';
import type { ItemKind } from './types';

// What the assistant needs to recognise an item by name and describe it: titles, addresses and dates (derived
// features only; nothing secret is stored, so nothing secret can come back).

export interface ItemSummary {
  id: string;
  kind: ItemKind;
  title: string;
  urls: string[];
  /** Registrable site (e.g. "spotify.com"), where the item has a URL. */
  site: string | null;
  group: string | null;
  /** When the password last changed (the export's record), else the entry's last modification; null when unknown. */
  passwordChangedMs: number | null;
  hasTotp: boolean;
}

export function listItemSummaries(store: Store): ItemSummary[] {
  const rows = store.db
    .prepare<{ id: string; kind: ItemKind; title: string; urls: string; site: string | null; group_path: string | null; changed: number | null; has_totp: number }>(
      'select id, kind, title, urls, site, group_path, coalesce(password_changed_ms, modified_ms) as changed, has_totp from vault_items order by title, id',
    )
    .all();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    urls: JSON.parse(r.urls) as string[],
    site: r.site,
    group: r.group_path,
    passwordChangedMs: r.changed,
    hasTotp: r.has_totp === 1,
  }));
}
