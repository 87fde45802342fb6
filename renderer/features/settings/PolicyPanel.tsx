import type { PolicyStatusT } from '../../../electron/ipc/contract';
import { exactTime, relativeTime, timeOf } from '../../lib/time';

type Entry = NonNullable<PolicyStatusT['history']>[number];

const STATUS_WORDS: Record<Entry['status'], string> = {
  valid: 'Valid policy',
  invalid: 'Invalid policy: Bastion ran locked down',
  absent: 'No policy file',
};

/** The managed policy in force, and every policy this computer has run under (newest first). */
export function PolicyPanel({ policy }: { policy: PolicyStatusT }) {
  const history = policy.history ?? [];
  const now = Date.now();
  return (
    <section aria-labelledby="policy-h" className={`panel policy-${policy.state}`}>
      <h2 id="policy-h">Managed policy</h2>
      <p>{policy.message}</p>
      {policy.source && <p className="mono small">{policy.source}</p>}
      {history.length > 0 && (
        <details data-testid="policy-history">
          <summary>Policy history on this computer ({history.length})</summary>
          <ol className="policy-history">
            {history.map((h, i) => (
              <li key={`${h.firstSeen}-${i}`} data-status={h.status}>
                <strong>{STATUS_WORDS[h.status]}</strong>
                {i === 0 && <span className="badge">in force</span>}
                <p className="small">
                  First seen <When iso={h.firstSeen} now={now} />, last seen <When iso={h.lastSeen} now={now} />
                  {h.sha256 && <> · fingerprint <span className="mono">{h.sha256.slice(0, 12)}</span></>}
                </p>
                <p className="mono small">{h.path}</p>
                {h.problem && <p className="small">{h.problem}</p>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}

function When({ iso, now }: { iso: string; now: number }) {
  const ms = timeOf(iso);
  if (ms === null) return <>at an unknown time</>;
  return (
    <time dateTime={new Date(ms).toISOString()} title={exactTime(ms)}>
      {relativeTime(ms, now)}
    </time>
  );
}
