import { z } from 'zod';
import { BastionError } from '../../core';
import type { ImportedItem, ImportResult, ItemKind, SkippedEntry } from '../types';
import { identityHash, uniquify } from './ids';
import { clean, decodeUtf8, toDate } from './text';
import { extractZipEntry, listZip } from './zip';
import { parseJson, schemaError } from './zod-error';

// 1Password .1pux: a zip holding export.data (JSON: accounts → vaults → items). Group = the vault's name.
// passwordChanged = the newest details.passwordHistory time (the current password replaced that one then),
// else createdAt (no history: the password is as old as the item). Archived and trashed items (`state` "archived",
// "deleted" or "trashed", or the 1PIF-style `"trashed": true`) are skipped with a reason.

const Field = z.object({
  designation: z.string().optional(),
  value: z.unknown().optional(),
});
const SectionField = z.object({ value: z.record(z.string(), z.unknown()).nullish() });
const Item = z.object({
  // Optional: 1Password and other importers accept an item without one (an id is derived from its identity).
  uuid: z.string().min(1).nullish().catch(null),
  trashed: z.boolean().nullish().catch(null),
  createdAt: z.number().nullish(),
  updatedAt: z.number().nullish(),
  state: z.string().nullish(),
  categoryUuid: z.string(),
  details: z
    .object({
      loginFields: z.array(Field).nullish(),
      password: z.string().nullish(),
      sections: z.array(z.object({ fields: z.array(SectionField).nullish() })).nullish(),
      passwordHistory: z.array(z.object({ time: z.number().nullish() })).nullish(),
    })
    .nullish(),
  overview: z
    .object({
      title: z.string().nullish(),
      url: z.string().nullish(),
      urls: z.array(z.object({ url: z.string().nullish() })).nullish(),
    })
    .nullish(),
});
const ExportData = z.object({
  accounts: z.array(
    z.object({
      vaults: z.array(z.object({ attrs: z.object({ name: z.string().nullish() }).nullish(), items: z.array(z.unknown()) })),
    }),
  ),
});

const KIND_BY_CATEGORY: Record<string, ItemKind> = {
  '001': 'login',
  '002': 'card',
  '003': 'note',
  '004': 'identity',
  '005': 'login', // "Password": a login without URL or username
};

export function readOnePux(bytes: Uint8Array, file: string): ImportResult {
  const entries = listZip(bytes, file);
  const dataEntry = entries.find((e) => e.name === 'export.data');
  if (!dataEntry) throw new BastionError('BAD_FILE', `${file} is a zip archive but not a 1Password .1pux export (no export.data).`);
  const text = decodeUtf8(extractZipEntry(bytes, dataEntry, file), file);
  const parsed = ExportData.safeParse(parseJson(text, file, '1Password export'));
  if (!parsed.success) throw schemaError(file, '1Password export', parsed.error);

  const items: ImportedItem[] = [];
  const skipped: SkippedEntry[] = [];
  for (const account of parsed.data.accounts) {
    for (const vault of account.vaults) {
      const group = clean(vault.attrs?.name);
      for (const [i, raw] of vault.items.entries()) {
        const r = Item.safeParse(raw);
        if (!r.success) {
          skipped.push({ reason: `item ${i + 1} of vault "${group ?? '?'}" is malformed (${r.error.issues[0]?.path.join('.') ?? ''})` });
          continue;
        }
        const it = r.data;
        const title = clean(it.overview?.title) ?? '';
        const state = it.trashed === true ? 'trashed' : it.state;
        if (state === 'archived' || state === 'deleted' || state === 'trashed') {
          skipped.push({ reason: `"${title}" is ${state === 'deleted' ? 'deleted' : state === 'trashed' ? 'in the trash' : 'archived'} in 1Password` });
          continue;
        }
        items.push(mapItem(it, group));
      }
    }
  }
  const ids = uniquify(items.map((i) => i.externalId));
  return { format: '1pux', items: items.map((it, i) => ({ ...it, externalId: ids[i]! })), skipped };
}

function mapItem(it: z.infer<typeof Item>, group: string | null): ImportedItem {
  const kind: ItemKind = KIND_BY_CATEGORY[it.categoryUuid] ?? 'note';
  const login = kind === 'login';
  const fields = it.details?.loginFields ?? [];
  const byDesignation = (d: string) => {
    const f = fields.find((x) => x.designation === d);
    return typeof f?.value === 'string' ? f.value : null;
  };
  const password = login ? (byDesignation('password') ?? it.details?.password ?? null) : null;
  const urls: string[] = [];
  for (const u of [it.overview?.url, ...(it.overview?.urls ?? []).map((x) => x.url)]) {
    const c = clean(u);
    if (c && !urls.includes(c)) urls.push(c);
  }
  const hasTotp = (it.details?.sections ?? []).some((s) =>
    (s.fields ?? []).some((f) => typeof f.value?.['totp'] === 'string' && (f.value['totp'] as string).trim() !== ''),
  );
  const created = toDate(it.createdAt, 's');
  const historyTimes = (it.details?.passwordHistory ?? []).map((h) => h.time ?? 0).filter((t) => t > 0);
  const passwordChanged = !login ? null : historyTimes.length ? toDate(Math.max(...historyTimes), 's') : created;
  const username = login ? clean(byDesignation('username')) : null;
  const title = clean(it.overview?.title) ?? '';
  return {
    externalId: it.uuid ?? identityHash('1pux', [group, title, urls[0] ?? null, username]),
    kind,
    title,
    username,
    urls,
    group,
    created,
    modified: toDate(it.updatedAt, 's'),
    passwordChanged,
    hasTotp,
    password: password === '' ? null : password,
  };
}
