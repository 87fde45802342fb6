// Vault answers are written by code from the hygiene engine's report: every number and item name shown comes from
// here, never from generated text. The model (when used) only adds an intro, checked against these facts by the
// quality gate (electron/quality).
import type { Finding, FindingKind, Report } from '../vault';

/** What a vault answer is about: one finding kind, the counts, the priorities, or the overview. */
export type VaultTopic = FindingKind | 'count' | 'fix_first' | 'overview';

export interface VaultFacts {
  /** The answer body, verbatim from the engine's report. */
  text: string;
  /** The same facts without item names or reasons (no vault text): what a prompt may carry outside a data block. */
  summary: string;
  findings: Finding[];
  /** Every number the text states (counts): an intro may only use these. */
  numbers: number[];
  /** Every item title the text names. */
  names: string[];
}

export const KIND_LABEL: Record<FindingKind, { one: string; many: string; none: string; group?: boolean }> = {
  reused: { one: 'group of logins shares a password', many: 'groups of logins share a password', none: 'No password is reused across your logins.', group: true },
  weak: { one: 'login has a weak password', many: 'logins have weak passwords', none: 'None of your passwords is weak.' },
  exposed: { one: 'login uses a password found in a known breach', many: 'logins use passwords found in known breaches', none: 'None of your passwords appears in the local breach list.' },
  insecure_url: { one: 'login uses an insecure (http://) address', many: 'logins use insecure (http://) addresses', none: 'No login uses an insecure http:// address.' },
  missing_2fa: { one: 'login is on a site that offers two-factor authentication you have not set up', many: 'logins are on sites that offer two-factor authentication you have not set up', none: 'Every login on a site that offers two-factor authentication has it set up.' },
  duplicate: { one: 'set of duplicate entries', many: 'sets of duplicate entries', none: 'There are no duplicate entries.', group: true },
  old: { one: 'login has a password that has not been changed in a long time', many: 'logins have passwords that have not been changed in a long time', none: 'No password is overdue for a change.' },
};

const SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const;
const KIND_RANK: Record<FindingKind, number> = { exposed: 0, reused: 1, weak: 2, missing_2fa: 3, insecure_url: 4, old: 5, duplicate: 6 };

/** Titles are vault text: shown to the user as data, so control characters and line breaks are flattened. */
export function cleanTitle(title: string): string {
  const t = title.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ').replace(/\s+/g, ' ').trim();
  return (t.length > 80 ? `${t.slice(0, 79)}…` : t) || '(untitled)';
}

export function findingsFor(report: Report, topic: VaultTopic): Finding[] {
  switch (topic) {
    case 'count':
      return [];
    case 'overview':
    case 'fix_first':
      return rankFindings(report.findings);
    case 'reused':
    case 'weak':
    case 'exposed':
    case 'insecure_url':
    case 'missing_2fa':
    case 'duplicate':
    case 'old':
      return report.findings.filter((f) => f.kind === topic);
    default:
      topic satisfies never;
      return [];
  }
}

export function rankFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || KIND_RANK[a.kind] - KIND_RANK[b.kind] || b.items.length - a.items.length);
}

function itemCount(findings: Finding[]): number {
  return new Set(findings.flatMap((f) => f.items.map((i) => i.id))).size;
}

export function line(f: Finding, n: number | undefined, named: string[]): string {
  named.push(...f.items.map((i) => cleanTitle(i.title)));
  const names = f.items.map((i) => cleanTitle(i.title)).join(', ');
  return `${n !== undefined ? `${n}. ` : '- '}${names} — ${f.reason} (${f.severity})`;
}

export function vaultFacts(report: Report, topic: VaultTopic): VaultFacts {
  const numbers: number[] = [];
  const say = (n: number) => {
    numbers.push(n);
    return String(n);
  };
  const findings = findingsFor(report, topic);
  const lines: string[] = [];
  const summary: string[] = [];
  const named: string[] = [];
  const push = (l: string, isSummary = true) => {
    lines.push(l);
    if (isSummary) summary.push(l);
  };
  switch (topic) {
    case 'count':
      push(`Your vault has ${say(report.counts.items)} items, ${say(report.counts.logins)} of them logins.`);
      push(`Open findings: ${say(report.findings.length)}; hygiene score ${say(report.score)}/100.`);
      break;
    case 'overview': {
      push(`Hygiene score: ${say(report.score)}/100 across ${say(report.counts.logins)} logins (${say(report.counts.items)} items).`);
      if (findings.length === 0) push('There are no open findings.');
      const byKind = new Map<FindingKind, Finding[]>();
      for (const f of findings) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f]);
      for (const [kind, fs] of byKind) push(`- ${say(fs.length)} ${fs.length === 1 ? KIND_LABEL[kind].one : KIND_LABEL[kind].many}`);
      break;
    }
    case 'fix_first': {
      if (findings.length === 0) {
        push('There is nothing to fix: no open findings.');
        break;
      }
      const top = findings.slice(0, 5);
      push(`Fix these first (most severe first; ${say(findings.length)} open findings in total):`);
      top.forEach((f, i) => push(line(f, i + 1, named), false));
      break;
    }
    default: {
      const label = KIND_LABEL[topic];
      if (findings.length === 0) {
        push(label.none);
        break;
      }
      const head = `${say(findings.length)} ${findings.length === 1 ? label.one : label.many}`;
      push(label.group ? `${head} (${say(itemCount(findings))} logins in all):` : `${head}:`);
      findings.forEach((f, i) => push(line(f, label.group ? i + 1 : undefined, named), false));
    }
  }
  const shown = topic === 'fix_first' ? findings.slice(0, 5) : findings;
  return { text: lines.join('\n'), summary: summary.join('\n'), findings: shown, numbers, names: [...new Set(named)] };
}
