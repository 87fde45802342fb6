import { useEffect, useRef, useState } from 'react';
import type { HealthItemT, HealthSourceT } from '../../../electron/ipc/contract';
import { nextStepKinds } from './next-steps';
import { useApp } from '../../store/app';
import { FIXED_BY_NEW_PASSWORD, formatTitle, STEP_WORDS } from './words';

/**
 * What can be done about this item, limited to what its source can take: a KeePass file is written to (rotate,
 * recycle); an export gets a guided change, each step through the permission layer. Nothing else is offered.
 */
export function NextSteps({ row, source, hasUrl }: { row: HealthItemT; source: HealthSourceT; hasUrl: boolean }) {
  const steps = nextStepKinds(row, source.writable);
  if (row.kind !== 'login') return null;
  return (
    <section aria-labelledby="steps-title" className="next-steps">
      <h3 id="steps-title">Next steps</h3>
      {steps.other.map((s) => (
        <p key={s} className="small">
          <strong>{STEP_WORDS[s].title}.</strong> {STEP_WORDS[s].detail}
        </p>
      ))}
      {source.writable ? <KeePassSteps row={row} hasUrl={hasUrl} /> : <GuidedChange row={row} hasUrl={hasUrl} formatName={formatTitle(source.format)} />}
    </section>
  );
}

function KeePassSteps({ row, hasUrl }: { row: HealthItemT; hasUrl: boolean }) {
  const { propose } = useApp.getState();
  return (
    <div className="fixes" role="group" aria-label="KeePass actions">
      <button type="button" onClick={() => void propose({ action: 'rotate_password', args: { itemId: row.id } })}>
        Rotate password
      </button>
      {hasUrl && (
        <button type="button" onClick={() => void propose({ action: 'open_change_password_page', args: { itemId: row.id } })}>
          Open change-password page
        </button>
      )}
      <button type="button" className="danger" onClick={() => void propose({ action: 'move_to_recycle_bin', args: { itemId: row.id } })}>
        Move to recycle bin
      </button>
    </div>
  );
}

function GuidedChange({ row, hasUrl, formatName }: { row: HealthItemT; hasUrl: boolean; formatName: string }) {
  const generated = useApp((s) => s.generated);
  const clearSeconds = useApp((s) => s.settings?.clipboardClearSeconds ?? 30);
  const [done, setDone] = useState<Record<string, boolean>>({});
  // A step that needs a confirmation is done when the dialog says it ran: proposal id → step.
  const waiting = useRef(new Map<string, string>());
  useEffect(() => {
    const onDecided = (e: Event) => {
      const d = (e as CustomEvent<{ id: string; status: string }>).detail;
      const step = waiting.current.get(d.id);
      if (step && d.status === 'executed') setDone((x) => ({ ...x, [step]: true }));
    };
    window.addEventListener('bastion:proposal-decided', onDecided);
    return () => window.removeEventListener('bastion:proposal-decided', onDecided);
  }, []);
  const { propose } = useApp.getState();
  const run = async (step: string, f: () => Promise<{ id: string; status: string } | null>) => {
    const r = await f();
    if (r?.status === 'executed') setDone((x) => ({ ...x, [step]: true }));
    else if (r?.status === 'pending') waiting.current.set(r.id, step);
  };
  const fixable = row.findings.filter((f) => f.state === 'open' && FIXED_BY_NEW_PASSWORD.includes(f.kind));
  const mark = async () => {
    let last: { id: string; status: string } | null = null;
    for (const f of fixable) last = await propose({ action: 'mark_resolved', args: { kind: f.kind, itemIds: [row.id] } });
    return last;
  };
  const tick = (k: string) => (done[k] ? <span className="ok-mark"> ✓ done</span> : null);
  return (
    <>
      <p className="small">Bastion cannot write to a {formatName}: change the password on the site and in your password manager, step by step.</p>
      <ol className="guided" aria-label="Change the password">
        <li>
          {hasUrl ? (
            <button type="button" onClick={() => void run('open', () => propose({ action: 'open_change_password_page', args: { itemId: row.id } }))}>
              Open the change-password page
            </button>
          ) : (
            <span>Open the site and go to its password settings (no address is saved for this item).</span>
          )}
          {tick('open')}
        </li>
        <li>
          <button type="button" onClick={() => void run('generate', () => propose({ action: 'generate_password', args: { length: 20 } }))}>
            Generate a password
          </button>
          {generated && <span className="mono gen-inline" data-testid="drawer-generated">{generated.password}</span>}
        </li>
        <li>
          <button type="button" disabled={!generated} onClick={() => generated && void run('copy', () => propose({ action: 'copy_to_clipboard', args: { generatedId: generated.id } }))}>
            Copy it
          </button>
          <span className="muted small"> The clipboard is cleared after {clearSeconds} seconds.</span>
          {tick('copy')}
        </li>
        <li>
          <button type="button" disabled={fixable.length === 0} onClick={() => void run('resolved', mark)}>
            Mark resolved
          </button>
          <span className="muted small"> {fixable.length ? 'Once it is changed on the site and in your password manager.' : 'Nothing open that a new password fixes.'}</span>
          {tick('resolved')}
        </li>
      </ol>
    </>
  );
}
