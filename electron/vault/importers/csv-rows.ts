import { parse } from 'csv-parse/sync';
import { BastionError } from '../../core';

// CSV records with their line numbers, surviving bad rows: one malformed row (an unbalanced quote in one Firefox
// password) is skipped with its line number and the rest of the file is read. csv-parse's own error recovery resumes
// mid-line and can swallow the following rows into a quoted field, so after an error parsing restarts at the next
// physical line. Reasons never quote the row: it may hold a password.

export interface CsvRow {
  fields: string[];
  /** 1-based line the record starts on. */
  line: number;
}

export interface CsvBadRow {
  line: number;
  reason: string;
}

export interface CsvParse {
  rows: CsvRow[];
  bad: CsvBadRow[];
  /** The quote escape the file uses: RFC 4180 doubling, or a backslash (1Password 7 for Mac). */
  escape: '"' | '\\';
}

/** More malformed rows than this and the file is not a CSV export gone slightly wrong. */
const MAX_BAD_ROWS = 200;

const REASONS: Record<string, string> = {
  CSV_INVALID_CLOSING_QUOTE: 'a quote inside a quoted field is not escaped',
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_OPENING_QUOTE: 'a quote appears inside an unquoted field',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text follows a closing quote',
};

/**
 * Parses every record, trying RFC 4180 quoting first and, when that leaves malformed rows and the text has `\"`,
 * backslash escaping (1Password 7 for Mac writes `\"Starter Kit\"`); the reading with fewer malformed rows wins.
 */
export function parseCsvRows(text: string, file: string): CsvParse {
  const standard = parseWith(text, '"', file);
  if (standard.bad.length === 0 || !text.includes('\\"')) return standard;
  const backslash = parseWith(text, '\\', file);
  return backslash.bad.length < standard.bad.length ? backslash : standard;
}

function parseWith(text: string, escape: '"' | '\\', file: string): CsvParse {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const rows: CsvRow[] = [];
  const bad: CsvBadRow[] = [];
  let from = 1; // the physical line parsing (re)starts at
  while (from <= lineStarts.length) {
    const chunk = parseChunk(text.slice(lineStarts[from - 1]), escape);
    for (const r of chunk.rows) rows.push({ fields: r.fields, line: r.line + from - 1 });
    if (!chunk.error) break;
    // The bad record starts on the first non-blank line after the last good one; skip that line and go on.
    let line = (chunk.lastGoodEnd ?? 0) + from;
    while (line < lineStarts.length && isBlank(text, lineStarts, line)) line++;
    bad.push({ line, reason: REASONS[chunk.error] ?? 'the row is not valid CSV' });
    if (bad.length > MAX_BAD_ROWS) {
      throw new BastionError('BAD_FILE', `${file} has more than ${MAX_BAD_ROWS} malformed CSV rows, so it is not a readable CSV export.`);
    }
    from = line + 1;
  }
  return { rows, bad, escape };
}

function isBlank(text: string, lineStarts: number[], line: number): boolean {
  const start = lineStarts[line - 1]!;
  const end = line < lineStarts.length ? lineStarts[line]! : text.length;
  return text.slice(start, end).trim() === '';
}

const newlines = (s: string): number => {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

interface Chunk {
  rows: CsvRow[];
  error: string | null;
  lastGoodEnd: number | null;
}

/** Parses until the first error: the records before it (with start lines) and the error's code. */
function parseChunk(text: string, escape: '"' | '\\'): Chunk {
  const rows: CsvRow[] = [];
  let error: string | null = null;
  let lastGoodEnd: number | null = null;
  parse(text, {
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    escape,
    raw: true,
    on_record: (rec, ctx) => {
      if (error === null) {
        // With `raw`, csv-parse hands over { record, raw }. raw holds the record's text and the blank lines skipped
        // before it, so its first line = the line it ends on − its line breaks (+ the blank lines before it).
        const { record, raw } = rec as unknown as { record: string[]; raw: string };
        const trailing = raw.endsWith('\n') ? 1 : 0;
        const leading = newlines(/^[\r\n]*/.exec(raw)![0]);
        rows.push({ fields: record, line: ctx.lines - (newlines(raw) - trailing) + leading });
        lastGoodEnd = ctx.lines;
      }
      return null; // collected here; the parser's own output is not needed
    },
    on_skip: (e) => {
      error ??= e?.code ?? 'CSV_ERROR';
      return undefined;
    },
  });
  return { rows, error, lastGoodEnd };
}
