import { BastionError } from '../../core';
import type { ImportFormat, ImportedItem, ImportResult, ItemKind, SkippedEntry } from '../types';
import { parseCsvRows } from './csv-rows';
import { identityHash, uniquify } from './ids';
import { clean, toDate } from './text';

// Browser and 1Password CSV exports. Browser rows are logins; 1Password rows are typed by their `type` column or,
// without one, by having a URL, username or password. Formats without ids get a hash of the row's identity (title,
// url, username — never the password), made unique in file order. Skipped rows carry their line numbers.

export type CsvFormat = Extract<ImportFormat, 'chrome-csv' | 'firefox-csv' | '1password-csv'>;

/** Lower-cased header names of the first CSV line (quotes stripped), for sniffing. */
export function csvHeader(text: string): string[] {
  const nl = text.indexOf('\n');
  const line = (nl < 0 ? text : text.slice(0, nl)).replace(/\r$/, '');
  return line.split(',').map((h) => h.trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase());
}

export function csvFormatOf(header: string[]): CsvFormat | null {
  const has = (...names: string[]) => names.every((n) => header.includes(n));
  if (has('url', 'username', 'password') && (header.includes('guid') || header.includes('httprealm'))) return 'firefox-csv';
  if (has('title', 'password') && (header.includes('url') || header.includes('website'))) return '1password-csv';
  if (has('name', 'url', 'username', 'password')) return 'chrome-csv';
  return null;
}

const LABEL: Record<CsvFormat, string> = {
  'chrome-csv': 'Chrome/Edge password CSV',
  'firefox-csv': 'Firefox password CSV',
  '1password-csv': '1Password CSV export',
};

export function readCsv(text: string, file: string, format: CsvFormat): ImportResult {
  const parsed = parseCsvRows(text, file);
  const headerRow = parsed.rows.shift();
  if (!headerRow) {
    const first = parsed.bad[0];
    const why = first ? `line ${first.line}: ${first.reason}` : 'no rows';
    throw new BastionError('BAD_FILE', `${file} is not a readable CSV file (${why}).`);
  }
  const header = headerRow.fields.map((h) => h.trim().toLowerCase());
  if (csvFormatOf(header) !== format) {
    throw new BastionError('BAD_FILE', `${file} does not have the header of a ${LABEL[format]}.`);
  }
  if (parsed.rows.length === 0 && parsed.bad.length > 0) {
    const b = parsed.bad[0]!;
    throw new BastionError('BAD_FILE', `${file} is not a readable CSV file (every row is malformed; line ${b.line}: ${b.reason}).`);
  }
  const col = (row: string[], ...names: string[]): string | null => {
    for (const n of names) {
      const i = header.indexOf(n);
      if (i >= 0 && row[i] !== undefined) return row[i]!;
    }
    return null;
  };

  const items: Omit<ImportedItem, 'externalId'>[] = [];
  const ids: string[] = [];
  const skipped: (SkippedEntry & { line: number })[] = parsed.bad.map((b) => ({ line: b.line, reason: `line ${b.line}: malformed CSV (${b.reason})` }));
  for (const { fields: row, line } of parsed.rows) {
    if (row.length < header.length) {
      // Usually the tail of a malformed row above; never guess which column is which.
      skipped.push({ line, reason: `line ${line}: only ${row.length} of the header's ${header.length} fields` });
      continue;
    }
    const url = clean(col(row, 'url', 'website'));
    const username = clean(col(row, 'username'));
    const rawPassword = col(row, 'password');
    const title = clean(col(row, 'name', 'title')) ?? hostOf(url) ?? '';
    if (!url && !username && !rawPassword && !title) {
      skipped.push({ line, reason: `line ${line}: empty row` });
      continue;
    }
    if (format === '1password-csv' && /^(true|1|yes)$/i.test(col(row, 'archived') ?? '')) {
      skipped.push({ line, reason: `line ${line}: "${title}" is archived in 1Password` });
      continue;
    }
    const kind = format === '1password-csv' ? onePasswordKind(col(row, 'type'), url, username, rawPassword) : 'login';
    let created: Date | null = null;
    let changed: Date | null = null;
    if (format === 'firefox-csv') {
      created = toDate(clean(col(row, 'timecreated')));
      changed = toDate(clean(col(row, 'timepasswordchanged')));
    }
    const modified = created && changed ? (changed > created ? changed : created) : (changed ?? created);
    const guid = format === 'firefox-csv' ? clean(col(row, 'guid')) : null;
    ids.push(guid ?? identityHash(format, [title, url, username]));
    const login = kind === 'login';
    items.push({
      kind,
      title,
      username: login ? username : null,
      urls: url ? [url] : [],
      group: null,
      created,
      modified,
      passwordChanged: login ? (changed ?? created) : null,
      hasTotp: login && format === '1password-csv' && clean(col(row, 'otpauth', 'one-time password')) !== null,
      password: login && rawPassword ? rawPassword : null,
    });
  }
  const unique = uniquify(ids);
  skipped.sort((a, b) => a.line - b.line);
  return { format, items: items.map((it, i) => ({ externalId: unique[i]!, ...it })), skipped };
}

// 1Password 7 for Mac writes a `type` column ("Login", "Credit Card", "Identity", "Secure Note", …); 1Password 8 writes
// every item as a row without one, and a row with no URL, username or password is not a login (an identity, card or
// note exported as a title and notes).
const ONEPASSWORD_TYPES: Record<string, ItemKind> = {
  login: 'login',
  password: 'login',
  'credit card': 'card',
  identity: 'identity',
  'secure note': 'note',
};

function onePasswordKind(type: string | null, url: string | null, username: string | null, password: string | null): ItemKind {
  const t = clean(type)?.toLowerCase();
  if (t) return ONEPASSWORD_TYPES[t] ?? 'note';
  return url || username || password ? 'login' : 'note';
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}
