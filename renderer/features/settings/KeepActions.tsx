import { useCallback, useEffect, useState } from 'react';
import type { Res } from '../../../electron/ipc/contract';
import { call, messageOf } from '../../lib/ipc';
import { count } from '../../lib/progress';
import { exactTime, relativeTime, timeOf } from '../../lib/time';
import { useApp } from '../../store/app';

// The delete buttons beside "What Bastion keeps": forget one imported vault (`vault:forget`), remove one knowledge
// document (`kb:list` + `kb:remove`), clear chat history (`conversations:clear`). Each is a use case that audits it;
// deleting everything is "Delete local data" (`settings:wipe`) below.

export function AreaActions({ area, onChanged }: { area: string; onChanged: () => Promise<void> }) {
  switch (area) {
    case 'vault':
      return <VaultSources onChanged={onChanged} />;
    case 'knowledge':
      return <KnowledgeDocuments onChanged={onChanged} />;
    case 'assistant':
      return <ClearHistory onChanged={onChanged} />;
    case 'audit':
      return <p className="muted small">Kept for good so that every action can be checked later; Delete local data keeps it too.</p>;
    case 'models':
      return <p className="muted small">Models are added and chosen under Models, above.</p>;
    default:
      return null;
  }
}

/** Runs a deletion, says how it went in the status line, then reloads what the screen shows. */
async function settle(f: () => Promise<string>, after: () => Promise<void>): Promise<void> {
  const s = useApp.getState();
  try {
    s.say(await f());
  } catch (e) {
    s.say(messageOf(e));
  }
  await after();
}

function VaultSources({ onChanged }: { onChanged: () => Promise<void> }) {
  const [sources, setSources] = useState<Res<'vault:sources'>>([]);
  const [asking, setAsking] = useState<string | null>(null);
  const load = useCallback(async () => setSources(await call('vault:sources', {}).catch(() => [])), []);
  useEffect(() => void load(), [load]);
  if (sources.length === 0) return <p className="muted small">No vault imported.</p>;
  const forget = (id: string, name: string) =>
    settle(
      async () => {
        await call('vault:forget', { idOrPath: id });
        return `Forgot ${name}: its items and findings are gone from Bastion; the file itself was not touched.`;
      },
      async () => {
        setAsking(null);
        await Promise.all([load(), onChanged(), useApp.getState().refreshHealth()]);
      },
    );
  return (
    <ul className="keep-actions" aria-label="Imported vaults">
      {sources.map((s) => {
        const at = timeOf(s.importedAt);
        return (
          <li key={s.id}>
            <span>
              <strong>{s.name}</strong>{' '}
              <span className="muted small">
                {count(s.items)} items, imported <span title={at === null ? undefined : exactTime(at)}>{at === null ? '' : relativeTime(at, Date.now())}</span>
              </span>
            </span>
            {asking === s.id ? (
              <span className="confirm-inline" role="group" aria-label={`Forget ${s.name}?`}>
                <span className="small">Forget {s.name} and everything Bastion derived from it?</span>
                <button type="button" className="danger small" onClick={() => void forget(s.id, s.name)}>
                  Forget {s.name}
                </button>
                <button type="button" className="small" autoFocus onClick={() => setAsking(null)}>
                  Cancel
                </button>
              </span>
            ) : (
              <button type="button" className="small" onClick={() => setAsking(s.id)}>
                Forget…
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function KnowledgeDocuments({ onChanged }: { onChanged: () => Promise<void> }) {
  const [docs, setDocs] = useState<Res<'kb:list'>>([]);
  const load = useCallback(async () => setDocs(await call('kb:list', {}).catch(() => [])), []);
  useEffect(() => void load(), [load]);
  if (docs.length === 0) return <p className="muted small">No documents of your own: only the built-in articles.</p>;
  const remove = (id: string, title: string) =>
    settle(
      async () => ((await call('kb:remove', { id })), `Removed “${title}” from the knowledge base (the file itself was not touched).`),
      async () => void (await Promise.all([load(), onChanged()])),
    );
  return (
    <ul className="keep-actions" aria-label="Your knowledge documents">
      {docs.map((d) => (
        <li key={d.id}>
          <span>
            <strong>{d.title}</strong> <span className="muted small">{count(d.chunks)} passages</span>
            {d.folder && <span className="muted small"> · from a knowledge folder: indexed again at the next start while the folder is listed</span>}
          </span>
          <button type="button" className="small" aria-label={`Remove “${d.title}” from the knowledge base`} onClick={() => void remove(d.id, d.title)}>
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}

function ClearHistory({ onChanged }: { onChanged: () => Promise<void> }) {
  const [asking, setAsking] = useState(false);
  const clear = () =>
    settle(
      async () => {
        const r = await call('conversations:clear', {});
        useApp.getState().newConversation();
        return `Chat history cleared: ${count(r.messages)} message${r.messages === 1 ? '' : 's'} deleted.`;
      },
      async () => {
        setAsking(false);
        await Promise.all([onChanged(), useApp.getState().refreshConversations()]);
      },
    );
  return asking ? (
    <p className="confirm-inline" role="group" aria-label="Clear chat history?">
      <span className="small">Delete every kept conversation from this computer?</span>
      <button type="button" className="danger small" onClick={() => void clear()}>
        Clear chat history
      </button>
      <button type="button" className="small" autoFocus onClick={() => setAsking(false)}>
        Cancel
      </button>
    </p>
  ) : (
    <p>
      <button type="button" className="small" onClick={() => setAsking(true)}>
        Clear chat history…
      </button>
    </p>
  );
}
