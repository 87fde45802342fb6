import { useEffect, useRef, useState, type FormEvent } from 'react';
import { actionTitle, RISK_TITLES, type RiskTier } from '../../../electron/vocabulary';
import { humanizeText } from '../../lib/humanize';
import { useApp, type ChatMessage } from '../../store/app';
import { FindingCard } from './FindingCard';

export function Chat() {
  const messages = useApp((s) => s.messages);
  const asking = useApp((s) => s.asking);
  const source = useApp((s) => s.source);
  const [q, setQ] = useState('');
  const endRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    endRef.current?.scrollIntoView({ block: 'end' });
  }, [messages]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const text = q.trim();
    if (!text || asking) return;
    setQ('');
    void useApp.getState().ask(text);
  };
  return (
    <section aria-labelledby="chat-title" className="chat">
      <h1 id="chat-title" tabIndex={-1}>
        Chat
      </h1>
      <p className="hint">Ask about your vault ("which passwords are reused?") or security in general. Answers run on this machine.</p>
      <ol className="messages" aria-label="Conversation">
        {messages.map((m) => (
          <li key={m.id} className={`msg ${m.role}`}>
            {m.role === 'user' ? <p className="bubble">{m.text}</p> : <Answer m={m} />}
          </li>
        ))}
      </ol>
      <div ref={endRef} />
      <form className="ask" onSubmit={submit}>
        <label htmlFor="question">Your question</label>
        <input id="question" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Which of my passwords are reused?" autoComplete="off" />
        {asking ? (
          <button type="button" className="danger" onClick={() => void useApp.getState().stop()}>
            Stop
          </button>
        ) : (
          <button type="submit" disabled={!q.trim()}>
            Ask
          </button>
        )}
      </form>
      {source && <SourcePanel />}
    </section>
  );
}

function Answer({ m }: { m: ChatMessage }) {
  const r = m.result;
  // Items the answer is about, by id: an id in the model's text is shown as the item's title.
  const titles = new Map((r?.findings ?? []).flatMap((f) => f.items.map((i) => [i.id, i.title] as const)));
  return (
    <div className="bubble answer" aria-busy={m.streaming} data-testid={m.streaming ? 'answer-streaming' : 'answer'}>
      {r && <p className="route">Answered from: {r.route === 'vault' ? 'your vault report' : r.route === 'knowledge' ? 'the knowledge base' : 'the model'}</p>}
      <p className="text">{humanizeText(m.text, titles) || (m.streaming ? '…' : '')}</p>
      {m.error && (
        <p className="error" role="alert">
          {m.error}
        </p>
      )}
      {r && r.findings.length > 0 && (
        <div className="cards" aria-label="Findings from the vault report">
          {r.findings.map((f, i) => (
            <FindingCard key={`${f.kind}-${i}`} finding={f} />
          ))}
        </div>
      )}
      {r && r.citations.length > 0 && (
        <div className="citations">
          <h2 className="small">Sources</h2>
          <ol>
            {r.citations.map((c, i) => (
              <li key={`${c.doc}-${i}`}>
                <button type="button" className="link" onClick={() => useApp.getState().openSource({ title: c.title, doc: c.doc, snippet: c.snippet })}>
                  [{i + 1}] {c.title}
                </button>
              </li>
            ))}
          </ol>
        </div>
      )}
      {r && r.proposals.length > 0 && (
        <div className="cards" aria-label="Proposed actions">
          {r.proposals.map((p) => {
            const title = actionTitle(p.action);
            return (
              <article key={p.id} className={`card action${p.tainted ? ' tainted' : ''}`} aria-label={`Proposed action: ${title}`}>
                <header>
                  <span className="badge">{RISK_TITLES[p.risk as RiskTier] ?? 'Action'}</span> <strong>{title}</strong>
                  {p.tainted && <span className="badge warn">untrusted input</span>}
                </header>
                <button type="button" onClick={() => void useApp.getState().openProposal(p.id)}>
                  Review…
                </button>
              </article>
            );
          })}
        </div>
      )}
    </div>
  );
}

function SourcePanel() {
  const source = useApp((s) => s.source)!;
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [source]);
  return (
    <aside className="source" aria-labelledby="source-title">
      <h2 id="source-title">{source.title}</h2>
      <blockquote>{source.snippet}</blockquote>
      <button ref={ref} type="button" onClick={() => useApp.getState().openSource(null)}>
        Close source
      </button>
    </aside>
  );
}
