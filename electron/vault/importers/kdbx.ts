import kdbxweb from 'kdbxweb';
import { BastionError } from '../../core';
import type { ImportedItem, ImportOptions, ImportResult, ItemKind, SkippedEntry } from '../types';
import { installArgon2 } from './argon2';
import { withFastXml } from './fast-xml';
import { readKdbxHeader } from './kdbx-header';
import { kdbxFieldsHaveTotp } from './totp';

type Entry = kdbxweb.KdbxEntry;
type Group = kdbxweb.KdbxGroup;

/**
 * KeePass KDBX 3.1 / 4.x. The KDF cost is checked from the outer header before kdbxweb derives the key.
 *
 * Mapping rules:
 * - group: the path of group names below the root group ("Work/Email"); entries directly in the root → null.
 * - kind: KeePass has no item types. An entry with a card-number field and no password is a `card`; one with no
 *   password, username or URL is a `note`; everything else is a `login`.
 * - passwordChanged: in the entry's history (oldest → newest), the newest state whose password differs from the
 *   current one; the password changed at the modification time of the state after it. If every history state has
 *   the current password, the oldest state's time (the password is at least that old). With no history, the
 *   entry's last modification time (an upper bound: the password can only be older).
 * - Entries in the Recycle Bin are skipped.
 */
export async function readKdbx(bytes: Uint8Array, file: string, opts: ImportOptions): Promise<ImportResult> {
  readKdbxHeader(bytes, file); // throws TOO_LARGE / BAD_FILE before any KDF work
  if (opts.password === undefined && !opts.keyFile) {
    throw new BastionError('BAD_INPUT', `${file} is encrypted: give its master password (--password-env VAR) or a key file.`);
  }
  installArgon2();
  const credentials = new kdbxweb.Credentials(
    opts.password === undefined ? null : kdbxweb.ProtectedValue.fromString(opts.password),
    opts.keyFile ?? null,
  );
  let db: kdbxweb.Kdbx;
  try {
    await credentials.ready;
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    db = await withFastXml(() => kdbxweb.Kdbx.load(ab, credentials));
  } catch (e) {
    throw mapKdbxError(e, file);
  }
  return mapDatabase(db);
}

function mapKdbxError(e: unknown, file: string): BastionError {
  if (e instanceof BastionError) return e;
  const code = e instanceof kdbxweb.KdbxError ? e.code : null;
  switch (code) {
    case kdbxweb.Consts.ErrorCodes.InvalidKey:
      return new BastionError('WRONG_PASSWORD', `Wrong password or key file for ${file}.`, { cause: e });
    case kdbxweb.Consts.ErrorCodes.Unsupported:
      return new BastionError('UNSUPPORTED', `${file} uses a KeePass feature Bastion cannot read (${(e as Error).message}).`, { cause: e });
    default:
      // FileCorrupt, BadSignature, RangeErrors from a truncated stream, XML parse errors…
      return new BastionError('BAD_FILE', `${file} is a truncated or corrupted KeePass file.`, { cause: e });
  }
}

function fieldText(entry: Entry, name: string): string | null {
  const v = entry.fields.get(name);
  if (v === undefined) return null;
  const s = typeof v === 'string' ? v : v.getText();
  const t = s.trim();
  return t === '' ? null : t;
}

/** The raw password (not trimmed: whitespace is part of a password). */
function passwordOf(entry: Entry): string | null {
  const v = entry.fields.get('Password');
  if (v === undefined) return null;
  const s = typeof v === 'string' ? v : v.getText();
  return s === '' ? null : s;
}

const EXTRA_URL = /^(KP2A_URL(_\d+)?|URL_\d+)$/;
const CARD_FIELD = /^(card ?number|cc ?number|credit ?card( number)?)$/i;

function mapDatabase(db: kdbxweb.Kdbx): ImportResult {
  const items: ImportedItem[] = [];
  const skipped: SkippedEntry[] = [];
  const root = db.getDefaultGroup();
  const binUuid = db.meta.recycleBinEnabled !== false ? db.meta.recycleBinUuid : undefined;

  const walk = (group: Group, path: string[], inBin: boolean) => {
    const binHere = inBin || (binUuid !== undefined && !binUuid.empty && group.uuid.equals(binUuid));
    for (const entry of group.entries) {
      if (binHere) {
        skipped.push({ reason: `"${fieldText(entry, 'Title') ?? '(untitled)'}" is in the KeePass Recycle Bin` });
        continue;
      }
      items.push(mapEntry(entry, path.length ? path.join('/') : null));
    }
    for (const child of group.groups) walk(child, [...path, child.name ?? ''], binHere);
  };
  walk(root, [], false);
  return { format: 'kdbx', items, skipped };
}

function mapEntry(entry: Entry, group: string | null): ImportedItem {
  const password = passwordOf(entry);
  const username = fieldText(entry, 'UserName');
  const urls: string[] = [];
  const main = fieldText(entry, 'URL');
  if (main) urls.push(main);
  for (const [name] of entry.fields) {
    if (EXTRA_URL.test(name)) {
      const u = fieldText(entry, name);
      if (u && !urls.includes(u)) urls.push(u);
    }
  }
  let kind: ItemKind = 'login';
  if (!password) {
    const hasCard = [...entry.fields.keys()].some((n) => CARD_FIELD.test(n));
    if (hasCard) kind = 'card';
    else if (!username && urls.length === 0) kind = 'note';
  }
  return {
    externalId: uuidString(entry.uuid),
    kind,
    title: fieldText(entry, 'Title') ?? '',
    username,
    urls,
    group,
    created: entry.times.creationTime ?? null,
    modified: entry.times.lastModTime ?? null,
    passwordChanged: kind === 'login' ? passwordChangedAt(entry, password) : null,
    hasTotp: kdbxFieldsHaveTotp((n) => fieldText(entry, n)),
    password: kind === 'login' ? password : null,
  };
}

function passwordChangedAt(entry: Entry, current: string | null): Date | null {
  const history = entry.history;
  if (history.length === 0) return entry.times.lastModTime ?? null;
  for (let i = history.length - 1; i >= 0; i--) {
    const state = history[i]!;
    if (passwordOf(state) !== current) {
      const next = i + 1 < history.length ? history[i + 1]! : entry;
      return next.times.lastModTime ?? null;
    }
  }
  return history[0]!.times.lastModTime ?? entry.times.creationTime ?? null;
}

/** KeePass UUID (16 bytes) as the canonical 8-4-4-4-12 lowercase form. */
function uuidString(uuid: kdbxweb.KdbxUuid): string {
  const hex = Buffer.from(uuid.toBytes()).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
