import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ConversationT } from '../../../electron/ipc/contract';
import { exactTime, relativeTime } from '../../lib/time';
import { useApp } from '../../store/app';

const UNTITLED = 'Untitled conversation';
const titleOf = (c: ConversationT) => c.title ?? UNTITLED;

/**
 * The conversations kept on this computer, newest first: open, rename, delete, start a new one. With chat history off
 * (by you or by the organisation's policy) nothing is stored, so the list holds only the conversation on screen.
 */
export function ConversationList() {
  const conversations = useApp((s) => s.conversations);
  const current = useApp((s) => s.conversationId);
  const kept = useApp((s) => s.historyKept);
  const locked = useApp((s) => s.historyLocked);
  const asking = useApp((s) => s.asking);
  const firstQuestion = useApp((s) => s.messages.find((m) => m.role === 'user')?.text ?? null);
  const stored = kept !== false ? conversations : [];
  // The conversation on screen before its first answer is stored (or ever, with history off).
  const unsaved = !stored.some((c) => c.id === current);
  const now = Date.now();
  return (
    <nav className="conversations" aria-labelledby="conversations-title">
      <div className="conversations-head">
        <h2 id="conversations-title">Conversations</h2>
        <button type="button" onClick={() => useApp.getState().newConversation()} disabled={asking}>
          New conversation
        </button>
      </div>
      {kept === false && (
        <p className="note small" data-testid="history-off">
          {locked
            ? "Chat history is off by your organisation's policy: only this conversation is shown, and it is not kept."
            : 'Chat history is off (Settings → General): only this conversation is shown, and it is not kept.'}
        </p>
      )}
      <ul className="conversation-list">
        {unsaved && (
          <li className="current">
            <span className="conversation-open" aria-current="true">
              {firstQuestion ? short(firstQuestion) : 'No question yet'}
            </span>
          </li>
        )}
        {stored.map((c) => (
          <ConversationRow key={c.id} c={c} current={c.id === current} disabled={asking} now={now} />
        ))}
      </ul>
      {kept !== false && stored.length === 0 && <p className="muted small">Your conversations are kept here, on this computer only.</p>}
    </nav>
  );
}

const short = (q: string) => (q.length > 80 ? `${q.slice(0, 79)}…` : q);

function ConversationRow({ c, current, disabled, now }: { c: ConversationT; current: boolean; disabled: boolean; now: number }) {
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const title = titleOf(c);
  const s = useApp.getState;
  return (
    <li className={current ? 'current' : undefined} data-testid="conversation">
      <button type="button" className="conversation-open" aria-current={current ? 'true' : undefined} disabled={disabled} onClick={() => void s().openConversation(c.id)}>
        <span className="conversation-title">{title}</span>
        <span className="muted small" title={exactTime(c.updatedMs)}>
          {relativeTime(c.updatedMs, now)} · {c.messages / 2 === 1 ? '1 question' : `${Math.ceil(c.messages / 2)} questions`}
        </span>
      </button>
      {mode === 'view' && (
        <span className="conversation-tools">
          <button type="button" className="ghost small" aria-label={`Rename “${title}”`} disabled={disabled} onClick={() => setMode('rename')}>
            Rename
          </button>
          <button type="button" className="ghost small" aria-label={`Delete “${title}”`} disabled={disabled} onClick={() => setMode('delete')}>
            Delete
          </button>
        </span>
      )}
      {mode === 'rename' && <RenameForm c={c} done={() => setMode('view')} />}
      {mode === 'delete' && (
        <div className="confirm-inline" role="group" aria-label={`Delete “${title}”?`}>
          <p className="small">Delete “{title}” and its messages from this computer?</p>
          <button type="button" className="danger small" onClick={() => void s().deleteConversation(c.id)}>
            Delete conversation
          </button>
          <button type="button" className="small" autoFocus onClick={() => setMode('view')}>
            Cancel
          </button>
        </div>
      )}
    </li>
  );
}

function RenameForm({ c, done }: { c: ConversationT; done: () => void }) {
  const [value, setValue] = useState(c.named ? (c.title ?? '') : '');
  const ref = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => ref.current?.focus(), []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void useApp.getState().renameConversation(c.id, value).then(done);
  };
  return (
    <form className="rename" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), done())}>
      <label htmlFor={id} className="small">
        New name for “{titleOf(c)}”
      </label>
      <input id={id} ref={ref} value={value} maxLength={120} placeholder={c.named ? undefined : titleOf(c)} onChange={(e) => setValue(e.target.value)} autoComplete="off" />
      <button type="submit" className="small">
        Save
      </button>
      <button type="button" className="small" onClick={done}>
        Cancel
      </button>
    </form>
  );
}
