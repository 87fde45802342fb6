import { FINDING_KINDS, isFindingKind, SEVERITIES, type Exposure, type FindingKind, type Severity } from '../vocabulary';
import type { ImportFormat, ItemKind } from './types';

// The vault engine's public shapes (the `bastion import/report --json` contract of issue 2). Finding kinds and
// severities are the shared vocabulary's.

export { FINDING_KINDS, isFindingKind, SEVERITIES, type FindingKind, type Severity };

export interface ImportSummary {
  source: string;
  format: string;
  items: number;
  logins: number;
  /** Every entry not imported, and why; `line` (1-based) for line-based formats (CSV). */
  skipped: { reason: string; line?: number }[];
  /** Present when most entries were skipped: how many, so it is never missed. (All skipped is an error instead.) */
  warning?: string;
}

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  items: { id: string; title: string }[];
  /** One code-written sentence. Never contains vault text other than host names, so it is safe to show a model. */
  reason: string;
  /** For `exposed`: on the common-password list, or found in an imported breach corpus. */
  exposure?: Exposure;
}

/** A finding hidden by the user's snooze or resolved mark (listed, not dropped). */
export interface SuppressedFinding extends Finding {
  state: 'snoozed' | 'resolved';
}

export interface Report {
  counts: { items: number; logins: number };
  /** 0–100: 100 means no open finding on any login. */
  score: number;
  findings: Finding[];
  /** Findings (or the part of a group finding) on items/groups the user excluded from that kind. */
  excluded: Finding[];
  /**
   * Findings on items their own vault keeps out of its reports (KeePassXC "Exclude from database reports"): listed
   * under "Excluded by the vault", not counted in the score, never dropped. Always set by buildReport (optional only so
   * hand-built reports, such as the assistant's filtered views, need not name it).
   */
  excludedByVault?: Finding[];
  suppressed: SuppressedFinding[];
}

export interface ItemRef {
  id: string;
  title: string;
  username: string | null;
  urls: string[];
  kind: ItemKind;
  group: string | null;
  sourceId: string;
  sourcePath: string;
  format: ImportFormat;
  externalId: string;
}

export interface SourceInfo {
  id: string;
  path: string;
  name: string;
  format: string;
  importedAt: string;
  items: number;
  logins: number;
}

export interface Exclusion {
  kind: FindingKind | '*';
  targetType: 'item' | 'group';
  target: string;
}
