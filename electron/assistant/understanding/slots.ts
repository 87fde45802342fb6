// Slot values people type around a request: ordinals ("the first one"), durations ("for 2 weeks"), lengths
// ("24 character"), word counts ("6 words"), export formats and paths ("to ~/Documents", "as /tmp/r.json").
import type { Token } from './text';

const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30 };
const ORDINALS: Record<string, number> = { first: 0, '1st': 0, second: 1, '2nd': 1, third: 2, '3rd': 2, fourth: 3, '4th': 3, fifth: 4, '5th': 4, last: -1 };

function numberAt(tokens: Token[], i: number): number | null {
  const w = tokens[i]?.norm;
  if (!w) return null;
  if (/^\d{1,4}$/.test(w)) return Number(w);
  return NUMBER_WORDS[w] ?? null;
}

/** Index into the previous list: 0 for "first", -1 for "last"; null when none is named. */
export function ordinal(tokens: Token[]): number | null {
  for (const [i, t] of tokens.entries()) {
    if (t.norm in ORDINALS) {
      // "first" in "what should I fix first" is not an ordinal: one follows a determiner or precedes "one"/"item".
      const before = tokens[i - 1]?.norm;
      const after = tokens[i + 1]?.norm;
      if (before === 'the' || before === 'that' || after === 'one' || after === 'entry' || after === 'item' || after === 'login' || after === 'account') return ORDINALS[t.norm]!;
    }
    if ((t.norm === 'number' || t.norm === 'no') && /^\d+$/.test(tokens[i + 1]?.norm ?? '')) return Number(tokens[i + 1]!.norm) - 1;
  }
  return null;
}

/** "for 2 weeks", "a month", "10 days" → days (1–365), or null. */
export function durationDays(tokens: Token[]): number | null {
  for (const [i, t] of tokens.entries()) {
    const unit = t.norm.replace(/s$/, '');
    const mult = unit === 'day' ? 1 : unit === 'week' ? 7 : unit === 'fortnight' ? 14 : unit === 'month' ? 30 : unit === 'year' ? 365 : 0;
    if (!mult) continue;
    const n = numberAt(tokens, i - 1) ?? (unit === 'fortnight' ? 1 : null);
    if (n !== null) return Math.max(1, Math.min(365, n * mult));
  }
  return null;
}

/** "24 character(s)/chars/letters/long" → length. */
export function lengthSlot(tokens: Token[]): number | null {
  for (const [i, t] of tokens.entries()) {
    if (!/^(characters?|chars?|letters?|long|digits?)$/.test(t.norm)) continue;
    const n = numberAt(tokens, i - 1);
    if (n !== null && n >= 4) return n;
  }
  return null;
}

/** "6 words", "five-word" → words. */
export function wordsSlot(tokens: Token[]): number | null {
  for (const [i, t] of tokens.entries()) {
    if (t.norm !== 'words' && t.norm !== 'word') continue;
    const n = numberAt(tokens, i - 1);
    if (n !== null && n >= 2) return n;
  }
  return null;
}

/** "without symbols", "no special characters" → false; "with symbols" → true. */
export function symbolsSlot(text: string): boolean | null {
  if (/\b(without|no|zero|exclude|excluding|minus)\s+(any\s+)?(symbols?|special( characters?| chars?)?|punctuation)\b/i.test(text)) return false;
  if (/\bwith\s+(some\s+)?(symbols?|special characters?)\b/i.test(text)) return true;
  return null;
}

export type ExportFormat = 'csv' | 'html' | 'json';

export interface PathSlot {
  /** As typed (a folder or a file). */
  path: string;
  /** True when it names a folder (no .csv/.html/.json ending). */
  folder: boolean;
}

const PATH = /(?:^|[\s"'(])((?:~|\.{1,2})?[\\/][^\s"'<>|()]*|[A-Za-z]:[\\/][^\s"'<>|()]*|~(?=[\s"'),.;!?]|$)|[\w.-]+\.(?:csv|html?|json))/;
const FOLDERS: Record<string, string> = { desktop: '~/Desktop', documents: '~/Documents', document: '~/Documents', docs: '~/Documents', downloads: '~/Downloads', download: '~/Downloads', home: '~' };

export function pathSlot(text: string): PathSlot | null {
  const m = PATH.exec(text);
  if (m) {
    const path = m[1]!.replace(/[.,;:!?]+$/, '');
    return { path, folder: !/\.(csv|html?|json)$/i.test(path) };
  }
  const f = /\b(?:to|in|into|on|onto)\s+(?:my\s+|the\s+)?(desktop|documents?|docs|downloads?|home)(?:\s+folder)?\b/i.exec(text);
  return f ? { path: FOLDERS[f[1]!.toLowerCase()]!, folder: true } : null;
}

export function formatSlot(text: string, path: PathSlot | null): ExportFormat | null {
  const ext = path && !path.folder ? /\.(csv|html?|json)$/i.exec(path.path)?.[1]?.toLowerCase() : undefined;
  if (ext) return ext.startsWith('htm') ? 'html' : (ext as ExportFormat);
  const w = /\b(csv|html?|json|spreadsheet|web ?page|excel)\b/i.exec(text)?.[1]?.toLowerCase();
  if (!w) return null;
  if (w === 'spreadsheet' || w === 'excel') return 'csv';
  if (w.startsWith('web') || w.startsWith('htm')) return 'html';
  return w as ExportFormat;
}
