import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useApp } from '../../store/app';
import { Answer } from './Answer';
import { ConversationList } from './ConversationList';
import { ModelPicker } from './ModelPicker';
import { Suggestions } from './Suggestions';

/** Chat like the local apps: conversations at the side, the model in the header, answers as safe Markdown. */
export function Chat() {
  const messages = useApp((s) => s.messages);
  const asking = useApp((s) => s.asking);
  const source = useApp((s) => s.source);
  const [q, setQ] = useState('');
  const endRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    void useApp.getState().refreshConversations();
  }, []);
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
    <section aria-labelledby="chat-title" className="chat-layout">
      <ConversationList />
      <div className="chat">
        <div className="page-head chat-head">
          <h1 id="chat-title" tabIndex={-1}>
            Chat
          </h1>
          <ModelPicker />
        </div>
        <p className="hint">Ask about your vault ("which passwords are reused?") or security in general. Answers run on this machine.</p>
        {messages.length === 0 && <Suggestions />}
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
      </div>
    </section>
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
