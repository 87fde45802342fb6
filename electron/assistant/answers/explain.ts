// "why?" after an answer: the engine's reasons behind it, why that kind of finding matters, and the built-in
// "How to fix" article for it (cited). Built from the conversation state and the report; nothing is generated.
import type { Finding, FindingKind, ItemSummary, Report } from '../../vault';
import { cleanTitle, rankFindings } from '../facts';
import type { ConversationState } from '../understanding';

export interface Explanation {
  /** 'vault' when explaining findings; 'knowledge' means: answer the last knowledge query again. */
  route: 'vault' | 'knowledge' | 'chat';
  text: string;
  findings: Finding[];
  /** The finding kind whose "How to fix" article should be cited. */
  fixKind: FindingKind | null;
}

const WHY: Record<FindingKind, string> = {
  exposed: 'Attackers try passwords from breach lists first, so an exposed password can be guessed in a handful of tries.',
  reused: 'When one site with a reused password is breached, attackers try the same email and password everywhere else (credential stuffing).',
  weak: 'A weak password falls to guessing quickly, especially after a site leaks its password hashes.',
  insecure_url: 'Over plain http:// anyone on the network path can read or change the login page and the password you send.',
  missing_2fa: 'A second factor stops most account takeovers even when the password is known.',
  duplicate: 'With two entries for one account it is easy to update one and keep using the other, stale password.',
  old: 'An old password has had years to leak somewhere; changing it ends any access someone may have quietly had.',
};

const RANKING =
  'Findings are ranked by severity (critical, then high, medium, low), and within a severity by kind: exposed, reused, weak, missing two-factor, insecure address, old, duplicate — the ones attackers exploit first come first.';

const SCORE =
  'The hygiene score is 100 minus the share of your logins with an open finding, each weighted by its worst finding (critical counts fully, high 0.75, medium 0.4, low 0.15).';

function reasons(findings: Finding[]): string[] {
  return findings.map((f) => `- ${f.items.map((i) => cleanTitle(i.title)).join(', ')}: ${f.reason}`);
}

export function explain(state: ConversationState | null, report: Report, items: Map<string, ItemSummary>): Explanation {
  const none: Explanation = { route: 'chat', text: 'Ask me about a finding or one of your logins first ("which passwords are reused?", "how is my Spotify login?"); then "why?" explains the answer.', findings: [], fixKind: null };
  if (!state) return none;
  switch (state.intent) {
    case 'knowledge':
    case 'advice':
      return state.query ? { route: 'knowledge', text: '', findings: [], fixKind: null } : none;
    case 'overview':
    case 'count':
      return { route: 'vault', text: `${SCORE} Your score is ${report.score}/100.`, findings: [], fixKind: null };
    case 'fix_first': {
      const top = rankFindings(report.findings)[0];
      if (!top) return { route: 'vault', text: 'There are no open findings, so nothing comes first.', findings: [], fixKind: null };
      return { route: 'vault', text: [RANKING, 'First on the list:', ...reasons([top]), WHY[top.kind]].join('\n'), findings: [top], fixKind: top.kind };
    }
    case 'item_status': {
      const item = state.itemId ? items.get(state.itemId) : undefined;
      if (!item) return none;
      const mine = rankFindings(report.findings.filter((f) => f.items.some((i) => i.id === item.id)));
      if (mine.length === 0) return { route: 'vault', text: `${cleanTitle(item.title)} has no open findings: it passed every check Bastion makes.`, findings: [], fixKind: null };
      return { route: 'vault', text: [`Why ${cleanTitle(item.title)} is flagged:`, ...mine.map((f) => `- ${f.reason}`), WHY[mine[0]!.kind]].join('\n'), findings: mine, fixKind: mine[0]!.kind };
    }
    default: {
      if (!state.kind) return none;
      const scope = new Set(state.itemIds);
      const kind = state.kind;
      const shown = report.findings.filter((f) => f.kind === kind && (scope.size === 0 || f.items.some((i) => scope.has(i.id))));
      if (shown.length === 0) return { route: 'vault', text: WHY[kind], findings: [], fixKind: kind };
      return { route: 'vault', text: ['Why these are flagged:', ...reasons(shown), WHY[kind]].join('\n'), findings: shown, fixKind: kind };
    }
  }
}
