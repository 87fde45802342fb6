import type { FindingT } from '../../../electron/ipc/contract';
import { chipLabel } from '../health/words';

/** A finding exactly as the engine reported it (never parsed from model text). */
export function FindingCard({ finding, onItem }: { finding: FindingT; onItem?: (id: string) => void }) {
  const label = chipLabel(finding);
  return (
    <article className={`card finding sev-${finding.severity}`} aria-label={`${label} finding`}>
      <header>
        <strong>{label}</strong>
      </header>
      <p>{finding.reason}</p>
      <ul className="items">
        {finding.items.map((it) => (
          <li key={it.id}>
            {onItem ? (
              <button type="button" className="link" onClick={() => onItem(it.id)}>
                {it.title}
              </button>
            ) : (
              it.title
            )}
          </li>
        ))}
      </ul>
    </article>
  );
}
