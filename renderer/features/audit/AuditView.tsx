import { Fragment, useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { AuditRecord, AuditVerify } from '../../../electron/ipc/contract';
import { call, messageOf } from '../../lib/ipc';
import { exactTime, relativeTime, timeOf } from '../../lib/time';
import { useApp } from '../../store/app';
import { actorOf, describeBody, itemIdsIn, outcomeOf, whatOf } from './audit-words';
import { UndoList } from './UndoList';

type Rec = z.output<typeof AuditRecord>;
type Verify = z.output<typeof AuditVerify>;

/** The audit log for people: newest first, action titles, outcome, who, and each record's fields on request. */
export function AuditView() {
  const [records, setRecords] = useState<Rec[] | null>(null);
  const [verify, setVerify] = useState<Verify | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const load = useCallback(async () => {
    try {
      setRecords((await call('audit:list', { limit: 500 })).reverse());
      setVerify(await call('audit:verify', {}));
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);
  useEffect(() => {
    void load();
    const onVerified = (e: Event) => setVerify((e as CustomEvent<Verify>).detail);
    window.addEventListener('bastion:audit-verified', onVerified);
    return () => window.removeEventListener('bastion:audit-verified', onVerified);
  }, [load]);
  const exportLog = async () => {
    const s = useApp.getState();
    try {
      const chosen = await call('dialog:save', { purpose: 'audit', defaultName: 'bastion-audit.jsonl' });
      if (!chosen.path) return;
      const r = await call('audit:export', { path: chosen.path });
      s.say(`Exported ${r.records} audit records to ${r.path}.`);
    } catch (err) {
      s.say(messageOf(err));
    }
  };
  const now = Date.now();
  return (
    <section aria-labelledby="audit-title" className="audit">
      <div className="page-head">
        <h1 id="audit-title" tabIndex={-1}>
          Audit log
        </h1>
        <button type="button" onClick={() => void exportLog()}>
          Export…
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className={`verify ${verify ? (verify.ok ? 'ok' : 'bad') : ''}`} data-testid="audit-verify">
        <p>
          <strong>{verify ? (verify.ok ? 'Verified' : 'Tampered') : 'Not verified yet'}</strong> {verify?.message}
        </p>
        <button type="button" onClick={() => void load()}>
          Verify again
        </button>
      </div>
      <UndoList onUndone={() => void load()} />
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Audit records">
        <table>
          <caption>{records ? `${records.length} records, newest first` : 'Loading…'}</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Action</th>
              <th scope="col">Outcome</th>
              <th scope="col">By</th>
              <th scope="col">
                <span className="sr-only">Details</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {records?.map((r) => {
              const ms = timeOf(r.time);
              return (
                <Fragment key={r.seq}>
                  <tr data-event={r.event}>
                    <td>
                      <time dateTime={ms === null ? undefined : new Date(ms).toISOString()} title={ms === null ? undefined : exactTime(ms)}>
                        {ms === null ? '—' : relativeTime(ms, now)}
                      </time>
                    </td>
                    <td>{whatOf(r)}</td>
                    <td>{outcomeOf(r)}</td>
                    <td>{actorOf(r.actor)}</td>
                    <td>
                      <button type="button" className="link" aria-expanded={open === r.seq} aria-controls={`audit-detail-${r.seq}`} onClick={() => setOpen(open === r.seq ? null : r.seq)}>
                        {open === r.seq ? 'Hide' : 'Details'}
                        <span className="sr-only"> of record {r.seq}</span>
                      </button>
                    </td>
                  </tr>
                  {open === r.seq && (
                    <tr id={`audit-detail-${r.seq}`} className="audit-detail">
                      <td colSpan={5}>
                        <RecordDetail r={r} ms={ms} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function RecordDetail({ r, ms }: { r: Rec; ms: number | null }) {
  const [titles, setTitles] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    const ids = itemIdsIn(r.body).slice(0, 20);
    void Promise.all(ids.map((id) => call('vault:item', { id }).then((it) => [id, it?.title ?? 'an item no longer in the vault'] as const, () => [id, 'an item'] as const))).then((pairs) => setTitles(new Map(pairs)));
  }, [r]);
  const lines = describeBody(r.body, titles);
  return (
    <dl className="facts small">
      <dt>Exact time</dt>
      <dd>{ms === null ? '—' : exactTime(ms)}</dd>
      <dt>Record</dt>
      <dd>Number {r.seq} in the chain</dd>
      {lines.map((l, i) => (
        <Fragment key={i}>
          <dt>{l.label}</dt>
          <dd>{l.value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
