import type { OpenPurpose } from '../../../electron/ipc/contract';
import { call, messageOf } from '../../lib/ipc';
import { useApp } from '../../store/app';

/** A path the user picks with the native file dialog (or types): the input and its "Choose…" button. */
export function PathField({ id, label, purpose, value, onChange, placeholder, required }: { id: string; label: string; purpose: OpenPurpose; value: string; onChange: (v: string) => void; placeholder?: string; required?: boolean }) {
  const choose = async () => {
    try {
      const r = await call('dialog:open', { purpose });
      if (r.path) onChange(r.path);
    } catch (e) {
      useApp.getState().say(messageOf(e));
    }
  };
  return (
    <div className="path-field">
      <label htmlFor={id}>{label}</label>
      <div className="row">
        <input id={id} value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} required={required} autoComplete="off" />
        <button type="button" onClick={() => void choose()} aria-label={`Choose ${label.toLowerCase()}…`}>
          Choose…
        </button>
      </div>
    </div>
  );
}
