import { useEffect, useState, type FormEvent } from 'react';
import { call, messageOf, on } from '../../lib/ipc';
import { useApp } from '../../store/app';
import { ModelList } from '../settings/ModelList';

const FORMATS = [
  ['auto', 'Detect automatically'],
  ['kdbx', 'KeePass (.kdbx)'],
  ['bitwarden-json', 'Bitwarden JSON export'],
  ['1pux', '1Password (.1pux)'],
  ['1password-csv', '1Password CSV'],
  ['chrome-csv', 'Chrome CSV'],
  ['firefox-csv', 'Firefox CSV'],
] as const;

/** First run: import a vault, then pick or import a model (or go on without one). */
export function FirstRun() {
  const [step, setStep] = useState<1 | 2>(1);
  const [path, setPath] = useState('');
  const [format, setFormat] = useState<(typeof FORMATS)[number][0]>('auto');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  useEffect(() => on('vault:progress', setProgress), []);

  const importVault = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await call('vault:import', { path: path.trim(), format, ...(password ? { password } : {}) });
      setPassword('');
      setSummary(`Imported ${r.items} items (${r.logins} logins) from ${r.source} as ${r.format}${r.skipped.length ? `; ${r.skipped.length} skipped` : ''}.`);
      useApp.getState().say(`Vault imported: ${r.items} items.`);
      await useApp.getState().refreshReport();
      setStep(2);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const finish = () => {
    const s = useApp.getState();
    s.setFirstRun(false);
    s.go('dashboard');
  };

  return (
    <section aria-labelledby="fr-title" className="firstrun">
      <h1 id="fr-title" tabIndex={-1}>
        Welcome to Bastion
      </h1>
      <p>Everything stays on this computer: your vault is analysed here, passwords are never stored, and the assistant runs locally.</p>
      <ol className="steps" aria-label="Setup steps">
        <li aria-current={step === 1 ? 'step' : undefined}>Import a vault</li>
        <li aria-current={step === 2 ? 'step' : undefined}>Choose a model</li>
      </ol>
      {step === 1 ? (
        <form onSubmit={(e) => void importVault(e)} className="stack" aria-label="Import a vault">
          <label htmlFor="vault-path">Vault file</label>
          <input id="vault-path" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/Passwords.kdbx" required />
          <label htmlFor="vault-format">Format</label>
          <select id="vault-format" value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
            {FORMATS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
          <label htmlFor="vault-password-input">Master password (KeePass only)</label>
          <input id="vault-password-input" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" />
          <div className="buttons">
            <button type="submit" className="primary" disabled={busy || !path.trim()}>
              {busy ? 'Importing…' : 'Import'}
            </button>
            <button type="button" className="ghost" onClick={finish}>
              Skip for now
            </button>
          </div>
          {busy && progress && (
            <progress max={progress.total || 1} value={progress.done} aria-label="Import progress">
              {progress.done}/{progress.total}
            </progress>
          )}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </form>
      ) : (
        <div className="stack">
          <p role="status" data-testid="import-summary">
            {summary}
          </p>
          <h2>Choose a model</h2>
          <p>Pick a recommended model to download, import a GGUF file you already have, or continue without one (vault and knowledge answers still work).</p>
          <ModelList />
          <div className="buttons">
            <button type="button" className="primary" onClick={finish}>
              Continue to vault health
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
