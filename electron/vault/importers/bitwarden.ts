import { z } from 'zod';
import { BastionError } from '../../core';
import type { ImportedItem, ImportResult, ItemKind, SkippedEntry } from '../types';
import { clean, toDate } from './text';
import { parseJson, schemaError } from './zod-error';

// Bitwarden unencrypted JSON export (personal: folders; organisation: collections). Group = folder name, else the
// first collection's name. passwordChanged = login.passwordRevisionDate, else the newest passwordHistory
// lastUsedDate (when an old password was retired), else creationDate (Bitwarden leaves the revision date null until
// the password is first changed).

const KIND_BY_TYPE: Record<number, ItemKind> = { 1: 'login', 2: 'note', 3: 'card', 4: 'identity' };
const TYPE_NAMES: Record<number, string> = { 5: 'SSH key' };

const Named = z.object({ id: z.string(), name: z.string().nullish() });
const Item = z.object({
  id: z.string().min(1),
  type: z.number().int(),
  name: z.string().nullish(),
  folderId: z.string().nullish(),
  collectionIds: z.array(z.string()).nullish(),
  revisionDate: z.string().nullish(),
  creationDate: z.string().nullish(),
  deletedDate: z.string().nullish(),
  passwordHistory: z.array(z.object({ lastUsedDate: z.string().nullish() })).nullish(),
  login: z
    .object({
      username: z.string().nullish(),
      password: z.string().nullish(),
      totp: z.string().nullish(),
      passwordRevisionDate: z.string().nullish(),
      uris: z.array(z.object({ uri: z.string().nullish() })).nullish(),
    })
    .nullish(),
});
const Export = z.object({
  encrypted: z.boolean().optional(),
  folders: z.array(Named).nullish(),
  collections: z.array(Named).nullish(),
  items: z.array(z.unknown()),
});

export function readBitwarden(text: string, file: string): ImportResult {
  const json = parseJson(text, file, 'Bitwarden export');
  if (typeof json === 'object' && json !== null && (json as { encrypted?: unknown }).encrypted === true) {
    throw new BastionError(
      'BAD_FILE',
      `${file} is an encrypted Bitwarden export; export again choosing "File format: .json" (not "Encrypted JSON").`,
    );
  }
  const parsed = Export.safeParse(json);
  if (!parsed.success) throw schemaError(file, 'Bitwarden export', parsed.error);
  const folders = new Map((parsed.data.folders ?? []).map((f) => [f.id, clean(f.name)]));
  const collections = new Map((parsed.data.collections ?? []).map((c) => [c.id, clean(c.name)]));

  const items: ImportedItem[] = [];
  const skipped: SkippedEntry[] = [];
  for (const [i, raw] of parsed.data.items.entries()) {
    const r = Item.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0];
      skipped.push({ reason: `item ${i + 1} is malformed (${issue?.path.join('.') || 'item'}: ${issue?.message ?? 'invalid'})` });
      continue;
    }
    const it = r.data;
    const title = clean(it.name) ?? '';
    const kind = KIND_BY_TYPE[it.type];
    if (!kind) {
      skipped.push({ reason: `"${title}" is a Bitwarden ${TYPE_NAMES[it.type] ?? `type ${it.type}`} item, which Bastion does not analyse` });
      continue;
    }
    if (it.deletedDate) {
      skipped.push({ reason: `"${title}" is in the Bitwarden trash` });
      continue;
    }
    const group =
      (it.folderId ? folders.get(it.folderId) : null) ??
      (it.collectionIds?.[0] ? collections.get(it.collectionIds[0]) : null) ??
      null;
    const login = kind === 'login' ? it.login : null;
    const created = toDate(it.creationDate);
    const urls: string[] = [];
    for (const u of login?.uris ?? []) {
      const c = clean(u.uri);
      if (c && !urls.includes(c)) urls.push(c);
    }
    items.push({
      externalId: it.id,
      kind,
      title,
      username: clean(login?.username),
      urls,
      group,
      created,
      modified: toDate(it.revisionDate),
      passwordChanged: kind === 'login' ? (toDate(login?.passwordRevisionDate) ?? newest(it.passwordHistory) ?? created) : null,
      hasTotp: clean(login?.totp) !== null,
      password: login?.password ? login.password : null,
    });
  }
  return { format: 'bitwarden-json', items, skipped };
}

function newest(history: { lastUsedDate?: string | null }[] | null | undefined): Date | null {
  let best: Date | null = null;
  for (const h of history ?? []) {
    const d = toDate(h.lastUsedDate);
    if (d && (!best || d > best)) best = d;
  }
  return best;
}
