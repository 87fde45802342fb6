import type { Store } from '../db';
import { analyse, scoreOf, type RawFinding } from './analysis/findings';
import { TWO_FACTOR_DOMAINS } from './analysis/two-factor';
import { displayName } from './display-name';
import type { Exclusion, Finding, FindingKind, Report, SuppressedFinding } from './model';
import { loadItems, type StoredItem } from './store/items';
import { groupMatches, listExclusions, loadFindingState, type FindingStateRow } from './store/state';

export interface ReportOptions {
  /** The clock for `old` and snooze expiry (tests). */
  now?: number;
}

/**
 * The hygiene report: every check over every stored login, then the vault's and the user's decisions. An item its own
 * vault excludes from reports moves to `excludedByVault`; one the user excluded from a kind to `excluded`; a snoozed
 * (until expiry) or resolved (password unchanged) one to `suppressed`. Nothing is dropped silently. Deterministic for
 * the same store and clock.
 */
export function buildReport(store: Store, opts: ReportOptions = {}): Report {
  return reportOf(classify(store, opts.now ?? Date.now()));
}

/** The report from classified findings (the report cache keeps what it builds and when it stops holding). */
export function reportOf({ items, byId, placed }: Classified): Report {
  const findings: Finding[] = [];
  const excluded: Finding[] = [];
  const excludedByVault: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const open: RawFinding[] = [];
  for (const { finding: f, places } of placed) {
    const parts: Record<Place, string[]> = { open: [], vault: [], excluded: [], snoozed: [], resolved: [] };
    f.itemIds.forEach((id, i) => parts[places[i]!].push(id));
    const toFinding = (ids: string[]): Finding => ({
      kind: f.kind,
      severity: f.severity,
      // Items stored before display names were derived may have an empty title; a finding never shows one.
      items: ids.map((id) => ({ id, title: displayName(byId.get(id)!) })),
      reason: f.reason,
      ...(f.exposure ? { exposure: f.exposure } : {}),
    });
    if (parts.open.length) {
      findings.push(toFinding(parts.open));
      open.push({ ...f, itemIds: parts.open });
    }
    if (parts.vault.length) excludedByVault.push(toFinding(parts.vault));
    if (parts.excluded.length) excluded.push(toFinding(parts.excluded));
    if (parts.snoozed.length) suppressed.push({ ...toFinding(parts.snoozed), state: 'snoozed' });
    if (parts.resolved.length) suppressed.push({ ...toFinding(parts.resolved), state: 'resolved' });
  }
  const loginIds = items.filter((i) => i.kind === 'login').map((i) => i.id);
  return {
    counts: { items: items.length, logins: loginIds.length },
    score: scoreOf(loginIds, open),
    findings,
    excluded,
    excludedByVault,
    suppressed,
  };
}

/** Where one item's part of a finding stands: open, or set aside by the vault, an exclusion, a snooze or a resolve. */
export type Place = 'open' | 'vault' | 'excluded' | 'snoozed' | 'resolved';

export interface Classified {
  items: StoredItem[];
  byId: Map<string, StoredItem>;
  /** Every raw finding with the place of each of its items (same order as `finding.itemIds`). */
  placed: { finding: RawFinding; places: Place[] }[];
  /** The user's snoozes and resolved marks, by `${kind}\0${itemId}`. */
  state: Map<string, FindingStateRow>;
}

/**
 * Every check over every stored item, then each finding's items placed by the vault's and the user's decisions: the
 * one reading the report and the per-item health view share, so both always agree. `only` analyses a subset (one
 * item and its peers, see loadItemAndPeers) instead of the whole store.
 */
export function classify(store: Store, now: number, only?: StoredItem[]): Classified {
  const items = only ?? loadItems(store);
  const byId = new Map(items.map((i) => [i.id, i]));
  const raw = analyse(items, { now, twoFactorDomains: TWO_FACTOR_DOMAINS });
  const exclusions = listExclusions(store);
  const state = new Map(loadFindingState(store).map((s) => [`${s.kind}\0${s.itemId}`, s]));
  const placed = raw.map((finding) => ({ finding, places: finding.itemIds.map((id) => placeOf(finding.kind, byId.get(id)!, exclusions, state, now)) }));
  return { items, byId, placed, state };
}

function placeOf(kind: FindingKind, item: StoredItem, exclusions: readonly Exclusion[], state: Map<string, FindingStateRow>, now: number): Place {
  if (item.excludedByVault) return 'vault';
  for (const ex of exclusions) {
    if (ex.kind !== '*' && ex.kind !== kind) continue;
    if (ex.targetType === 'item' ? ex.target === item.id : groupMatches(item.group, ex.target)) return 'excluded';
  }
  const s = state.get(`${kind}\0${item.id}`);
  if (s?.state === 'snoozed' && (s.untilMs ?? 0) > now) return 'snoozed';
  if (s?.state === 'resolved' && sameFingerprint(s.fingerprint, item.fingerprint)) return 'resolved';
  return 'open';
}

function sameFingerprint(a: Buffer | null, b: Buffer | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}
