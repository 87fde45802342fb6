import { useEffect, useRef, useState } from 'react';
import type { HealthItemT, ItemHealthDetailT } from '../../../electron/ipc/contract';
import { call, messageOf } from '../../lib/ipc';
import { ageWords, exactTime } from '../../lib/time';
import { useApp } from '../../store/app';
import { FindingList } from './FindingList';
import { NextSteps } from './NextSteps';
import { formatTitle, strengthWords } from './words';

/**
 * One item's details, fixed at the side of the window (always in view, wherever the row was) and focused when it opens.
 * Shows the row at once, then the reasons and shared-with items when they arrive. Escape closes and returns focus.
 */
export function ItemDrawer({ row, now }: { row: HealthItemT; now: number }) {
  const health = useApp((s) => s.health);
  const [detail, setDetail] = useState<ItemHealthDetailT | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    headingRef.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, [row.id]);
  useEffect(() => {
    let live = true;
    setError(null);
    call('vault:item-health', { id: row.id }).then(
      (d) => live && setDetail(d),
      (e) => live && setError(messageOf(e)),
    );
    return () => void (live = false);
  }, [row.id, health]);

  const close = () => useApp.getState().selectItem(null);
  const source = health?.sources[row.source];
  return (
    <aside className="drawer" aria-labelledby="drawer-title" data-testid="drawer" onKeyDown={(e) => e.key === 'Escape' && !useApp.getState().confirming && (e.stopPropagation(), close())}>
      <div className="drawer-head">
        <h2 id="drawer-title" ref={headingRef} tabIndex={-1}>
          {row.title}
        </h2>
        <button type="button" className="ghost" onClick={close}>
          Close<span className="sr-only"> details</span>
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <dl className="facts">
        <dt>Site</dt>
        <dd>{detail?.urls.length ? detail.urls.join(', ') : (row.site ?? '—')}</dd>
        <dt>Username</dt>
        <dd>{row.username ?? '—'}</dd>
        {detail?.group && (
          <>
            <dt>Folder</dt>
            <dd>{detail.group}</dd>
          </>
        )}
        <dt>Source</dt>
        <dd>{source ? `${source.name} (${formatTitle(source.format)})` : '—'}</dd>
        <dt>Strength</dt>
        <dd>{strengthWords(row)}</dd>
        <dt>Password age</dt>
        <dd title={row.changedMs === null ? undefined : exactTime(row.changedMs)}>{row.changedMs === null ? 'Not recorded' : ageWords(row.changedMs, now)}</dd>
        {detail && (
          <>
            <dt>Two-factor</dt>
            <dd>{detail.hasTotp ? 'One-time codes saved' : 'None saved'}</dd>
          </>
        )}
      </dl>
      <FindingList row={row} detail={detail} />
      {source && <NextSteps row={row} source={source} hasUrl={detail ? detail.urls.length > 0 : row.site !== null} />}
    </aside>
  );
}
