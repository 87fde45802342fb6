// One item's status, written by code from the engine's report: which findings it has (the engine's own reasons),
// which checks it passes, its 2FA and password date — and what to do. Nothing here is generated or guessed.
import { FINDING_KINDS, type Finding, type FindingKind, type ItemSummary, type Report } from '../../vault';
import { cleanTitle } from '../facts';

export interface ItemFacts {
  text: string;
  /** The engine's findings that include this item (open ones). */
  findings: Finding[];
}

const FLAGGED: Record<FindingKind, string> = {
  exposed: 'In a breach list',
  reused: 'Reused',
  weak: 'Weak',
  insecure_url: 'Insecure address',
  missing_2fa: 'No second factor',
  duplicate: 'Duplicate',
  old: 'Old',
};
const CLEAR: Record<Exclude<FindingKind, 'missing_2fa'>, string> = {
  exposed: 'not in the breach list',
  reused: 'not reused',
  weak: 'not weak',
  insecure_url: 'no insecure http:// address',
  duplicate: 'no duplicate entry',
  old: 'changed within the last 3 years',
};
const NEXT: Record<FindingKind, string> = {
  exposed: 'change this password now (ask me to "open the change-password page for NAME").',
  reused: 'give this login a password of its own (ask me to "open the change-password page for NAME").',
  weak: 'replace this password with a generated one (ask me to "open the change-password page for NAME").',
  insecure_url: 'check whether the site works over https:// and update the saved address.',
  missing_2fa: "turn on two-factor authentication in the site's security settings and keep the codes in an authenticator.",
  duplicate: 'keep one of the duplicate entries and move the other to the recycle bin.',
  old: 'change this password when convenient (ask me to "open the change-password page for NAME").',
};
const ORDER: FindingKind[] = ['exposed', 'reused', 'weak', 'insecure_url', 'missing_2fa', 'old', 'duplicate'];

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function twoFactorLine(item: ItemSummary, missing: Finding | undefined): string {
  if (item.hasTotp) return 'Two-factor: a one-time code (TOTP) is set up.';
  if (missing) return `Two-factor: not set up — ${missing.reason}`;
  return `Two-factor: no one-time code is stored for it${item.site ? `, and ${item.site} is not on Bastion's list of sites that offer one` : ''}.`;
}

export function itemFacts(report: Report, item: ItemSummary, focus: FindingKind | null): ItemFacts {
  const name = cleanTitle(item.title);
  const head = `${name}${item.site ? ` (${item.site})` : ''}`;
  if (item.kind !== 'login') {
    return { text: `${head} is a ${item.kind} entry: Bastion counts it but only checks logins, so it has no findings.`, findings: [] };
  }
  const mine = report.findings.filter((f) => f.items.some((i) => i.id === item.id));
  const byKind = new Map(mine.map((f) => [f.kind, f]));
  const suppressed = report.suppressed.filter((f) => f.items.some((i) => i.id === item.id));
  const lines: string[] = [];
  if (focus) lines.push(focusLine(name, item, focus, byKind.get(focus), suppressed.find((f) => f.kind === focus)?.state));
  const flagged = ORDER.filter((k) => byKind.has(k));
  lines.push(flagged.length ? `${head}: ${flagged.length} open finding${flagged.length === 1 ? '' : 's'}.` : `${head}: no open findings.`);
  for (const k of flagged) if (k !== 'missing_2fa') lines.push(`- ${FLAGGED[k]}: ${byKind.get(k)!.reason}`);
  for (const s of suppressed) lines.push(`- ${FLAGGED[s.kind]} (${s.state}): ${s.reason}`);
  if (focus !== 'missing_2fa') lines.push(twoFactorLine(item, byKind.get('missing_2fa')));
  const clear = (FINDING_KINDS.filter((k) => k !== 'missing_2fa' && !byKind.has(k) && !suppressed.some((s) => s.kind === k)) as Exclude<FindingKind, 'missing_2fa'>[]).map((k) => CLEAR[k]);
  if (clear.length) lines.push(`Checks passed: ${clear.join(', ')}.`);
  lines.push(item.passwordChangedMs !== null ? `Password last changed: ${day(item.passwordChangedMs)}.` : 'Password last changed: unknown (the export has no dates).');
  lines.push(flagged.length ? `What to do: ${NEXT[flagged[0]!].replace('NAME', name)}` : 'Nothing to do for this one.');
  return { text: lines.join('\n'), findings: mine };
}

// No "yes"/"no": the question may be put either way ("is it weak?", "is it strong?"); the fact is stated instead.
function focusLine(name: string, item: ItemSummary, focus: FindingKind, f: Finding | undefined, hidden: string | undefined): string {
  if (focus === 'missing_2fa') {
    if (item.hasTotp) return `${name}: two-factor is set up (a one-time code).`;
    return f ? `${name}: two-factor is not set up — ${f.reason}` : `${name}: no one-time code is stored${item.site ? `, and ${item.site} is not on Bastion's list of sites that offer one` : ''}.`;
  }
  if (focus === 'old') {
    const when = item.passwordChangedMs !== null ? `last changed ${day(item.passwordChangedMs)}` : 'change date unknown';
    return f ? `${name}: old — ${f.reason}` : `${name}: not old (${when}).`;
  }
  if (f) return `${name}: ${FLAGGED[focus].toLowerCase()} — ${f.reason}`;
  if (hidden) return `${name}: had a "${focus}" finding, now ${hidden}.`;
  return `${name}: ${CLEAR[focus]}.`;
}
