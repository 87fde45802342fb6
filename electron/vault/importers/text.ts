import { BastionError } from '../../core';

const BOM = 0xfeff;

/** Decodes a whole export as strict UTF-8 (invalid bytes are an error, never U+FFFD) and strips a leading BOM. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (cause) {
    throw new BastionError('BAD_FILE', `${file} is not valid UTF-8 text.`, { cause });
  }
  return text.charCodeAt(0) === BOM ? text.slice(1) : text;
}

/** Lenient decode of a file's head, only for sniffing the format (never for importing). */
export function sniffText(bytes: Uint8Array, max = 64 * 1024): string {
  const text = new TextDecoder('utf-8').decode(bytes.subarray(0, max));
  return text.charCodeAt(0) === BOM ? text.slice(1) : text;
}

/** Parses a date written as ISO text, epoch seconds or epoch milliseconds; anything else is null. */
export function toDate(value: unknown, unit: 's' | 'ms' = 'ms'): Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value.trim()))) {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) return null;
    const d = new Date(unit === 's' ? n * 1000 : n);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  if (typeof value === 'string') {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

/** Trimmed non-empty string, else null. */
export function clean(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const t = value.trim();
  return t === '' ? null : t;
}
