import type { HealthItemT, ItemFindingT, ItemHealthDetailT } from '../../../electron/ipc/contract';
import { call, messageOf } from '../../lib/ipc';
import { useApp } from '../../store/app';
import { chipLabel, stateWords } from './words';

/** The item's findings, each with its reason and its own Snooze / Mark resolved / Restore: per finding, not per item. */
export function FindingList({ row, detail }: { row: HealthItemT; detail: ItemHealthDetailT | null }) {
  if (row.findings.length === 0) return <p className="muted">No finding on this item.</p>;
  return (
    <section aria-labelledby="findings-title">
      <h3 id="findings-title">Findings</h3>
      <ul className="finding-list">
        {row.findings.map((f) => {
          const d = detail?.findings.find((x) => x.kind === f.kind);
          return (
            <li key={f.kind} data-kind={f.kind}>
              <p>
                <span className={`chip k-${f.kind} sev-${f.severity}`}>{chipLabel(f)}</span> <span className="muted small">{stateWords(f)}</span>
              </p>
              <p className="small">{d?.reason ?? 'Loading the reason…'}</p>
              {d && d.related.length > 0 && (
                <p className="small">
                  {f.kind === 'reused' ? 'Same password as: ' : 'Same account as: '}
                  {d.related.map((r) => r.title).join(', ')}
                </p>
              )}
              <FindingActions row={row} f={f} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function FindingActions({ row, f }: { row: HealthItemT; f: ItemFindingT }) {
  const label = `${chipLabel(f)} on ${row.title}`;
  const s = useApp.getState();
  const restore = async (how: 'clear' | 'include') => {
    try {
      if (how === 'clear') await call('vault:exclude', { kind: f.kind, itemIds: [row.id], mode: 'clear' });
      else await call('vault:include', { itemId: row.id, kind: f.kind });
      s.say(`Restored: ${label}.`);
      await s.refreshHealth();
    } catch (e) {
      s.say(messageOf(e));
    }
  };
  switch (f.state) {
    case 'open':
      return (
        <div className="fixes">
          <button type="button" aria-label={`Snooze for 30 days: ${label}`} onClick={() => void s.propose({ action: 'snooze_finding', args: { kind: f.kind, itemIds: [row.id], days: 30 } })}>
            Snooze 30 days
          </button>
          <button type="button" aria-label={`Mark resolved: ${label}`} onClick={() => void s.propose({ action: 'mark_resolved', args: { kind: f.kind, itemIds: [row.id] } })}>
            Mark resolved
          </button>
        </div>
      );
    case 'snoozed':
    case 'resolved':
      return (
        <button type="button" aria-label={`Restore: ${label}`} onClick={() => void restore('clear')}>
          Restore
        </button>
      );
    case 'excluded':
      return (
        <button type="button" aria-label={`Include again: ${label}`} onClick={() => void restore('include')}>
          Include again
        </button>
      );
    case 'vault':
      return <p className="muted small">Change this in KeePassXC (Exclude from database reports), then import again.</p>;
    default:
      f.state satisfies never;
      return null;
  }
}
