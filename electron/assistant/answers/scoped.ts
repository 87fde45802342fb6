// "…and which of those are old?": one finding kind, limited to the items of the previous answer. Group findings
// (reuse, duplicates) count when any of their items was in that list, and are shown whole, as the engine has them.
import type { FindingKind, Report } from '../../vault';
import { KIND_LABEL, line, type VaultFacts } from '../facts';

const NAME: Record<FindingKind, string> = {
  reused: 'reused',
  weak: 'weak',
  exposed: 'exposed (in a breach list)',
  insecure_url: 'using an insecure http:// address',
  missing_2fa: 'missing two-factor',
  duplicate: 'a duplicate',
  old: 'old',
};

export function scopedFacts(report: Report, kind: FindingKind, scope: string[]): VaultFacts {
  const inScope = new Set(scope);
  const findings = report.findings.filter((f) => f.kind === kind && f.items.some((i) => inScope.has(i.id)));
  const numbers = [scope.length];
  const names: string[] = [];
  const label = KIND_LABEL[kind];
  const of = `Of the ${scope.length} login${scope.length === 1 ? '' : 's'} in my last answer`;
  if (findings.length === 0) {
    const text = `${of}, none is flagged as ${NAME[kind]}.`;
    return { text, summary: text, findings, numbers, names };
  }
  numbers.push(findings.length);
  const head = `${of}, ${findings.length} ${findings.length === 1 ? label.one : label.many}:`;
  const lines = [head, ...findings.map((f, i) => line(f, label.group ? i + 1 : undefined, names))];
  return { text: lines.join('\n'), summary: head, findings, numbers, names: [...new Set(names)] };
}
