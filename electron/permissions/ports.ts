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

/** A settings page to open (a URI the OS opens) or a command for the person to run themselves. */
export type SettingsTarget = { kind: 'uri'; uri: string; label: string } | { kind: 'command'; command: string; note: string };

/** The device-health fixes (electron/device), handed in by the use-case layer so the gate stays the only executor. */
export interface DeviceFixes {
  makePrivate(path: string): { path: string; oldMode: number; newMode: number };
  restoreMode(path: string, oldMode: number): void;
  /** The export format when the file's CONTENT is a plain-text vault export (never by name); null otherwise. */
  plaintextExportFormat(path: string): Promise<string | null>;
  trash(path: string): { trashedPath: string; entry: Record<string, unknown> };
  restoreTrashed(entry: Record<string, unknown>): { path: string };
  overwriteAndDelete(path: string): { bytesOverwritten: number };
  settingsTarget(checkId: string): SettingsTarget | null;
  /** Opens a settings URI (scheme already checked); absent where nothing can be opened. */
  openSettings?(uri: string): Promise<void>;
}

export interface ExecutionPorts {
  vault: VaultAccess;
  device?: DeviceFixes;
  clipboard?: Clipboard;
  openExternal?: OpenExternal;
  /** Milliseconds before a copied password is cleared (if the clipboard still holds it). Default 30 000. */
  clipboardClearMs?: number;
  /** Test hook: called at each step of a file-writing execution. */
  onStep?: (step: ExecutionStep) => void;
  now?: () => number;
}
