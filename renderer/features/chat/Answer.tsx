import { useState } from 'react';
import type { FallbackT } from '../../../electron/ipc/contract';
import { actionTitle, FALLBACK_TITLES, RISK_TITLES, type FallbackReason, type RiskTier } from '../../../electron/vocabulary';
import { copyText } from '../../lib/copy';
import { humanizeText } from '../../lib/humanize';
import { splitSources } from '../../lib/markdown';
import { useApp, type ChatMessage } from '../../store/app';
import { FindingCard } from './FindingCard';
import { Markdown } from './Markdown';

const ROUTE_WORDS = { vault: 'your vault report', knowledge: 'the knowledge base', chat: 'the model', device: 'your device report' } as const;

/** One answer: its text as safe Markdown, the engine's findings, its sources (once), proposals, and Copy. */
export function Answer({ m }: { m: ChatMessage }) {
  const r = m.result;
  // Items the answer is about, by id: an id in the model's text is shown as the item's title.
  const titles = new Map((r?.findings ?? []).flatMap((f) => f.items.map((i) => [i.id, i.title] as const)));
  const shown = humanizeText(m.text, titles);
  const { body, numbers } = splitSources(shown, r?.citations.length ?? 0);
  return (
    <div className="bubble answer" aria-busy={m.streaming} data-testid={m.streaming ? 'answer-streaming' : 'answer'}>
      {r && <p className="route">Answered from: {r.route === 'chat' && r.fallback ? "Bastion's own words" : ROUTE_WORDS[r.route]}</p>}
      {body ? <Markdown text={body} className="text" /> : <p className="text">{m.streaming ? '…' : ''}</p>}
      {m.error && (
        <p className="error" role="alert">
          {m.error}
        </p>
      )}
      {r?.fallback && <FallbackNote fallback={r.fallback} />}
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
          <ul className="plain">
            {r.citations.map((c, i) => (
              <li key={`${c.doc}-${i}`}>
                <button type="button" className="link" onClick={() => useApp.getState().openSource({ title: c.title, doc: c.doc, snippet: c.snippet })}>
                  [{numbers[i] ?? i + 1}] {c.title}
                </button>
              </li>
            ))}
          </ul>
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
      {!m.streaming && shown && <CopyButton text={shown} />}
    </div>
  );
}

const FALLBACK_WORDS: Record<FallbackReason, string> = {
  model_rejected: "Answered from Bastion's engine; the model's draft did not pass checks.",
  no_model: "Answered from Bastion's engine: no model is set up (Settings → Models).",
  locked_down: "Answered from Bastion's engine while the organisation's policy locks Bastion down.",
  document_unreadable: `${FALLBACK_TITLES.document_unreadable}; the others were used.`,
  entries_skipped: `${FALLBACK_TITLES.entries_skipped}.`,
};

/** Said calmly under the answer: Bastion took its plainer, checked path (the same `fallback` field the CLI prints). */
function FallbackNote({ fallback }: { fallback: FallbackT }) {
  return (
    <div className="fallback-note" data-testid="fallback" data-reason={fallback.reason}>
      <p>{FALLBACK_WORDS[fallback.reason]}</p>
      {fallback.reason === 'model_rejected' && (
        <details>
          <summary>Why</summary>
          <p className="small">{humanizeText(fallback.message)}</p>
        </details>
      )}
    </div>
  );
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    const ok = copyText(text);
    setCopied(ok);
    useApp.getState().say(ok ? 'Answer copied to the clipboard.' : 'The answer could not be copied.');
  };
  return (
    <div className="answer-tools">
      <button type="button" className="ghost small" aria-label={copied ? 'Answer copied' : 'Copy answer'} onClick={copy}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
