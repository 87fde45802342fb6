import type { Store } from '../db';
import type { Finding, FindingKind, ItemRef, Report } from '../vault';

// The seams executors act through. The desktop app and the CLI provide real ones; tests provide fakes.

export type { FindingKind, ItemRef };
/** The report as executors see it (the vault face's Report). */
export type ReportShape = Pick<Report, 'counts' | 'score' | 'findings' | 'excluded'>;
export type ReportFinding = Finding;

export interface VaultAccess {
  getItemRef(store: Store, itemId: string): ItemRef | null;
  buildReport(store: Store): ReportShape;
  snoozeFinding(store: Store, kind: FindingKind, itemIds: string[], untilMs: number): void;
  markResolved(store: Store, kind: FindingKind, itemIds: string[]): void;
  clearFindingState(store: Store, kind: FindingKind, itemIds: string[]): void;
}

export interface Clipboard {
  /** Null when the clipboard cannot be read (then it is never cleared blindly). */
  read(): Promise<string | null>;
  write(text: string): Promise<void>;
}

export type OpenExternal = (url: string) => Promise<void>;

/** Points inside an execution where a crash test may kill the process. */
export type ExecutionStep = 'intent-recorded' | 'backup-written' | 'temp-written' | 'renamed' | 'done-recorded';

export interface ExecutionPorts {
  vault: VaultAccess;
  clipboard?: Clipboard;
  openExternal?: OpenExternal;
  /** Milliseconds before a copied password is cleared (if the clipboard still holds it). Default 30 000. */
  clipboardClearMs?: number;
  /** Test hook: called at each step of a file-writing execution. */
  onStep?: (step: ExecutionStep) => void;
  now?: () => number;
}
