import type { ReportT } from '../../../electron/ipc/contract';
import type { FindingKind } from '../../../electron/vocabulary';

// Questions offered in an empty conversation. They come from the same vault report the assistant answers from, so
// a suggestion never asks about something the vault does not have.

const BY_KIND: Partial<Record<FindingKind, string>> = {
  exposed: 'Which passwords are common or found in a breach?',
  reused: 'Which of my passwords are reused?',
  weak: 'Which passwords are weak?',
  missing_2fa: 'Where should I turn on two-factor authentication?',
  insecure_url: 'Which items use an insecure address?',
  old: 'Which passwords are old?',
};
const GENERAL = ['How do I spot a phishing email?', 'What makes a strong password?'];

/** Four questions at most: what to fix first and two of the vault's own finding kinds (worst first), then general ones. */
export function suggestionsFrom(report: ReportT | null): string[] {
  const kinds = [...new Set((report?.findings ?? []).filter((f) => f.items.length > 0).map((f) => f.kind))];
  const vault = kinds.map((k) => BY_KIND[k]).filter((q): q is string => Boolean(q)).slice(0, 2);
  const first = vault.length > 0 ? ['What should I fix first?'] : [];
  return [...first, ...vault, ...GENERAL].slice(0, 4);
}
