import { useCallback, useEffect, useState } from 'react';
import type { ModelInfoT } from '../../../electron/ipc/contract';
import { bytesWords } from '../../lib/bytes';
import { call, messageOf, on } from '../../lib/ipc';
import { useApp } from '../../store/app';

export const KIND_WORDS: Record<'instruct' | 'base' | 'unknown', string> = {
  instruct: 'instruct: writes answers',
  base: 'base: short intros only',
  unknown: 'kind not checked',
};

export const kindWords = (m: Pick<ModelInfoT, 'kind'>) => KIND_WORDS[m.kind ?? 'unknown'];

/** "SmolLM2 135M Instruct — 94 MB · instruct: writes answers" */
export const modelLabel = (m: ModelInfoT) => `${m.title || m.name} — ${bytesWords(m.sizeBytes)} · ${kindWords(m)}`;

/**
 * The chat header's model picker: the installed models with their size and kind; choosing one makes it the model that
 * answers (`models:use`, audited). While the model before it is kept, it offers to roll back to it.
 */
export function ModelPicker() {
  const asking = useApp((s) => s.asking);
  const [models, setModels] = useState<ModelInfoT[] | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    try {
      setModels((await call('models:list', {})).models.filter((m) => m.installed));
    } catch (e) {
      useApp.getState().say(messageOf(e));
    }
  }, []);
  useEffect(() => {
    void load();
    // A download or import finishing elsewhere (Settings) changes what can be picked.
    return on('models:progress', (p) => void (p.total > 0 && p.done >= p.total && load()));
  }, [load]);
  const run = async (f: () => Promise<string>) => {
    setBusy(true);
    try {
      useApp.getState().say(await f());
    } catch (e) {
      useApp.getState().say(messageOf(e));
    } finally {
      setBusy(false);
      await load();
    }
  };
  if (!models) return null;
  if (models.length === 0) {
    return (
      <p className="model-picker muted small" data-testid="model-picker">
        No model installed: answers come from Bastion's engine.{' '}
        <button type="button" className="link" onClick={() => useApp.getState().go('settings')}>
          Add a model in Settings
        </button>
      </p>
    );
  }
  const active = models.find((m) => m.active);
  const previous = models.find((m) => m.previous && !m.active);
  const title = (name: string) => models.find((m) => m.name === name)?.title ?? name;
  return (
    <div className="model-picker" data-testid="model-picker">
      <div className="row">
        <label htmlFor="chat-model">Model</label>
        <select
          id="chat-model"
          value={active?.name ?? ''}
          disabled={asking || busy}
          onChange={(e) => {
            const name = e.target.value;
            if (name) void run(async () => `Answers now come from ${title((await call('models:use', { name })).name)}.`);
          }}
        >
          {!active && <option value="">None chosen</option>}
          {models.map((m) => (
            <option key={m.name} value={m.name}>
              {modelLabel(m)}
            </option>
          ))}
        </select>
        {previous && (
          <button type="button" disabled={asking || busy} onClick={() => void run(async () => `Rolled back: answers come from ${title((await call('models:rollback', {})).name)} again.`)}>
            Roll back to the previous model
          </button>
        )}
      </div>
      {previous && <p className="muted small">Kept for rollback: {previous.title}</p>}
      {active?.kindNote && <p className="muted small">{active.kindNote}</p>}
    </div>
  );
}
