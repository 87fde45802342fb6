import { actionTitle, isActionName, RISK_TITLES, RISK_TIERS, type RiskTier } from '../../electron/vocabulary';

// A safety net for text the app did not write itself (assistant answers): internal ids become the titles they stand
// for, CLI hints become the app's own words, and snake_case action and tier names become their titles.

const CLI_CONFIRM = /`?bastion (confirm|reject|undo) (pr_[A-Za-z0-9_-]{6,})`?/g;
const ID = /\[?\b(it|pr|src|gen|cv)_[A-Za-z0-9_-]{6,}\]?/g;
const WORDS: Record<string, string> = { it: 'an item', pr: 'the proposal', src: 'the imported file', gen: 'the generated password', cv: 'this conversation' };

/** Rewrites `text` for a person; `titles` names the items the answer is about (from its findings). */
export function humanizeText(text: string, titles: ReadonlyMap<string, string> = new Map()): string {
  return text
    .replace(CLI_CONFIRM, (_m, verb: string) => `the ${verb === 'confirm' ? 'Review' : verb === 'reject' ? 'Reject' : 'Undo'} button`)
    .replace(ID, (m) => {
      const id = m.replace(/^\[|\]$/g, '');
      const title = titles.get(id);
      if (title) return `“${title}”`;
      return WORDS[id.slice(0, id.indexOf('_'))] ?? 'an item';
    })
    .replace(/\b[a-z]+(?:_[a-z0-9]+)+\b/g, (m) => (isActionName(m) ? `“${actionTitle(m)}”` : (RISK_TIERS as readonly string[]).includes(m) ? RISK_TITLES[m as RiskTier].toLowerCase() : m));
}
