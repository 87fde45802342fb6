import type { HealthOverviewT } from '../../../electron/ipc/contract';
import { exactTime } from '../../lib/time';
import { KINDS } from './words';

const W = 300;
const H = 90;
const PAD = 8;

type Snapshot = HealthOverviewT['history'][number];
const open = (s: Snapshot) => KINDS.reduce((n, k) => n + (s.counts[k] ?? 0), 0);

/** The score and the number of open findings after each import: two lines, and the numbers in a table on request. */
export function TrendChart({ history }: { history: Snapshot[] }) {
  if (history.length === 0) return null;
  const maxOpen = Math.max(1, ...history.map(open));
  const x = (i: number) => (history.length === 1 ? W / 2 : PAD + (i * (W - 2 * PAD)) / (history.length - 1));
  const yScore = (v: number) => H - PAD - (v / 100) * (H - 2 * PAD);
  const yOpen = (v: number) => H - PAD - (v / maxOpen) * (H - 2 * PAD);
  const line = (y: (s: Snapshot) => number) => history.map((s, i) => `${i ? 'L' : 'M'} ${x(i).toFixed(1)} ${y(s).toFixed(1)}`).join(' ');
  const first = history[0]!;
  const last = history.at(-1)!;
  const summary =
    history.length === 1
      ? `One import so far: score ${last.score}, ${open(last)} open findings. The trend starts here.`
      : `Over ${history.length} imports the score went from ${first.score} to ${last.score}, and open findings from ${open(first)} to ${open(last)}.`;
  return (
    <figure className="trend" aria-labelledby="trend-title">
      <figcaption id="trend-title">
        <strong>Trend</strong> <span className="muted">{summary}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} aria-hidden="true" className="trend-svg">
        <path className="trend-open" d={line((s) => yOpen(open(s)))} />
        <path className="trend-score" d={line((s) => yScore(s.score))} />
        {history.map((s, i) => (
          <circle key={i} className="trend-dot" cx={x(i)} cy={yScore(s.score)} r="3" />
        ))}
      </svg>
      <p className="legend small">
        <span className="key key-score" aria-hidden="true" /> Score <span className="key key-open" aria-hidden="true" /> Open findings
      </p>
      <details>
        <summary>Show the numbers</summary>
        <table className="small">
          <thead>
            <tr>
              <th scope="col">Import</th>
              <th scope="col">Score</th>
              <th scope="col">Open findings</th>
            </tr>
          </thead>
          <tbody>
            {history.map((s, i) => (
              <tr key={i}>
                <td>{exactTime(s.at)}</td>
                <td>{s.score}</td>
                <td>{open(s)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
