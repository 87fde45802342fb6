import { FINDING_KINDS, isFindingKind, SEVERITIES, type FindingKind, type Severity } from '../vocabulary';
import type { ImportFormat, ItemKind } from './types';

// The vault engine's public shapes (the `bastion import/report --json` contract of issue 2). Finding kinds and
// severities are the shared vocabulary's.

export { FINDING_KINDS, isFindingKind, SEVERITIES, type FindingKind, type Severity };

export interface ImportSummary {
  source: string;
  format: string;
  items: number;
  logins: number;
  skipped: { reason: string }[];
}

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  items: { id: string; title: string }[];
  /** One code-written sentence. Never contains vault text other than host names, so it is safe to show a model. */
  reason: string;
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
