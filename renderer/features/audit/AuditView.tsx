import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { AuditRecord, AuditVerify } from '../../../electron/ipc/contract';
import { call, messageOf } from '../../lib/ipc';
import { useApp } from '../../store/app';
import { UndoList } from './UndoList';

type Rec = z.output<typeof AuditRecord>;
type Verify = z.output<typeof AuditVerify>;

export function AuditView() {
  const [records, setRecords] = useState<Rec[] | null>(null);
  const [verify, setVerify] = useState<Verify | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [path, setPath] = useState('');
  const load = useCallback(async () => {
    try {
      setRecords(await call('audit:list', { limit: 500 }));
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
  const exportLog = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const r = await call('audit:export', { path: path.trim() });
      useApp.getState().say(`Exported ${r.records} audit records to ${r.path}.`);
    } catch (err) {
      useApp.getState().say(messageOf(err));
    }
  };
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title" tabIndex={-1}>
        Audit log
      </h1>
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
          <caption>{records ? `${records.length} records, newest last` : 'Loading…'}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Time</th>
              <th scope="col">Actor</th>
              <th scope="col">Event</th>
              <th scope="col">Action</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {records?.map((r) => (
              <tr key={r.seq} data-event={r.event}>
                <td>{r.seq}</td>
                <td>{r.time}</td>
                <td>{r.actor}</td>
                <td>{r.event}</td>
                <td>{r.action ?? ''}</td>
                <td className="mono small">{summarise(r.body)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="export" onSubmit={(e) => void exportLog(e)}>
        <label htmlFor="audit-path">Export as JSON Lines to</label>
        <input id="audit-path" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/bastion-audit.jsonl" />
        <button type="submit" disabled={!path.trim()}>
          Export
        </button>
      </form>
    </section>
  );
}

function summarise(body: Record<string, unknown>): string {
  const s = JSON.stringify(body);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}
