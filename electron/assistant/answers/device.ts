// Device answers, written by code from the device-health report: each check's status in words, why (the check's own
// reason), what was read and how to fix it, each cited as a source. Nothing here is generated or guessed.
import type { DeviceCheck, DeviceReport } from '../../device';
import type { CheckId } from '../../vocabulary';
import type { AskCitation } from './knowledge';

export interface DeviceFacts {
  text: string;
  /** The engine's summary (status counts and failing check titles): what an intro prompt carries. */
  summary: string;
  citations: AskCitation[];
  checks: DeviceCheck[];
  numbers: number[];
  names: string[];
  /** 'problems' when a check shown fails, 'clean' when all pass; undefined when some could not tell. */
  state?: 'problems' | 'clean';
}

const STATUS: Record<DeviceCheck['status'], string> = { pass: 'passes', fail: 'fails', unknown: 'could not tell' };
const SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const;
const FIX_WHERE = 'Fixes are offered on the Device health screen (or `bastion device`): Bastion changes a file only after you confirm, and never runs system commands for you.';

export const citeCheck = (c: DeviceCheck): AskCitation => ({
  doc: `device:${c.id}`,
  title: c.title,
  snippet: [`${STATUS[c.status]}: ${c.reason}`, c.fix ? `How to fix: ${c.fix}` : ''].filter(Boolean).join('\n'),
});

const bySeverity = (a: DeviceCheck, b: DeviceCheck) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];

export function deviceFacts(report: DeviceReport & { unmet?: CheckId[] }, check: CheckId | null): DeviceFacts {
  const required = (c: DeviceCheck) => (c.required ? ' Required by your organisation.' : '');
  if (check) {
    const c = report.checks.find((x) => x.id === check);
    if (!c) {
      const text = 'Bastion does not run that check on this system.';
      return { text, summary: text, citations: [], checks: [], numbers: [], names: [] };
    }
    const lines = [
      `${c.title}: ${STATUS[c.status]}${c.status === 'pass' ? '' : ` (${c.severity})`}. [1]${required(c)}`,
      c.reason,
      c.evidence.length ? `What Bastion read: ${c.evidence.slice(0, 6).join('; ')}` : '',
      c.fix ? `How to fix: ${c.fix}` : '',
      c.actions.length ? FIX_WHERE : '',
    ].filter(Boolean);
    const state = c.status === 'fail' ? 'problems' : c.status === 'pass' ? 'clean' : undefined;
    return { text: lines.join('\n'), summary: `${c.title}: ${STATUS[c.status]}.`, citations: [citeCheck(c)], checks: [c], numbers: [], names: [c.title], ...(state ? { state } : {}) };
  }
  const fails = report.checks.filter((c) => c.status === 'fail').sort(bySeverity);
  const unknown = report.checks.filter((c) => c.status === 'unknown');
  const passes = report.checks.filter((c) => c.status === 'pass');
  const cited = [...fails, ...unknown];
  const n = (c: DeviceCheck) => cited.indexOf(c) + 1;
  const head = `Device health: ${report.score === null ? 'no score (no check could tell)' : `${report.score}/100`}. ${fails.length} of ${report.checks.length} checks fail, ${unknown.length} could not tell, ${passes.length} pass.`;
  const lines = [head];
  if (fails.length) lines.push('Fails, most severe first:', ...fails.map((c) => `- ${c.title} (${c.severity}): ${c.reason} [${n(c)}]${required(c)}`));
  if (unknown.length) lines.push('Could not tell:', ...unknown.map((c) => `- ${c.title}: ${c.reason} [${n(c)}]`));
  if (passes.length) lines.push(`Passes: ${passes.map((c) => c.title).join('; ')}.`);
  if (fails.length) lines.push(FIX_WHERE);
  const summary = [head, ...fails.map((c) => `- fails: ${c.title} (${c.severity})`), ...unknown.map((c) => `- could not tell: ${c.title}`)].join('\n');
  const numbers = [report.score ?? 0, fails.length, report.checks.length, unknown.length, passes.length].filter((x) => x !== null);
  const state = fails.length ? 'problems' : unknown.length ? undefined : 'clean';
  return { text: lines.join('\n'), summary, citations: cited.map(citeCheck), checks: report.checks, numbers, names: report.checks.map((c) => c.title), ...(state ? { state } : {}) };
}
