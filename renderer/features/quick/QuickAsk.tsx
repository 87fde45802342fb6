import { useEffect, useState, type FormEvent } from 'react';
import { humanizeText } from '../../lib/humanize';
import { connectEvents, useApp } from '../../store/app';

/** The global-hotkey window: one question, a streamed answer, Escape closes. */
export function QuickAsk() {
  const messages = useApp((s) => s.messages);
  const asking = useApp((s) => s.asking);
  const [q, setQ] = useState('');
  useEffect(() => connectEvents(), []);
  useEffect(() => {
    const k = (e: KeyboardEvent) => e.key === 'Escape' && window.close();
    window.addEventListener('keydown', k);
    return () => window.removeEventListener('keydown', k);
  }, []);
  const last = [...messages].reverse().find((m) => m.role === 'assistant');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (q.trim()) void useApp.getState().ask(q.trim());
  };
  return (
    <main className="quick">
      <h1 className="sr-only">Quick ask</h1>
      <form onSubmit={submit} className="ask">
        <label htmlFor="quick-q" className="sr-only">
          Ask Bastion
        </label>
        <input id="quick-q" autoFocus value={q} onChange={(e) => setQ(e.target.value)} placeholder="Ask Bastion…" />
        {asking ? (
          <button type="button" onClick={() => void useApp.getState().stop()}>
            Stop
          </button>
        ) : (
          <button type="submit">Ask</button>
        )}
      </form>
      {last && (
        <p className="bubble answer" aria-live="polite" aria-busy={last.streaming}>
          {humanizeText(last.text, new Map((last.result?.findings ?? []).flatMap((f) => f.items.map((i) => [i.id, i.title] as const)))) || last.error}
        </p>
      )}
    </main>
  );
}
