import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ProposalViewT } from '../../../electron/ipc/contract';
import { call, messageOf, on } from '../../lib/ipc';
import { useApp } from '../../store/app';

/** Actions that ran and can be undone (snoozes, resolved marks, KeePass writes), newest first, each with an Undo button. */
export function UndoList({ onUndone }: { onUndone: () => void }) {
  const [items, setItems] = useState<ProposalViewT[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const all = await call('proposals:list', { status: 'all' });
      setItems(all.filter((p) => p.status === 'executed' && p.undoable).sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0)));
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);
  useEffect(() => {
    void load();
    return on('proposals:changed', () => void load());
  }, [load]);

  const needsPassword = (p: ProposalViewT) => p.risk === 'vault_write' || p.risk === 'destructive';
  const undo = async (p: ProposalViewT, e?: FormEvent) => {
    e?.preventDefault();
    setError(null);
    try {
      const out = await call('proposals:undo', { id: p.id, ...(needsPassword(p) ? { vaultPassword: password } : {}) });
      useApp.getState().say(`${p.title}: ${out.message}`);
      setOpen(null);
      setPassword('');
      window.dispatchEvent(new CustomEvent('bastion:proposal-undone', { detail: { id: p.id, status: out.status } }));
      void useApp.getState().refreshHealth();
      onUndone();
      void load();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  if (items.length === 0) return null;
  return (
    <section aria-labelledby="undo-title" className="undo-list">
      <h2 id="undo-title">Can be undone</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <ul>
        {items.map((p) => (
          <li key={p.id} data-proposal={p.id}>
            <span>
              <strong>{p.title}</strong> — {p.effect.summary}
            </span>
            {open === p.id ? (
              <form onSubmit={(e) => void undo(p, e)}>
                <label htmlFor={`undo-pw-${p.id}`}>KeePass database password</label>
                <input id={`undo-pw-${p.id}`} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" autoFocus />
                <button type="submit" disabled={!password}>
                  Undo
                </button>
                <button type="button" onClick={() => setOpen(null)}>
                  Cancel
                </button>
              </form>
            ) : (
              <button type="button" aria-label={`Undo ${p.title}: ${p.effect.summary}`} onClick={() => (needsPassword(p) ? setOpen(p.id) : void undo(p))}>
                Undo
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
