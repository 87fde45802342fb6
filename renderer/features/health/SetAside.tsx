import type { HealthItemT, ItemFindingT } from '../../../electron/ipc/contract';
import { call, messageOf } from '../../lib/ipc';
import { count } from '../../lib/progress';
import { useApp } from '../../store/app';
import { chipLabel, stateWords } from './words';

const SHOWN = 200;
const GROUPS: { state: Exclude<ItemFindingT['state'], 'open'>; title: string }[] = [
  { state: 'snoozed', title: 'Snoozed' },
  { state: 'resolved', title: 'Marked resolved' },
  { state: 'excluded', title: 'Excluded by you' },
  { state: 'vault', title: 'Excluded by your vault' },
];

/** Findings set aside, by why, each with its way back: nothing ignored is out of sight. */
export function SetAside({ items }: { items: HealthItemT[] }) {
  const all = items.flatMap((i) => i.findings.filter((f) => f.state !== 'open').map((f) => ({ item: i, f })));
  if (all.length === 0) return null;
  return (
    <section className="panel set-aside" aria-labelledby="aside-title">
      <h2 id="aside-title">Set aside</h2>
      {GROUPS.map(({ state, title }) => {
        const list = all.filter((x) => x.f.state === state);
        if (list.length === 0) return null;
        return (
          <details key={state} data-testid={`aside-${state}`}>
            <summary>
              {title} ({count(list.length)})
            </summary>
            <ul className="aside-list">
              {list.slice(0, SHOWN).map(({ item, f }) => (
                <li key={`${item.id}-${f.kind}`}>
                  <button type="button" className="link" onClick={() => useApp.getState().selectItem(item.id)}>
                    {item.title}
                  </button>{' '}
                  <span className={`chip k-${f.kind}`}>{chipLabel(f)}</span> <span className="muted small">{stateWords(f)}</span>
                  {state !== 'vault' && <Restore item={item} f={f} />}
                </li>
              ))}
            </ul>
            {list.length > SHOWN && <p className="muted small">And {count(list.length - SHOWN)} more: choose "All items" above and search to find them.</p>}
          </details>
        );
      })}
    </section>
  );
}

function Restore({ item, f }: { item: HealthItemT; f: ItemFindingT }) {
  const restore = async () => {
    const s = useApp.getState();
    try {
      if (f.state === 'excluded') await call('vault:include', { itemId: item.id, kind: f.kind });
      else await call('vault:exclude', { kind: f.kind, itemIds: [item.id], mode: 'clear' });
      s.say(`Restored: ${chipLabel(f)} on ${item.title}.`);
      await s.refreshHealth();
    } catch (e) {
      s.say(messageOf(e));
    }
  };
  return (
    <button type="button" aria-label={`Restore ${chipLabel(f)} on ${item.title}`} onClick={() => void restore()}>
      Restore
    </button>
  );
}
