import { BAND_WORDS, bandOf } from '../../lib/scores';

const R = 50;
const LEN = Math.PI * R;

/** A half-circle gauge read at a glance: the number, its band in words, and the arc; "—" when there is no score. */
export function ScoreGauge({ score, label, testId, small }: { score: number | null; label: string; testId?: string; small?: boolean }) {
  const band = score === null ? null : bandOf(score);
  const words = score === null ? `${label}: not known yet` : `${label}: ${score} out of 100, ${BAND_WORDS[band!].toLowerCase()}`;
  return (
    <figure className={`gauge${small ? ' small' : ''}`} data-testid={testId}>
      <svg viewBox="0 0 120 70" role="img" aria-label={words}>
        <path className="gauge-track" d={`M 10 62 A ${R} ${R} 0 0 1 110 62`} />
        {score !== null && <path className={`gauge-fill band-${band}`} d={`M 10 62 A ${R} ${R} 0 0 1 110 62`} strokeDasharray={`${(LEN * score) / 100} ${LEN}`} />}
        <text x="60" y="58" textAnchor="middle" className="gauge-number">
          {score ?? '—'}
        </text>
      </svg>
      <figcaption>
        <strong>{label}</strong>
        <span className="muted">{score === null ? 'Not known yet' : BAND_WORDS[band!]}</span>
      </figcaption>
    </figure>
  );
}
