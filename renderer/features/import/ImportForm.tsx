import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ImportPhaseT } from '../../../electron/ipc/contract';
import { FORMAT_TITLES, IMPORT_FORMATS, type ImportFormat } from '../../../electron/vocabulary';
import { call, IpcError, messageOf, on } from '../../lib/ipc';
import { useApp } from '../../store/app';
import { ImportProgress, type Progress } from './ImportProgress';
import { PathField } from './PathField';

/** Import a vault like a desktop app: pickers, a progress display with phase, count, time left and Cancel, then the result in focus. */
export function ImportForm({ onImported }: { onImported?: () => void }) {
  const [path, setPath] = useState('');
  const [keyFile, setKeyFile] = useState('');
  const [format, setFormat] = useState<ImportFormat | 'auto'>('auto');
  const [password, setPassword] = useState('');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string; plaintext?: { path: string } } | null>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);

  useEffect(
    () =>
      on('vault:progress', (p) =>
        setProgress((cur) => {
          if (!cur) return cur;
          const phase: ImportPhaseT = p.phase ?? cur.phase;
          const soFar = p.soFar ?? cur.soFar;
          return { phase, done: p.done, total: p.total, scoringSince: phase === 'scoring' ? (cur.scoringSince ?? Date.now()) : cur.scoringSince, ...(soFar ? { soFar } : {}) };
        }),
      ),
    [],
  );
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    setProgress({ phase: 'reading', done: 0, total: 0, scoringSince: null });
    try {
      const r = await call('vault:import', { path: path.trim(), format, ...(password ? { password } : {}), ...(keyFile.trim() ? { keyFilePath: keyFile.trim() } : {}) });
      const name = path.trim().split(/[\\/]/).pop();
      const skipped = r.skipped.length ? ` ${r.skipped.length} entries were skipped.` : '';
      setResult({
        ok: true,
        text: `Imported ${r.items} items (${r.logins} logins) from ${name} (${FORMAT_TITLES[r.format as ImportFormat] ?? 'a vault export'}).${skipped}${r.warning ? ` ${r.warning}` : ''}`,
        ...(r.plaintextExport ? { plaintext: { path: r.plaintextExport.path } } : {}),
      });
      setPassword('');
      useApp.getState().say(`Vault imported: ${r.items} items.`);
      onImported?.();
      await useApp.getState().refreshHealth();
    } catch (err) {
      const cancelled = err instanceof IpcError && err.code === 'CANCELLED';
      setResult({ ok: false, text: cancelled ? 'Import cancelled; nothing was changed.' : messageOf(err) });
    } finally {
      setProgress(null);
    }
  };
  const cancel = () => void call('vault:cancel-import', {}).catch(() => undefined);

  return (
    <form onSubmit={(e) => void submit(e)} className="stack import-form" aria-label="Import a vault">
      <PathField id="vault-path" label="Vault file" purpose="vault" value={path} onChange={setPath} placeholder="Passwords.kdbx or an export" required />
      <label htmlFor="vault-format">Format</label>
      <select id="vault-format" value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
        <option value="auto">Detect automatically</option>
        {IMPORT_FORMATS.map((f) => (
          <option key={f} value={f}>
            {FORMAT_TITLES[f]}
          </option>
        ))}
      </select>
      <label htmlFor="vault-password-input">Master password (KeePass only)</label>
      <input id="vault-password-input" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" />
      <PathField id="key-file" label="Key file (KeePass, optional)" purpose="key-file" value={keyFile} onChange={setKeyFile} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={progress !== null || !path.trim()}>
          {progress ? 'Importing…' : 'Import'}
        </button>
      </div>
      {progress && <ImportProgress progress={progress} onCancel={cancel} />}
      {result && (
        <p ref={resultRef} tabIndex={-1} role={result.ok ? 'status' : 'alert'} className={result.ok ? 'result ok' : 'result error'} data-testid="import-summary">
          {result.text}
        </p>
      )}
      {result?.plaintext && (
        <p className="flag" data-testid="plaintext-offer">
          This export holds every password in plain text, readable by anyone who opens it.{' '}
          <button type="button" onClick={() => void useApp.getState().propose({ action: 'delete_plaintext_export', args: { path: result.plaintext!.path, mode: 'trash' } })}>
            Move it to the trash…
          </button>
        </p>
      )}
    </form>
  );
}
