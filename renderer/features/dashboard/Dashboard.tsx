import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { FindingKindT, FindingT, ItemRefT } from '../../../electron/ipc/contract';
import { call, messageOf } from '../../lib/ipc';
import { useApp } from '../../store/app';
import { FindingCard } from '../chat/FindingCard';
import { KIND_LABEL, KINDS } from './kinds';

/** Items per finding kind (an item in two reuse groups counts once per group: it is two problems). */
export function countByKind(findings: FindingT[]): Record<FindingKindT, number> {
  const out = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<FindingKindT, number>;
  for (const f of findings) out[f.kind] += f.items.length;
  return out;
}

export function Dashboard() {
  const report = useApp((s) => s.report);
  const reportError = useApp((s) => s.reportError);
  const filters = useApp((s) => s.filters);
  const selectedItem = useApp((s) => s.selectedItem);
  useEffect(() => void useApp.getState().refreshReport(), []);
  const counts = useMemo(() => countByKind(report?.findings ?? []), [report]);
  const visible = useMemo(() => {
    const q = filters.query.toLowerCase();
    return (report?.findings ?? []).filter(
      (f) =>
        (filters.kinds.length === 0 || filters.kinds.includes(f.kind)) &&
        (filters.severity === 'all' || f.severity === filters.severity) &&
        (!q || f.items.some((i) => i.title.toLowerCase().includes(q)) || f.reason.toLowerCase().includes(q)),
    );
  }, [report, filters]);
  const max = Math.max(1, ...Object.values(counts));

  return (
    <section aria-labelledby="dash-title" className="dashboard">
      <h1 id="dash-title" tabIndex={-1}>
        Vault health
      </h1>
      {reportError && (
        <p className="error" role="alert">
          {reportError}
        </p>
      )}
      {report && (
        <>
          <div className="summary">
            <p className="score" data-testid="score">
              <span className="big">{report.score}</span>
              <span className="muted">/ 100 health score</span>
            </p>
            <p>
              {report.counts.items} items, {report.counts.logins} logins, {report.findings.length} findings
              {report.excluded.length > 0 ? `, ${report.excluded.length} snoozed or resolved` : ''}
            </p>
          </div>
          <figure className="chart">
            <figcaption id="chart-title">Items per finding kind</figcaption>
            <ul aria-labelledby="chart-title">
              {KINDS.map((k) => (
                <li key={k}>
                  <button
                    type="button"
                    className="bar-row"
                    aria-pressed={filters.kinds.includes(k)}
                    onClick={() => useApp.getState().setFilters({ kinds: filters.kinds.includes(k) ? filters.kinds.filter((x) => x !== k) : [...filters.kinds, k] })}
                  >
                    <span className="bar-label">{KIND_LABEL[k]}</span>
                    <span className="bar" aria-hidden="true">
                      <span className={`fill k-${k}`} style={{ width: `${(counts[k] / max) * 100}%` }} />
                    </span>
                    <span className="bar-value" data-testid={`count-${k}`}>
                      {counts[k]}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </figure>
          <div className="filters" role="group" aria-label="Filters">
            <label htmlFor="f-sev">Severity</label>
            <select id="f-sev" value={filters.severity} onChange={(e) => useApp.getState().setFilters({ severity: e.target.value as typeof filters.severity })}>
              {['all', 'critical', 'high', 'medium', 'low'].map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
            <label htmlFor="f-q">Search items</label>
            <input id="f-q" type="search" value={filters.query} onChange={(e) => useApp.getState().setFilters({ query: e.target.value })} />
            <button type="button" onClick={() => useApp.getState().setFilters({ kinds: [], severity: 'all', query: '' })}>
              Clear filters
            </button>
          </div>
          <div className="split">
            <div className="cards" aria-label="Findings" data-testid="findings">
              {visible.length === 0 && <p className="muted">No findings match.</p>}
              {visible.map((f, i) => (
                <FindingCard key={`${f.kind}-${i}`} finding={f} onItem={(id) => useApp.getState().selectItem(id)} />
              ))}
            </div>
            {selectedItem && <ItemDetail id={selectedItem} findings={report.findings} />}
          </div>
          <ExportForm />
        </>
      )}
    </section>
  );
}

function ItemDetail({ id, findings }: { id: string; findings: FindingT[] }) {
  const [item, setItem] = useState<ItemRefT | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('vault:item', { id }).then(setItem, (e) => setError(messageOf(e)));
  }, [id]);
  const kinds = findings.filter((f) => f.items.some((i) => i.id === id)).map((f) => f.kind);
  const { propose } = useApp.getState();
  return (
    <aside className="detail" aria-labelledby="detail-title">
      <h2 id="detail-title">{item?.title ?? 'Item'}</h2>
      {error && <p className="error">{error}</p>}
      {item && (
        <dl className="facts">
          <dt>Username</dt>
          <dd>{item.username ?? '—'}</dd>
          <dt>URLs</dt>
          <dd className="mono">{item.urls.join(', ') || '—'}</dd>
          <dt>Folder</dt>
          <dd>{item.group ?? '—'}</dd>
          <dt>Source</dt>
          <dd className="mono">
            {item.sourcePath} ({item.format})
          </dd>
          <dt>Findings</dt>
          <dd>{kinds.map((k) => KIND_LABEL[k]).join(', ') || 'none'}</dd>
        </dl>
      )}
      <div className="fixes" role="group" aria-label="Fix actions">
        <button type="button" onClick={() => void propose({ action: 'open_change_password_page', args: { itemId: id } })}>
          Open change-password page
        </button>
        <button type="button" onClick={() => void propose({ action: 'rotate_password', args: { itemId: id } })}>
          Rotate password
        </button>
        {kinds[0] && (
          <>
            <button type="button" onClick={() => void propose({ action: 'snooze_finding', args: { kind: kinds[0]!, itemIds: [id], days: 30 } })}>
              Snooze 30 days
            </button>
            <button type="button" onClick={() => void propose({ action: 'mark_resolved', args: { kind: kinds[0]!, itemIds: [id] } })}>
              Mark resolved
            </button>
          </>
        )}
        <button type="button" className="danger" onClick={() => void propose({ action: 'move_to_recycle_bin', args: { itemId: id } })}>
          Move to recycle bin
        </button>
        <button type="button" className="ghost" onClick={() => useApp.getState().selectItem(null)}>
          Close details
        </button>
      </div>
    </aside>
  );
}

function ExportForm() {
  const [path, setPath] = useState('');
  const [format, setFormat] = useState<'csv' | 'html' | 'json'>('html');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (path.trim()) void useApp.getState().propose({ action: 'export_report', args: { format, path: path.trim() } });
  };
  return (
    <form className="export" onSubmit={submit} aria-label="Export the report">
      <label htmlFor="export-path">Export report to file</label>
      <input id="export-path" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/bastion-report.html" />
      <label htmlFor="export-format">Format</label>
      <select id="export-format" value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
        <option value="html">HTML</option>
        <option value="csv">CSV</option>
        <option value="json">JSON</option>
      </select>
      <button type="submit" disabled={!path.trim()}>
        Export…
      </button>
    </form>
  );
}
