import { useRef, useState } from 'react';
import type { ProposalViewT } from '../../../electron/ipc/contract';
import { RISK_TITLES } from '../../../electron/vocabulary';
import { useModalDialog } from '../../lib/dialog';
import { call, messageOf } from '../../lib/ipc';
import { useApp } from '../../store/app';

/**
 * The confirm dialog: exact effect, who asked (provenance, and an untrusted flag with why), what kind of change it is,
 * Confirm / Reject. Focus starts on Reject; destructive actions need the item title typed; Escape rejects (a proposal
 * is never left pending behind a closed dialog).
 */
export function ConfirmDialog({ proposal: p }: { proposal: ProposalViewT }) {
  const ref = useRef<HTMLDialogElement>(null);
  const rejectRef = useRef<HTMLButtonElement>(null);
  const [typed, setTyped] = useState('');
  const [password, setPassword] = useState('');
  const [grant, setGrant] = useState<'once' | 'session' | 'always'>('once');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const done = p.status !== 'pending';
  const needsTitle = p.confirmation === 'typed_title' && p.typeToConfirm !== null;
  const titleOk = !needsTitle || typed === p.typeToConfirm;
  const needsPassword = p.confirmation === 'yes_no_vault_password';

  // Focus starts on Reject: Enter alone never confirms.
  useModalDialog(ref, () => rejectRef.current);

  const close = () => useApp.getState().closeConfirm();
  const act = async (kind: 'confirm' | 'reject') => {
    setBusy(true);
    setError(null);
    try {
      const out =
        kind === 'confirm'
          ? await call('proposals:confirm', { id: p.id, argsHash: p.argsHash, ...(needsTitle ? { typedTitle: typed } : {}), ...(needsPassword ? { vaultPassword: password } : {}), remember: grant })
          : await call('proposals:reject', { id: p.id });
      const s = useApp.getState();
      if (out.generated) s.setGenerated(out.generated);
      s.say(`${p.title}: ${out.message}`);
      void s.refreshPending();
      void s.refreshHealth();
      window.dispatchEvent(new CustomEvent('bastion:proposal-decided', { detail: { id: p.id, kind, status: out.status } }));
      close();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="confirm" aria-labelledby="confirm-title" aria-describedby="confirm-effect" onCancel={(e) => (e.preventDefault(), busy ? undefined : done ? close() : void act('reject'))}>
      <h2 id="confirm-title">{p.title}</h2>
      <p className={`risk risk-${p.risk}`}>
        <strong>{RISK_TITLES[p.risk]}</strong>
      </p>
      <p id="confirm-effect" className="effect">
        {p.effect.summary}
      </p>
      <dl className="facts">
        {p.effect.item && (
          <>
            <dt>Item</dt>
            <dd>
              {p.effect.item.title}
              {p.effect.item.field ? ` — ${p.effect.item.field}` : ''}
            </dd>
          </>
        )}
        {p.effect.url && (
          <>
            <dt>Opens</dt>
            <dd className="mono">{p.effect.url}</dd>
          </>
        )}
        {p.effect.file && (
          <>
            <dt>Writes</dt>
            <dd className="mono">{p.effect.file}</dd>
          </>
        )}
        {p.effect.before !== null && (
          <>
            <dt>Before</dt>
            <dd data-testid="effect-before">{p.effect.before}</dd>
          </>
        )}
        {p.effect.after !== null && (
          <>
            <dt>After</dt>
            <dd data-testid="effect-after">{p.effect.after}</dd>
          </>
        )}
        <dt>Proposed by</dt>
        <dd data-testid="proposed-by">{p.provenance.by}</dd>
        {p.provenance.userMessage && (
          <>
            <dt>From your message</dt>
            <dd>“{p.provenance.userMessage}”</dd>
          </>
        )}
        {p.provenance.items.length > 0 && (
          <>
            <dt>Vault items in context</dt>
            <dd>{p.provenance.items.map((i) => i.title || i.id).join(', ')}</dd>
          </>
        )}
        {p.provenance.documents.length > 0 && (
          <>
            <dt>Documents in context</dt>
            <dd>
              <ul className="plain">
                {p.provenance.documents.map((d) => (
                  <li key={d.chunkId}>
                    {d.title}
                    {d.heading ? ` › ${d.heading}` : ''}
                    {d.untrusted ? <strong> (your document: untrusted)</strong> : ' (built-in article)'}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {p.decision?.decision === 'deny' && (
          <>
            <dt>Policy</dt>
            <dd>{p.decision.reason}</dd>
          </>
        )}
      </dl>
      {p.tainted && (
        <div className="flag" role="note" aria-label="Untrusted input">
          <strong>Flagged: untrusted text led to this.</strong>
          <ul>
            {p.provenance.why.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      {done && <p className="muted">This proposal is already {p.status}.</p>}
      {!done && needsTitle && (
        <p>
          <label htmlFor="typed-title">
            Type <strong className="mono">{p.typeToConfirm}</strong> to confirm
          </label>
          <input id="typed-title" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
        </p>
      )}
      {!done && needsPassword && (
        <p>
          <label htmlFor="vault-password">KeePass database password (to write the change)</label>
          <input id="vault-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" />
        </p>
      )}
      {!done && p.grants.length > 1 && (
        <fieldset className="grants">
          <legend>Allow</legend>
          {p.grants.map((g) => (
            <label key={g}>
              <input type="radio" name="grant" value={g} checked={grant === g} onChange={() => setGrant(g)} />
              {g === 'once' ? 'Once' : g === 'session' ? 'For this session' : 'Always'}
            </label>
          ))}
        </fieldset>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="buttons">
        <button ref={rejectRef} type="button" onClick={() => (done ? close() : void act('reject'))} disabled={busy}>
          {done ? 'Close' : 'Reject'}
        </button>
        {!done && (
          <button type="button" className={p.risk === 'destructive' ? 'danger' : 'primary'} onClick={() => void act('confirm')} disabled={busy || !titleOk || (needsPassword && !password)}>
            Confirm
          </button>
        )}
      </div>
    </dialog>
  );
}
