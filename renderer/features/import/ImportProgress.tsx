import { useEffect, useState } from 'react';
import type { ImportPhaseT } from '../../../electron/ipc/contract';
import { FINDING_KINDS, FINDING_TITLES, type FindingKind } from '../../../electron/vocabulary';
import { count, PHASE_WORDS, secondsLeft, timeLeftWords } from '../../lib/progress';

export interface Progress {
  phase: ImportPhaseT;
  done: number;
  total: number;
  /** When the scoring phase started: the rate for "time left" is measured from here. */
  scoringSince: number | null;
  /** Items per finding kind by every check but strength, known before the estimates finish. */
  soFar?: Partial<Record<FindingKind, number>>;
}

/** "Reused passwords: 136 · Exposed passwords: 45"; '' before anything is known. */
function soFarWords(soFar: Progress['soFar']): string {
  if (!soFar) return '';
  return FINDING_KINDS.filter((k) => soFar[k])
    .map((k) => `${FINDING_TITLES[k].plural}: ${count(soFar[k]!)}`)
    .join(' · ');
}

/** Phase in words, the count of the total, time left, and Cancel (which leaves the store exactly as it was). */
export function ImportProgress({ progress: p, onCancel }: { progress: Progress; onCancel: () => void }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const counting = p.phase === 'scoring' && p.total > 0;
  const left = counting && p.scoringSince !== null ? secondsLeft(p.scoringSince, now, p.done, p.total) : null;
  return (
    <div className="import-progress" role="group" aria-label="Import progress" data-testid="import-progress" data-phase={p.phase}>
      <p>
        <strong>{PHASE_WORDS[p.phase]}…</strong>
        {counting && (
          <span>
            {' '}
            {count(p.done)} of {count(p.total)} passwords
          </span>
        )}
      </p>
      {counting ? <progress max={p.total} value={p.done} aria-label={`${PHASE_WORDS[p.phase]}: ${count(p.done)} of ${count(p.total)} passwords`} /> : <progress aria-label={PHASE_WORDS[p.phase]} />}
      <p className="muted small" aria-live="polite">
        {counting ? timeLeftWords(left) : p.phase === 'decrypting' ? 'Strong KeePass settings can take several seconds.' : ' '}
      </p>
      {soFarWords(p.soFar) && (
        <p className="small" data-testid="import-so-far">
          Found so far (password strength still being checked): {soFarWords(p.soFar)}
        </p>
      )}
      <button type="button" onClick={onCancel}>
        Cancel import
      </button>
    </div>
  );
}
