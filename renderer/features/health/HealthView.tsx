import { useEffect, useMemo } from 'react';
import { countOpen, filterRows, sortRows } from '../../lib/health-table';
import { combinedScore } from '../../lib/scores';
import { useApp } from '../../store/app';
import { ImportForm } from '../import/ImportForm';
import { EmptyState } from './EmptyState';
import { ExportReport } from './ExportReport';
import { FixFirst } from './FixFirst';
import { HealthTable } from './HealthTable';
import { ItemDrawer } from './ItemDrawer';
import { ScoreGauge } from './ScoreGauge';
import { SetAside } from './SetAside';
import { TableControls } from './TableControls';
import { TrendChart } from './TrendChart';

/** Vault health: the scores at a glance, the trend, what to fix first, and every item in a table that scales. */
export function HealthView() {
  const health = useApp((s) => s.health);
  const healthError = useApp((s) => s.healthError);
  const device = useApp((s) => s.device);
  const table = useApp((s) => s.table);
  const selected = useApp((s) => s.selectedItem);
  const importOpen = useApp((s) => s.importOpen);
  useEffect(() => {
    const s = useApp.getState();
    const fresh = s.health !== null && Date.now() - s.healthAt < 5000;
    // The device checks run commands (package managers, settings): only once the vault is on screen.
    void (fresh ? Promise.resolve() : s.refreshHealth()).then(() => {
      if (!useApp.getState().device) void useApp.getState().refreshDevice();
    });
  }, []);

  const now = useMemo(() => Date.now(), [health]);
  const items = useMemo(() => health?.items ?? [], [health]);
  const counts = useMemo(() => countOpen(items), [items]);
  // Sort once per sort change; filtering keeps that order, so a keystroke only filters.
  const sorted = useMemo(() => sortRows(items, health?.sources ?? [], table.sort), [items, health, table.sort]);
  const rows = useMemo(() => filterRows(sorted, table), [sorted, table.kinds, table.query, table.show]);
  const selectedRow = useMemo(() => (selected ? (items.find((i) => i.id === selected) ?? null) : null), [items, selected]);
  const empty = health !== null && health.counts.items === 0;

  return (
    <section aria-labelledby="dash-title" className="dashboard">
      <div className="page-head">
        <h1 id="dash-title" tabIndex={-1}>
          Vault health
        </h1>
        {!empty && health && (
          <div className="row">
            <button type="button" onClick={() => useApp.getState().setImportOpen(!importOpen)} aria-expanded={importOpen}>
              Import a vault…
            </button>
            <ExportReport />
          </div>
        )}
      </div>
      {healthError && (
        <p className="error" role="alert">
          {healthError}
        </p>
      )}
      {!health && !healthError && <p role="status">Reading your vault…</p>}
      {empty && <EmptyState />}
      {/* One form, in one place, empty or not: its result (and focus) stay when the first import fills the vault. */}
      {(importOpen || empty) && (
        <section className="panel" aria-labelledby="import-title">
          <h2 id="import-title">Import a vault</h2>
          <ImportForm onImported={() => useApp.getState().setImportOpen(true)} />
        </section>
      )}
      {health && !empty && (
        <>
          <div className="overview">
            <div className="scores" role="group" aria-label="Scores">
              <ScoreGauge score={combinedScore(health.score, device?.score ?? null)} label="Overall" testId="score-overall" />
              <ScoreGauge score={health.score} label="Vault" testId="score" small />
              <div>
                <ScoreGauge score={device?.score ?? null} label="Device" testId="score-device" small />
                <button type="button" className="link small" onClick={() => useApp.getState().go('device')}>
                  Device health
                </button>
              </div>
            </div>
            <TrendChart history={health.history} />
            <FixFirst plan={health.plan} />
          </div>
          <h2 id="items-title">Items</h2>
          <TableControls counts={counts} shown={rows.length} total={items.length} />
          <HealthTable rows={rows} sources={health.sources} now={now} />
          <SetAside items={items} />
        </>
      )}
      {selectedRow && <ItemDrawer key={selectedRow.id} row={selectedRow} now={now} />}
    </section>
  );
}
