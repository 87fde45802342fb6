import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { GpuInfo, ModelInfo } from '../../../electron/ipc/contract';
import { call, messageOf, on } from '../../lib/ipc';
import { kindWords } from '../chat/ModelPicker';
import { PathField } from '../import/PathField';

type Model = z.output<typeof ModelInfo>;

export function ModelList() {
  const [models, setModels] = useState<Model[]>([]);
  const [gpu, setGpu] = useState<z.output<typeof GpuInfo> | null>(null);
  const [progress, setProgress] = useState<Record<string, { done: number; total: number }>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [importPath, setImportPath] = useState('');
  const load = useCallback(async () => {
    try {
      const r = await call('models:list', {});
      setModels(r.models);
      setGpu(r.gpu);
    } catch (e) {
      setMessage(messageOf(e));
    }
  }, []);
  useEffect(() => {
    void load();
    return on('models:progress', (p) => setProgress((s) => ({ ...s, [p.name]: { done: p.done, total: p.total } })));
  }, [load]);
  const run = async (f: () => Promise<unknown>, ok: string) => {
    setMessage(null);
    try {
      await f();
      setMessage(ok);
      await load();
    } catch (e) {
      setMessage(messageOf(e));
    }
  };
  const importModel = (e: FormEvent) => {
    e.preventDefault();
    void run(() => call('models:import', { path: importPath.trim() }), 'Model imported.');
  };
  return (
    <div className="models">
      {gpu && (
        <p className="muted" data-testid="gpu">
          Acceleration: {gpu.backend}
          {gpu.devices.length ? ` (${gpu.devices.join(', ')})` : ''} — {gpu.note}
        </p>
      )}
      {models.length === 0 && <p className="muted">No model catalog in this build.</p>}
      <ul className="model-list">
        {models.map((m) => (
          <li key={m.name}>
            <span>
              <strong>{m.title || m.name}</strong> {m.tier && <span className="badge">{m.tier}</span>} {m.kind !== undefined && <span className="badge">{kindWords(m)}</span>} {m.active && <span className="badge ok">in use</span>}
              {m.sizeBytes ? <span className="muted"> {(m.sizeBytes / 2 ** 20).toFixed(0)} MiB</span> : null}
              {m.license ? <span className="muted"> · {m.license}</span> : null}
            </span>
            {progress[m.name] && (
              <progress max={progress[m.name]!.total || 1} value={progress[m.name]!.done} aria-label={`Downloading ${m.name}`} />
            )}
            {m.installed ? (
              !m.active && (
                <button type="button" onClick={() => void run(() => call('models:use', { name: m.name }), `Using ${m.name}.`)}>
                  Use
                </button>
              )
            ) : (
              <button type="button" onClick={() => void run(() => call('models:pull', { name: m.name }), `${m.name} downloaded and verified.`)}>
                Download
              </button>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={importModel} className="stack">
        <PathField id="model-path" label="Model file (GGUF)" purpose="model" value={importPath} onChange={setImportPath} />
        <div className="buttons">
          <button type="submit" disabled={!importPath.trim()}>
            Import model
          </button>
        </div>
      </form>
      {message && <p role="status">{message}</p>}
    </div>
  );
}
