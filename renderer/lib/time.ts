// Times for people: relative ("3 days ago") with the exact local time on hover. Never a UTC ISO string.

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "just now", "5 minutes ago", "yesterday", "in 3 days", "2 years ago". */
export function relativeTime(ms: number, now: number): string {
  const diff = ms - now;
  if (Math.abs(diff) < 45_000) return 'just now';
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return rtf.format(Math.round(diff / size), unit);
  }
  return rtf.format(Math.round(diff / 60_000), 'minute');
}

/** How old something is, without "ago": "3 years", "5 months", "2 days", "under a day". */
export function ageWords(ms: number, now: number): string {
  const diff = Math.max(0, now - ms);
  for (const [unit, size] of UNITS.slice(0, 4)) {
    const n = Math.floor(diff / size);
    if (n >= 1) return `${n} ${unit}${n === 1 ? '' : 's'}`;
  }
  return 'under a day';
}

/** The exact local date and time, for a tooltip or the expanded audit record. */
export function exactTime(ms: number): string {
  return new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** Milliseconds from a stored time string (ISO, or a number as text); null when it is not a time. */
export function timeOf(s: string | number): number | null {
  const ms = typeof s === 'number' ? s : /^\d+$/.test(s) ? Number(s) : Date.parse(s);
  return Number.isFinite(ms) ? ms : null;
}
