import type { PlanEntryT } from '../../../electron/ipc/contract';
import { useApp } from '../../store/app';
import { chipLabel, STEP_WORDS } from './words';

/** The few items to fix first, most urgent first: why, and the next step their source allows. */
export function FixFirst({ plan }: { plan: PlanEntryT[] }) {
  if (plan.length === 0) {
    return (
      <section className="panel fix-first" aria-labelledby="fix-title">
        <h2 id="fix-title">Fix first</h2>
        <p>Nothing open needs fixing. Well done.</p>
      </section>
    );
  }
  return (
    <section className="panel fix-first" aria-labelledby="fix-title">
      <h2 id="fix-title">Fix first</h2>
      <ol className="plan">
        {plan.map((p) => (
          <li key={p.itemId}>
            <p className="plan-head">
              <strong>{p.title}</strong> <span className={`chip k-${p.kind}`}>{chipLabel(p)}</span>
            </p>
            <p className="small">{p.reason}</p>
            <p className="small">
              <strong>Next step:</strong> {STEP_WORDS[p.step].title}.{' '}
              <button type="button" className="link" onClick={() => useApp.getState().selectItem(p.itemId)} aria-label={`${STEP_WORDS[p.step].title}: ${p.title}`}>
                Start
              </button>
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
