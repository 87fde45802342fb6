import { actionTitle, FINDING_TITLES, isFindingKind, RISK_TITLES, RISK_TIERS, type RiskTier } from '../../../electron/vocabulary';
import { humanizeText } from '../../lib/humanize';

// The audit log in words: what happened, how it ended, who did it, and each recorded field as a labelled line.
// Never raw JSON, never an internal id, never a UTC timestamp.

export interface AuditRow {
  event: string;
  actor: string;
  action: string | null;
  body: Record<string, unknown>;
}

const EVENT_WORDS: Record<string, string> = {
  proposal_created: 'Proposed',
  proposal_invalid: 'Refused: not a valid action',
  decision: 'Checked against policy',
  confirmed: 'Confirmed',
  confirmation_refused: 'Confirmation refused',
  rejected: 'Rejected',
  execution_started: 'Started',
  executed: 'Done',
  execution_failed: 'Failed',
  execution_aborted: 'Stopped before changing anything',
  undo_started: 'Undo started',
  undone: 'Undone',
  undo_failed: 'Undo failed',
  data_wiped: 'Local data deleted',
  setting_changed: 'Setting changed',
  finding_excluded: 'Finding excluded',
  finding_included: 'Finding included again',
  finding_restored: 'Finding restored',
  source_forgotten: 'Imported file forgotten',
  model_changed: 'Model changed',
  document_removed: 'Document removed',
};

const ACTORS: Record<string, string> = { user: 'You', model: 'The assistant', policy: 'Policy', system: 'Bastion' };
const DECISIONS: Record<string, string> = { allow: 'Allowed', confirm: 'Needs your confirmation', deny: 'Denied' };

/** The row's headline: the action's title, or the event itself for changes outside the action catalog. */
export const whatOf = (r: AuditRow): string => (r.action ? actionTitle(r.action) : (EVENT_WORDS[r.event] ?? 'Recorded event'));

/** How this step ended, in words. */
export function outcomeOf(r: AuditRow): string {
  if (r.event === 'decision' && typeof r.body.outcome === 'string') return `Policy: ${(DECISIONS[r.body.outcome] ?? 'decided').toLowerCase()}`;
  if (!r.action) return 'Done';
  return EVENT_WORDS[r.event] ?? 'Recorded';
}

export const actorOf = (actor: string): string => ACTORS[actor] ?? 'Bastion';

const LABELS: Record<string, string> = {
  args: 'Asked for',
  outcome: 'Outcome',
  reason: 'Why',
  provenance: 'Asked by',
  detail: 'Details',
  itemId: 'Item',
  itemIds: 'Items',
  kind: 'Finding',
  days: 'Days',
  path: 'File',
  format: 'Format',
  generatedId: 'Password',
  length: 'Length',
  risk: 'Kind of change',
  tainted: 'Untrusted text involved',
  effect: 'Effect',
  userMessage: 'Your message',
  actor: 'By',
  untrusted: 'Untrusted text involved',
  clearsAfterMs: 'Clipboard cleared after',
  backup: 'Backup',
  checkId: 'Check',
  mode: 'How',
  change: 'Change',
  model: 'Model',
  removed: 'Removed',
  restored: 'Restored',
  items: 'Items',
  source: 'Imported file',
};

// Fields that are machine bookkeeping, not something a person checks.
const HIDDEN = new Set(['conversationId', 'argsHash', 'hash', 'prevHash', 'sha256', 'chunkIds', 'form', 'entry', 'historyIndex', 'parentId']);

const words = (key: string): string => LABELS[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

function valueWords(key: string, v: unknown, titles: ReadonlyMap<string, string>): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'number') return key.endsWith('Ms') ? `${Math.round(v / 1000)} seconds` : String(v);
  if (Array.isArray(v)) return v.map((x) => valueWords(key, x, titles)).join(', ') || 'none';
  if (typeof v === 'string') {
    if (key === 'kind' && isFindingKind(v)) return FINDING_TITLES[v].one;
    if (key === 'risk' && (RISK_TIERS as readonly string[]).includes(v)) return RISK_TITLES[v as RiskTier];
    if (key === 'actor') return actorOf(v);
    if (key === 'outcome' && DECISIONS[v]) return DECISIONS[v]!;
    return humanizeText(v, titles);
  }
  return '';
}

/** Every recorded field as "Label: value" lines (nested objects become "Parent › Field"), ids named by title. */
export function describeBody(body: Record<string, unknown>, titles: ReadonlyMap<string, string> = new Map(), prefix = ''): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  for (const [k, v] of Object.entries(body)) {
    if (HIDDEN.has(k)) continue;
    const label = prefix ? `${prefix} › ${words(k)}` : words(k);
    if (v && typeof v === 'object' && !Array.isArray(v)) out.push(...describeBody(v as Record<string, unknown>, titles, label));
    else if (Array.isArray(v) && v.some((x) => x && typeof x === 'object')) v.forEach((x, i) => out.push(...(x && typeof x === 'object' ? describeBody(x as Record<string, unknown>, titles, `${label} ${i + 1}`) : [{ label, value: valueWords(k, x, titles) }])));
    else out.push({ label, value: valueWords(k, v, titles) });
  }
  return out;
}

/** The item ids a record names, to look their titles up. */
export function itemIdsIn(body: unknown): string[] {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') for (const m of v.matchAll(/\bit_[A-Za-z0-9_-]{6,64}/g)) found.add(m[0]);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(body);
  return [...found];
}
