import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type KeyboardEvent } from 'react';
import type { HealthItemT, HealthSourceT } from '../../../electron/ipc/contract';
import { FIRST_DIR, isOpen, type SortKey } from '../../lib/health-table';
import { ageWords, exactTime } from '../../lib/time';
import { useApp } from '../../store/app';
import { chipLabel, strengthWords } from './words';

const ROW_PX = 40;
const COLUMNS: { key: SortKey | 'findings'; label: string; className: string }[] = [
  { key: 'title', label: 'Title', className: 'c-title' },
  { key: 'site', label: 'Site', className: 'c-site' },
  { key: 'username', label: 'Username', className: 'c-user' },
  { key: 'risk', label: 'Findings', className: 'c-findings' },
  { key: 'strength', label: 'Strength', className: 'c-strength' },
  { key: 'age', label: 'Password age', className: 'c-age' },
  { key: 'source', label: 'Source', className: 'c-source' },
];

/**
 * Every matching item in a virtualised ARIA table: only the rows in view are in the DOM, so 10,000 items scroll and
 * sort like 26. Column headers sort; a row's title opens its details; Up and Down move between rows.
 */
export function HealthTable({ rows, sources, now }: { rows: HealthItemT[]; sources: HealthSourceT[]; now: number }) {
  const sort = useApp((s) => s.table.sort);
  const selected = useApp((s) => s.selectedItem);
  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_PX, overscan: 12 });

  const sortBy = (key: SortKey) => {
    const dir = sort.key === key ? (sort.dir === 'asc' ? 'desc' : 'asc') : FIRST_DIR[key];
    useApp.getState().setTable({ sort: { key, dir } });
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const at = Number((e.target as HTMLElement).closest<HTMLElement>('[data-index]')?.dataset.index);
    if (!Number.isFinite(at)) return;
    e.preventDefault();
    const next = Math.max(0, Math.min(rows.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)));
    v.scrollToIndex(next);
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${next}"] button`)?.focus());
  };

  return (
    <div role="table" aria-label="Items" aria-rowcount={rows.length + 1} className="htable" data-testid="health-table">
      <div role="rowgroup" className="hhead">
        <div role="row" aria-rowindex={1} className="hrow">
          {COLUMNS.map((c) => (
            <div key={c.key} role="columnheader" className={c.className} aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
              <button type="button" className="sort" onClick={() => sortBy(c.key as SortKey)}>
                {c.label}
                <span aria-hidden="true">{sort.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
              </button>
            </div>
          ))}
        </div>
      </div>
      <div ref={scrollRef} role="rowgroup" className="hscroll" onKeyDown={onKey}>
        {rows.length === 0 && (
          <div role="row" className="hrow empty">
            <div role="cell">No item matches these filters.</div>
          </div>
        )}
        <div role="presentation" style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((vr) => {
            const it = rows[vr.index]!;
            const open = it.findings.filter(isOpen);
            const aside = it.findings.length - open.length;
            return (
              <div
                key={it.id}
                role="row"
                aria-rowindex={vr.index + 2}
                data-index={vr.index}
                aria-current={selected === it.id ? 'true' : undefined}
                className={`hrow${selected === it.id ? ' selected' : ''}`}
                style={{ transform: `translateY(${vr.start}px)`, height: ROW_PX }}
                onClick={(e) => (e.target as HTMLElement).closest('button') === null && useApp.getState().selectItem(it.id)}
              >
                <div role="cell" className="c-title">
                  <button type="button" className="link row-open" onClick={() => useApp.getState().selectItem(it.id)}>
                    {it.title}
                  </button>
                  {it.kind !== 'login' && <span className="badge">{it.kind === 'note' ? 'Note' : it.kind === 'card' ? 'Card' : 'Identity'}</span>}
                </div>
                <div role="cell" className="c-site">{it.site ?? '—'}</div>
                <div role="cell" className="c-user">{it.username ?? '—'}</div>
                <div role="cell" className="c-findings">
                  {open.map((f) => (
                    <span key={f.kind} className={`chip k-${f.kind} sev-${f.severity}`}>
                      {chipLabel(f)}
                    </span>
                  ))}
                  {open.length === 0 && <span className="muted small">{aside ? 'Set aside' : 'None'}</span>}
                </div>
                <div role="cell" className="c-strength" title={strengthWords(it)}>
                  {strengthWords(it)}
                </div>
                <div role="cell" className="c-age" title={it.changedMs === null ? undefined : `Changed ${exactTime(it.changedMs)}`}>
                  {it.changedMs === null ? '—' : ageWords(it.changedMs, now)}
                </div>
                <div role="cell" className="c-source">{sources[it.source]?.name ?? '—'}</div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
