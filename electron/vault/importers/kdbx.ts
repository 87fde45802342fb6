import kdbxweb from 'kdbxweb';
import { BastionError } from '../../core';
import type { ImportedItem, ImportOptions, ImportResult, ItemKind, SkippedEntry } from '../types';
import { readKdbxHeader } from './kdbx-header';
import { openKdbx } from './kdbx-open';
import { RefError, RefResolver } from './kdbx-refs';
import { LIMITS } from './limits';
import { kdbxFieldsHaveTotp } from './totp';

type Entry = kdbxweb.KdbxEntry;
type Group = kdbxweb.KdbxGroup;

/**
 * KeePass KDBX 3.1 / 4.x. The KDF cost and cipher are checked from the outer header before kdbxweb derives the key.
 *
 * Mapping rules:
 * - group: the path of group names below the root group ("Work/Email"); entries directly in the root → null.
 * - kind: KeePass has no item types. An entry with a card-number field and no password is a `card`; one with no
 *   password, username or URL is a `note`; everything else is a `login`.
 * - passwordChanged: in the entry's history (oldest → newest), the newest state whose password differs from the
 *   current one; the password changed at the modification time of the state after it. If every history state has
 *   the current password, the oldest state's time (the password is at least that old). With no history, the
 *   entry's last modification time (an upper bound: the password can only be older).
 * - Field references ({REF:P@I:…}) are resolved as KeePass does before anything is derived (kdbx-refs); an entry whose
 *   references loop or nest too deep is skipped with a reason.
 * - Entries in the Recycle Bin and in the entry-templates group (Meta/EntryTemplatesGroup) are skipped with a reason.
 * - KeePassXC's per-entry "exclude from reports" is carried as `excludeFromReports`.
 */
export async function readKdbx(bytes: Uint8Array, file: string, opts: ImportOptions): Promise<ImportResult> {
  const header = readKdbxHeader(bytes, file); // throws TOO_LARGE / BAD_FILE / UNSUPPORTED before any KDF work
  if (opts.password === undefined && !opts.keyFile) {
    throw new BastionError('BAD_INPUT', `${file} is encrypted: give its master password (--password-env VAR) or a key file.`);
  }
  return mapDatabase(await openKdbx(bytes, file, header, opts));
}

/** A field's value, KeePass field references resolved (see kdbx-refs). */
type Read = (entry: Entry, name: string) => string | null;

function rawText(entry: Entry, name: string): string | null {
  const v = entry.fields.get(name);
  if (v === undefined) return null;
  return typeof v === 'string' ? v : v.getText();
}

function readers(refs: RefResolver): { text: Read; password: Read } {
  const resolved = (entry: Entry, name: string) => {
    const s = rawText(entry, name);
    return s === null ? null : refs.resolve(entry, name, s);
  };
  return {
    /** Trimmed, non-empty. */
    text: (entry, name) => resolved(entry, name)?.trim() || null,
    /** The raw password (not trimmed: whitespace is part of a password). */
    password: (entry, name) => resolved(entry, name) || null,
  };
}

const EXTRA_URL = /^(KP2A_URL(_\d+)?|URL_\d+)$/;
const CARD_FIELD = /^(card ?number|cc ?number|credit ?card( number)?)$/i;

function mapDatabase(db: kdbxweb.Kdbx): ImportResult {
  const items: ImportedItem[] = [];
  const skipped: SkippedEntry[] = [];
  const root = db.getDefaultGroup();
  const read = readers(new RefResolver(root));
  const binUuid = db.meta.recycleBinEnabled !== false ? db.meta.recycleBinUuid : undefined;
  const templatesUuid = db.meta.entryTemplatesGroup;
  const is = (group: Group, uuid: kdbxweb.KdbxUuid | undefined) => uuid !== undefined && !uuid.empty && group.uuid.equals(uuid);
  const label = (entry: Entry) => `"${rawText(entry, 'Title')?.trim() || '(untitled)'}"`;

  const skipReason = (group: Group): string | null => {
    if (is(group, binUuid)) return 'is in the KeePass Recycle Bin';
    if (is(group, templatesUuid)) return `is an entry template (group "${group.name ?? ''}" holds the database's templates)`;
    return null;
  };

  const walk = (group: Group, path: string[], inherited: string | null) => {
    const why = inherited ?? skipReason(group);
    for (const entry of group.entries) {
      if (why) {
        skipped.push({ reason: `${label(entry)} ${why}` });
        continue;
      }
      try {
        items.push(mapEntry(entry, path.length ? path.join('/') : null, read));
      } catch (e) {
        if (!(e instanceof RefError)) throw e;
        const what = e.kind === 'cycle' ? 'loop back to themselves' : `nest deeper than ${LIMITS.maxRefDepth} levels`;
        skipped.push({ reason: `${label(entry)} uses KeePass field references that ${what}, so its fields cannot be read` });
      }
    }
    for (const child of group.groups) walk(child, [...path, child.name ?? ''], why);
  };
  walk(root, [], null);
  return { format: 'kdbx', items, skipped };
}

/** KeePassXC's "Exclude from database reports": KDBX 4.1 QualityCheck=False, or the older custom data KnownBad=true. */
function excludedFromReports(entry: Entry): boolean {
  return entry.qualityCheck === false || entry.customData?.get('KnownBad')?.value === 'true';
}

function mapEntry(entry: Entry, group: string | null, read: { text: Read; password: Read }): ImportedItem {
  const password = read.password(entry, 'Password');
  const username = read.text(entry, 'UserName');
  const urls: string[] = [];
  const main = read.text(entry, 'URL');
  if (main) urls.push(main);
  for (const [name] of entry.fields) {
    if (EXTRA_URL.test(name)) {
      const u = read.text(entry, name);
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
    title: read.text(entry, 'Title') ?? '',
    username,
    urls,
    group,
    created: entry.times.creationTime ?? null,
    modified: entry.times.lastModTime ?? null,
    passwordChanged: kind === 'login' ? passwordChangedAt(entry, password, read.password) : null,
    hasTotp: kdbxFieldsHaveTotp((n) => rawText(entry, n)?.trim() || null),
    ...(excludedFromReports(entry) ? { excludeFromReports: true } : {}),
    password: kind === 'login' ? password : null,
  };
}

function passwordChangedAt(entry: Entry, current: string | null, passwordOf: Read): Date | null {
  const history = entry.history;
  if (history.length === 0) return entry.times.lastModTime ?? null;
  for (let i = history.length - 1; i >= 0; i--) {
    const state = history[i]!;
    if (passwordOf(state, 'Password') !== current) {
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
