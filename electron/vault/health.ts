import type { Store } from '../db';
import { guessTimeOf, type Exposure, type GuessTime } from '../vocabulary';
import { scoreOf, type RawFinding } from './analysis/findings';
import { displayName } from './display-name';
import type { FindingKind, Severity } from './model';
import { classify, type Classified, type Place } from './report';
import { loadItemAndPeers, type StoredItem } from './store/items';
import type { ImportFormat, ItemKind } from './types';

// Vault health per item: what the dashboard's table, its "Fix first" plan and its details drawer show. Read from the
// same classification as the report (so counts agree), one row per stored item, never a secret.

export interface ItemFinding {
  kind: FindingKind;
  severity: Severity;
  /** open, or set aside: by the vault itself, an exclusion, a snooze (until `until`) or a resolved mark. */
  state: Place;
  /** For a snooze: when it ends (ms since the epoch). */
  until?: number;
  exposure?: Exposure;
}

/** Where items came from; rows name one by its index (10,000 rows need not repeat a file name each). */
export interface HealthSource {
  name: string;
  format: ImportFormat;
  /** Whether Bastion can write items back (KeePass files only; exports get a guided change). */
  writable: boolean;
}

export interface HealthItem {
  id: string;
  title: string;
  kind: ItemKind;
  site: string | null;
  username: string | null;
  /** Index into `sources`. */
  source: number;
  strength: number | null;
  guessTime: GuessTime | null;
  /** When the password last changed (or the entry, where the format does not say), ms since the epoch. */
  changedMs: number | null;
  findings: ItemFinding[];
  /** How urgent the open findings are together (0 when none is open); the "Fix first" order. */
  risk: number;
}

/** The next step for an item's worst open finding, given what its source can do. */
export type NextStep = 'rotate' | 'guided_change' | 'fix_url' | 'add_two_factor' | 'recycle_duplicate' | 'remove_duplicate';

export interface PlanEntry {
  itemId: string;
  title: string;
  kind: FindingKind;
  exposure?: Exposure;
  reason: string;
  step: NextStep;
}

export interface VaultHealth {
  counts: { items: number; logins: number };
  /** The report's score (0–100), from the same classification. */
  score: number;
  sources: HealthSource[];
  items: HealthItem[];
  /** The few items to fix first, most urgent first. */
  plan: PlanEntry[];
}

export interface ItemHealthDetail {
  item: HealthItem;
  source: HealthSource;
  urls: string[];
  group: string | null;
  hasTotp: boolean;
  findings: (ItemFinding & { reason: string; related: { id: string; title: string }[] })[];
}

const RISK: Record<Severity, number> = { critical: 40, high: 25, medium: 10, low: 3 };
const PLAN_SIZE = 5;
const RELATED_MAX = 20;

/** Every item with its findings (open and set aside), and the fix-first plan. */
export function readVaultHealth(store: Store, opts: { now?: number } = {}): VaultHealth {
  return vaultHealthOf(store, classify(store, opts.now ?? Date.now()));
}

/** The health view from classified findings (kept-views.ts keeps what it builds). */
export function vaultHealthOf(store: Store, c: Classified): VaultHealth {
  const sources = sourceTable(store);
  const perItem = findingsByItem(c);
  const items = c.items.map((it) => toHealthItem(it, perItem.get(it.id) ?? [], sources.index));
  const loginIds = c.items.filter((i) => i.kind === 'login').map((i) => i.id);
  const open = c.placed.map(({ finding, places }) => ({ severity: finding.severity, itemIds: finding.itemIds.filter((_, i) => places[i] === 'open') }));
  return { counts: { items: items.length, logins: loginIds.length }, score: scoreOf(loginIds, open), sources: sources.list, items, plan: planOf(items, sources.list, perItem) };
}

/** One item's health with each finding's reason and the other items it shares the finding with. */
export function readItemHealth(store: Store, itemId: string, opts: { now?: number } = {}): ItemHealthDetail | null {
  // The item and its peers only: a details drawer on a 10,000-item vault must not analyse all of it.
  const c = classify(store, opts.now ?? Date.now(), loadItemAndPeers(store, itemId));
  const it = c.byId.get(itemId);
  if (!it) return null;
  const mine = findingsByItem(c).get(itemId) ?? [];
  const sources = sourceTable(store);
  const item = toHealthItem(it, mine, sources.index);
  return {
    item,
    source: sources.list[item.source]!,
    urls: it.urls,
    group: it.group,
    hasTotp: it.hasTotp,
    findings: mine.map(({ finding, found }) => ({
      ...found,
      reason: finding.reason,
      related: finding.itemIds
        .filter((id) => id !== itemId)
        .slice(0, RELATED_MAX)
        .map((id) => ({ id, title: displayName(c.byId.get(id)!) })),
    })),
  };
}

type Found = { finding: RawFinding; found: ItemFinding };

function findingsByItem(c: Classified): Map<string, Found[]> {
  const out = new Map<string, Found[]>();
  for (const { finding, places } of c.placed) {
    finding.itemIds.forEach((id, i) => {
      const state = places[i]!;
      const s = state === 'snoozed' ? c.state.get(`${finding.kind}\0${id}`) : undefined;
      const found: ItemFinding = {
        kind: finding.kind,
        severity: finding.severity,
        state,
        ...(s?.untilMs != null ? { until: s.untilMs } : {}),
        ...(finding.exposure ? { exposure: finding.exposure } : {}),
      };
      const list = out.get(id);
      if (list) list.push({ finding, found });
      else out.set(id, [{ finding, found }]);
    });
  }
  return out;
}

function toHealthItem(it: StoredItem, found: Found[], sourceIndex: Map<string, number>): HealthItem {
  const findings = found.map((f) => f.found);
  return {
    id: it.id,
    title: displayName(it),
    kind: it.kind,
    site: it.site,
    username: it.username,
    source: sourceIndex.get(it.sourceId) ?? 0,
    strength: it.strength,
    guessTime: it.guessesLog10 === null ? null : guessTimeOf(it.guessesLog10),
    changedMs: it.passwordChangedMs ?? it.modifiedMs,
    findings,
    risk: findings.reduce((n, f) => n + (f.state === 'open' ? RISK[f.severity] : 0), 0),
  };
}

function sourceTable(store: Store): { list: HealthSource[]; index: Map<string, number> } {
  const rows = store.db.prepare<{ id: string; name: string; format: ImportFormat }>('select id, name, format from vault_sources order by path').all();
  return { list: rows.map((r) => ({ name: r.name, format: r.format, writable: r.format === 'kdbx' })), index: new Map(rows.map((r, i) => [r.id, i])) };
}

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

function planOf(items: HealthItem[], sources: HealthSource[], perItem: Map<string, Found[]>): PlanEntry[] {
  const top = items
    .filter((i) => i.risk > 0)
    .sort((a, b) => b.risk - a.risk || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0))
    .slice(0, PLAN_SIZE);
  return top.map((i) => {
    const worst = perItem
      .get(i.id)!
      .filter((f) => f.found.state === 'open')
      .sort((a, b) => SEVERITY_ORDER[a.found.severity] - SEVERITY_ORDER[b.found.severity])[0]!;
    return {
      itemId: i.id,
      title: i.title,
      kind: worst.finding.kind,
      ...(worst.finding.exposure ? { exposure: worst.finding.exposure } : {}),
      reason: worst.finding.reason,
      step: nextStep(worst.finding.kind, sources[i.source]!.writable),
    };
  });
}

/** What to do about a finding, limited to what the item's source can take: only KeePass files are written to. */
export function nextStep(kind: FindingKind, writable: boolean): NextStep {
  switch (kind) {
    case 'exposed':
    case 'reused':
    case 'weak':
    case 'old':
      return writable ? 'rotate' : 'guided_change';
    case 'insecure_url':
      return 'fix_url';
    case 'missing_2fa':
      return 'add_two_factor';
    case 'duplicate':
      return writable ? 'recycle_duplicate' : 'remove_duplicate';
    default:
      kind satisfies never;
      throw new Error(`unknown finding kind ${String(kind)}`);
  }
}
