import { parse } from 'csv-parse/sync';
import { BastionError } from '../../core';
import type { ImportFormat, ImportedItem, ImportResult, SkippedEntry } from '../types';
import { identityHash, uniquify } from './ids';
import { clean, toDate } from './text';

// Browser and 1Password CSV exports. CSV rows are always logins. Formats without ids get a hash of the row's
// identity (title, url, username — never the password), made unique in file order.

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
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: false }) as string[][];
  } catch (cause) {
    const msg = cause instanceof Error ? cause.message.split('\n')[0] : 'unreadable';
    throw new BastionError('BAD_FILE', `${file} is not a readable CSV file (${msg}).`, { cause });
  }
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  if (csvFormatOf(header) !== format) {
    throw new BastionError('BAD_FILE', `${file} does not have the header of a ${LABEL[format]}.`);
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
  const skipped: SkippedEntry[] = [];
  for (const [i, row] of rows.entries()) {
    const url = clean(col(row, 'url', 'website'));
    const username = clean(col(row, 'username'));
    const rawPassword = col(row, 'password');
    const password = rawPassword ? rawPassword : null;
    const title = clean(col(row, 'name', 'title')) ?? hostOf(url) ?? '';
    if (!url && !username && !password && !title) {
      skipped.push({ reason: `row ${i + 2} is empty` });
      continue;
    }
    if (format === '1password-csv' && /^(true|1|yes)$/i.test(col(row, 'archived') ?? '')) {
      skipped.push({ reason: `"${title}" is archived in 1Password` });
      continue;
    }
    let created: Date | null = null;
    let changed: Date | null = null;
    if (format === 'firefox-csv') {
      created = toDate(clean(col(row, 'timecreated')));
      changed = toDate(clean(col(row, 'timepasswordchanged')));
    }
    const modified = created && changed ? (changed > created ? changed : created) : (changed ?? created);
    const guid = format === 'firefox-csv' ? clean(col(row, 'guid')) : null;
    ids.push(guid ?? identityHash(format, [title, url, username]));
    items.push({
      kind: 'login',
      title,
      username,
      urls: url ? [url] : [],
      group: null,
      created,
      modified,
      passwordChanged: changed ?? created,
      hasTotp: format === '1password-csv' && clean(col(row, 'otpauth', 'one-time password')) !== null,
      password,
    });
  }
  const unique = uniquify(ids);
  return { format, items: items.map((it, i) => ({ externalId: unique[i]!, ...it })), skipped };
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}
