import type { FindingKindT, HealthItemT, ItemFindingT, PlanEntryT } from '../../../electron/ipc/contract';
import { EXPOSURE_TITLES, FINDING_TITLES, FORMAT_TITLES, GUESS_TIME_WORDS, STRENGTH_TITLES } from '../../../electron/vocabulary';
import { exactTime } from '../../lib/time';

// The health screen's words: finding chips, strength, states and next steps. Engine data in, sentences out.

export const KINDS: FindingKindT[] = ['exposed', 'reused', 'weak', 'insecure_url', 'missing_2fa', 'duplicate', 'old'];

/** A finding as a chip: "Common password" and "Found in a breach" are told apart by the engine's `exposure`. */
export function chipLabel(f: Pick<ItemFindingT, 'kind' | 'exposure'>): string {
  return f.kind === 'exposed' && f.exposure ? EXPOSURE_TITLES[f.exposure] : FINDING_TITLES[f.kind].one;
}

export function filterLabel(kind: FindingKindT): string {
  return kind === 'exposed' ? 'Common or breached passwords' : FINDING_TITLES[kind].plural;
}

/** "Weak: could be guessed in minutes"; "No password" for entries without one. */
export function strengthWords(i: Pick<HealthItemT, 'strength' | 'guessTime' | 'kind'>): string {
  if (i.strength === null || i.guessTime === null) return i.kind === 'login' ? 'No password' : '—';
  return `${STRENGTH_TITLES[i.strength]}: ${GUESS_TIME_WORDS[i.guessTime]}`;
}

export function stateWords(f: ItemFindingT): string {
  switch (f.state) {
    case 'open':
      return 'Open';
    case 'snoozed':
      return f.until ? `Snoozed until ${exactTime(f.until)}` : 'Snoozed';
    case 'resolved':
      return 'Marked resolved (until the password changes)';
    case 'excluded':
      return 'Excluded from this check';
    case 'vault':
      return 'Excluded by your vault (its "exclude from reports" setting)';
    default:
      f.state satisfies never;
      return '';
  }
}

export const STEP_WORDS: Record<PlanEntryT['step'], { title: string; detail: string }> = {
  rotate: { title: 'Rotate the password', detail: 'Bastion writes a new password into your KeePass file (you confirm with its database password), then you change it on the site.' },
  guided_change: { title: 'Change it on the site', detail: 'Open the change-password page, generate a password, copy it, change it there and in your password manager, then mark it resolved.' },
  fix_url: { title: 'Save the https:// address', detail: 'Edit the entry in your password manager so it uses https://.' },
  add_two_factor: { title: 'Turn on two-factor', detail: "Turn on one-time codes in the site's security settings and save the code in your password manager." },
  recycle_duplicate: { title: 'Remove the duplicate', detail: 'Keep the entry you use and move the other to the KeePass recycle bin.' },
  remove_duplicate: { title: 'Remove the duplicate', detail: 'Keep the entry you use and delete the other in your password manager.' },
};

export const formatTitle = (f: keyof typeof FORMAT_TITLES): string => FORMAT_TITLES[f];

/** Findings a new password fixes: what "Mark resolved" settles after a change. */
export const FIXED_BY_NEW_PASSWORD: readonly FindingKindT[] = ['exposed', 'reused', 'weak', 'old'];
