import type { FindingT } from '../../../electron/ipc/contract';
import { KIND_LABEL } from '../dashboard/kinds';

/** A finding exactly as the engine reported it (never parsed from model text). */
export function FindingCard({ finding, onItem }: { finding: FindingT; onItem?: (id: string) => void }) {
  return (
    <article className={`card finding sev-${finding.severity}`} aria-label={`${KIND_LABEL[finding.kind]} finding, ${finding.severity}`}>
      <header>
        <span className="badge">{finding.severity}</span> <strong>{KIND_LABEL[finding.kind]}</strong>
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
