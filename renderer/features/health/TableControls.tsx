import type { FindingKindT } from '../../../electron/ipc/contract';
import { count } from '../../lib/progress';
import { useApp } from '../../store/app';
import { filterLabel, KINDS } from './words';

/** The seven finding kinds as toggle filters (with how many items each has open), a search box and what to show. */
export function TableControls({ counts, shown, total }: { counts: Record<FindingKindT, number>; shown: number; total: number }) {
  const table = useApp((s) => s.table);
  const set = useApp.getState().setTable;
  const toggle = (k: FindingKindT) => set({ kinds: table.kinds.includes(k) ? table.kinds.filter((x) => x !== k) : [...table.kinds, k] });
  return (
    <div className="controls">
      <div className="kind-filters" role="group" aria-label="Show items with">
        {KINDS.map((k) => (
          <button key={k} type="button" className={`kind-filter k-${k}`} aria-pressed={table.kinds.includes(k)} onClick={() => toggle(k)} data-testid={`filter-${k}`}>
            {filterLabel(k)} <span className="count" data-testid={`count-${k}`}>{count(counts[k])}</span>
          </button>
        ))}
      </div>
      <div className="row">
        <label htmlFor="h-search">Search</label>
        <input id="h-search" type="search" value={table.query} placeholder="Title, site or username" onChange={(e) => set({ query: e.target.value })} autoComplete="off" />
        <label htmlFor="h-show">Show</label>
        <select id="h-show" value={table.show} onChange={(e) => set({ show: e.target.value as typeof table.show })}>
          <option value="attention">Items that need attention</option>
          <option value="all">All items</option>
        </select>
        {(table.kinds.length > 0 || table.query) && (
          <button type="button" className="ghost" onClick={() => set({ kinds: [], query: '' })}>
            Clear filters
          </button>
        )}
        <p className="muted small result-count" role="status" data-testid="result-count">
          Showing {count(shown)} of {count(total)} items
        </p>
      </div>
    </div>
  );
}
