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

// Exporters other than Bitwarden write the optional fields loosely (KeePassXC writes `"collectionIds": [null]`), and
// Bitwarden itself imports such files: an optional field of the wrong shape is read as absent, never fatal for the item.
const loose = <T extends z.ZodType>(t: T) => t.nullish().catch(null);

const Named = z.object({ id: z.string(), name: z.string().nullish() });
const Item = z.object({
  id: z.string().min(1),
  type: z.number().int(),
  name: loose(z.string()),
  folderId: loose(z.string()),
  collectionIds: loose(z.array(z.string().nullable())),
  revisionDate: loose(z.string()),
  creationDate: loose(z.string()),
  deletedDate: loose(z.string()),
  passwordHistory: loose(z.array(z.object({ lastUsedDate: loose(z.string()) }))),
  login: loose(
    z.object({
      username: loose(z.string()),
      password: loose(z.string()),
      totp: loose(z.string()),
      passwordRevisionDate: loose(z.string()),
      uris: loose(z.array(z.object({ uri: loose(z.string()) }).catch({ uri: null }))),
    }),
  ),
});
const Export = z.object({
  encrypted: z.boolean().optional(),
  folders: loose(z.array(Named)),
  collections: loose(z.array(Named)),
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
    const collectionId = it.collectionIds?.find((c): c is string => typeof c === 'string');
    const group = (it.folderId ? folders.get(it.folderId) : null) ?? (collectionId ? collections.get(collectionId) : null) ?? null;
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
