import { GUESS_TIME_WORDS, guessTimeOf, type Exposure } from '../../vocabulary';
import type { FindingKind, Severity } from '../model';
import type { DerivedItem } from '../types';
import { hostOf, insecureUrl } from './site';

/** A finding before exclusions and user state are applied: item ids only. */
export interface RawFinding {
  kind: FindingKind;
  severity: Severity;
  itemIds: string[];
  reason: string;
  /** For `exposed` only: why (the common-password list or an imported breach corpus), so no one reads it from `reason`. */
  exposure?: Exposure;
}

export const OLD_AFTER_MS = 3 * 365.25 * 24 * 3600 * 1000;

export interface AnalyseOptions {
  now: number;
  /** The curated list of domains that offer TOTP/WebAuthn. */
  twoFactorDomains: readonly string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The seven deterministic checks, over logins only (notes, cards and identities are counted, never flagged).
 * Reasons are written by code and never quote vault text except host names.
 */
export function analyse(items: readonly DerivedItem[], opts: AnalyseOptions): RawFinding[] {
  const logins = items.filter((i) => i.kind === 'login');
  const out: RawFinding[] = [];
  const fpGroups = new Map<string, DerivedItem[]>();
  const accountGroups = new Map<string, DerivedItem[]>();

  for (const it of logins) {
    if (it.hasPassword) {
      const weak = weakFinding(it);
      if (weak) out.push(weak);
      if (it.exposed !== 0) out.push(exposedFinding(it));
      const changed = it.passwordChangedMs ?? it.modifiedMs;
      if (changed !== null && opts.now - changed > OLD_AFTER_MS) {
        out.push({
          kind: 'old',
          severity: 'low',
          itemIds: [it.id],
          reason: `This password has not been changed since ${day(changed)}, more than 3 years ago.`,
        });
      }
      const hex = it.fingerprint!.toString('hex');
      push(fpGroups, hex, it);
    }
    const http = insecureUrl(it.urls);
    if (http) {
      out.push({
        kind: 'insecure_url',
        severity: 'medium',
        itemIds: [it.id],
        reason: `The login page ${hostOf(http)} is saved with plain http://, so the password can be read or changed on the network.`,
      });
    }
    const twoFa = twoFactorSite(it, opts.twoFactorDomains);
    if (twoFa && !it.hasTotp) {
      out.push({
        kind: 'missing_2fa',
        severity: 'low',
        itemIds: [it.id],
        reason: `${twoFa} offers two-factor authentication, but this login has no one-time code (TOTP) set up.`,
      });
    }
    // A duplicate is two saved passwords for one account: an entry without a password holds none to keep in step.
    if (it.site && it.username && it.hasPassword) {
      const key = `${it.site}\0${it.username.toLowerCase()}`;
      push(accountGroups, key, it);
    }
  }

  for (const group of fpGroups.values()) {
    if (group.length < 2) continue;
    out.push({ kind: 'reused', severity: 'high', itemIds: group.map((g) => g.id), reason: reusedReason(group) });
  }
  for (const group of accountGroups.values()) {
    if (group.length < 2) continue;
    out.push({
      kind: 'duplicate',
      severity: 'low',
      itemIds: group.map((g) => g.id),
      reason: `${plural(group.length, 'item')} hold the same account on ${group[0]!.site}; keep one so the password you update is the one you use.`,
    });
  }
  return out.sort(compareRaw);
}

/** Only items with a URL are sites; the rest are counted as what they are. */
function reusedReason(group: readonly DerivedItem[]): string {
  const sites = new Set(group.flatMap((g) => (g.site ? [g.site] : []))).size;
  const noUrl = group.filter((g) => !g.site).length;
  const where = sites > 1 ? ` for ${plural(sites, 'different site')}` : '';
  let without = '';
  if (noUrl === group.length) without = noUrl === 2 ? ' (neither has a URL)' : ' (none has a URL)';
  else if (noUrl > 0) without = ` (${noUrl} ${noUrl === 1 ? 'has' : 'have'} no URL)`;
  return `${plural(group.length, 'login')}${where}${without} share one password, so one breach exposes them all.`;
}

function push<T>(m: Map<string, T[]>, key: string, v: T): void {
  const list = m.get(key);
  if (list) list.push(v);
  else m.set(key, [v]);
}

function weakFinding(it: DerivedItem): RawFinding | null {
  const short = it.lengthClass === 'short';
  const score = it.strength ?? 4;
  if (!short && score > 2) return null;
  const severity: Severity = short || score <= 1 ? 'high' : 'medium';
  const reason = short
    ? `This password is shorter than 8 characters, which can be cracked quickly.`
    : `This password is weak (strength ${score} of 4): it ${GUESS_TIME_WORDS[guessTimeOf(it.guessesLog10 ?? 0)]}.`;
  return { kind: 'weak', severity, itemIds: [it.id], reason };
}

function exposedFinding(it: DerivedItem): RawFinding {
  return {
    kind: 'exposed',
    severity: 'critical',
    itemIds: [it.id],
    exposure: it.exposed === 2 ? 'breach' : 'common',
    reason:
      it.exposed === 2
        ? `This password appears ${it.breachCount ?? 0} times in the breach corpus you imported, so attackers already have it.`
        : 'This password is on the list of the most common passwords, which attackers try first.',
  };
}

function twoFactorSite(it: DerivedItem, domains: readonly string[]): string | null {
  const rank = domainRanks(domains);
  for (const u of it.urls) {
    const host = hostOf(u);
    if (!host) continue;
    // Same answer as `domains.find((d) => hostMatches(host, d))`: of the host and its parent domains, the one listed
    // first. A few map lookups per URL instead of a scan of the whole list.
    let best: number | undefined;
    for (let d = host; ; ) {
      const r = rank.get(d);
      if (r !== undefined && (best === undefined || r < best)) best = r;
      const dot = d.indexOf('.');
      if (dot < 0) break;
      d = d.slice(dot + 1);
    }
    if (best !== undefined) return domains[best]!;
  }
  return null;
}

const ranks = new WeakMap<readonly string[], Map<string, number>>();
function domainRanks(domains: readonly string[]): Map<string, number> {
  let m = ranks.get(domains);
  if (!m) {
    m = new Map();
    domains.forEach((d, i) => {
      if (!m!.has(d)) m!.set(d, i);
    });
    ranks.set(domains, m);
  }
  return m;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };
const KIND_RANK: Record<FindingKind, number> = { exposed: 0, reused: 1, weak: 2, insecure_url: 3, old: 4, missing_2fa: 5, duplicate: 6 };

function compareRaw(a: RawFinding, b: RawFinding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
    (a.itemIds[0]! < b.itemIds[0]! ? -1 : a.itemIds[0]! > b.itemIds[0]! ? 1 : 0)
  );
}

/** 0–100: each login loses points for its worst open finding; 100 when nothing is open (or there are no logins). */
export function scoreOf(loginIds: readonly string[], open: readonly { severity: Severity; itemIds: readonly string[] }[]): number {
  if (loginIds.length === 0) return 100;
  const PENALTY: Record<Severity, number> = { critical: 1, high: 0.75, medium: 0.4, low: 0.15 };
  const worst = new Map<string, number>();
  for (const f of open) for (const id of f.itemIds) worst.set(id, Math.max(worst.get(id) ?? 0, PENALTY[f.severity]));
  let lost = 0;
  for (const id of loginIds) lost += worst.get(id) ?? 0;
  return Math.round(100 * (1 - lost / loginIds.length));
}
