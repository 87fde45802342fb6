// Import progress in words: the phase, the count, and a time-left estimate from the rate so far.

import type { ImportPhaseT } from '../../electron/ipc/contract';

export const PHASE_WORDS: Record<ImportPhaseT, string> = {
  reading: 'Reading the file',
  decrypting: 'Decrypting the KeePass database',
  scoring: 'Checking password strength',
  saving: 'Saving the results',
};

/** Seconds left at the rate seen since `startedMs`, or null until there is a rate to go by. */
export function secondsLeft(startedMs: number, nowMs: number, done: number, total: number): number | null {
  const elapsed = (nowMs - startedMs) / 1000;
  if (done <= 0 || total <= 0 || elapsed < 0.5) return null;
  return Math.max(0, ((total - done) * elapsed) / done);
}

export function timeLeftWords(seconds: number | null): string {
  if (seconds === null) return 'Estimating time left…';
  if (seconds < 5) return 'Almost done';
  if (seconds < 60) return `About ${Math.round(seconds / 5) * 5} seconds left`;
  const m = Math.round(seconds / 60);
  return `About ${m} minute${m === 1 ? '' : 's'} left`;
}

export const count = (n: number): string => n.toLocaleString('en-US');
