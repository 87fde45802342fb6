import { useRef, useState, type FormEvent } from 'react';
import type { Res } from '../../../electron/ipc/contract';
import { call, messageOf } from '../../lib/ipc';
import { useModalDialog } from '../../lib/dialog';
import { useApp } from '../../store/app';

/** "Search the knowledge base" (palette): passages with the document each comes from; the user's own are marked. */
export function KnowledgeSearch() {
  const ref = useRef<HTMLDialogElement>(null);
  const [q, setQ] = useState('');
  const [result, setResult] = useState<{ query: string; found: Res<'kb:search'> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useModalDialog(ref);
  const close = () => useApp.getState().setKbSearch(false);
  const search = async (e: FormEvent) => {
    e.preventDefault();
    const query = q.trim();
    if (!query) return;
    setBusy(true);
    setError(null);
    try {
      setResult({ query, found: await call('kb:search', { query, k: 8 }) });
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} className="kb-search" aria-labelledby="kb-search-title" onCancel={(e) => (e.preventDefault(), close())}>
      <h2 id="kb-search-title">Search the knowledge base</h2>
      <form className="row" onSubmit={(e) => void search(e)}>
        <label htmlFor="kb-query">Search for</label>
        <input id="kb-query" value={q} onChange={(e) => setQ(e.target.value)} placeholder="phishing, recovery codes…" autoComplete="off" />
        <button type="submit" disabled={!q.trim() || busy}>
          Search
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div role="status" aria-live="polite">
        {result && (
          <p className="muted small" data-testid="kb-search-summary">
            {result.found.results.length === 0
              ? `Nothing found for “${result.query}”.`
              : `${result.found.results.length} passage${result.found.results.length === 1 ? '' : 's'} for “${result.query}” (${result.found.mode === 'hybrid' ? 'by words and meaning' : 'by words'}).`}
          </p>
        )}
      </div>
      {result && result.found.results.length > 0 && (
        <ol className="kb-results" aria-label="Passages found">
          {result.found.results.map((r) => (
            <li key={r.chunkId}>
              <p>
                <strong>{r.title}</strong>
                {r.heading && r.heading !== r.title && <span className="muted"> — {r.heading}</span>}
                {r.untrusted && <span className="badge warn">your document</span>}
              </p>
              <p className="small">{r.snippet}</p>
            </li>
          ))}
        </ol>
      )}
      <div className="buttons">
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </dialog>
  );
}
