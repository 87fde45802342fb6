// Entry of the model utility process. It only generates: no store, no install key, no audit log, no permission
// layer (electron/main/llm-worker.test.ts checks its bundle). Main sends the prompt; tokens stream back.
// The llama binding's own face: the native face also exports SQLite, which this process must never load.
import { loadLlmRuntime, type LlmRuntime } from '../../native/llm';
import { serveModelProcess } from '../model-process';

type ParentPort = { postMessage(m: unknown): void; on(ev: 'message', l: (e: { data: unknown }) => void): void };
const parent = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parent) throw new Error('llm-worker must run as an Electron utility process.');

const threads = Number(process.env.BASTION_LLM_THREADS);
const loaded = new Map<string, Promise<LlmRuntime>>();
// Loading is the slow part: one runtime per model path for the life of the process.
const load = (modelPath: string): Promise<LlmRuntime> => {
  let p = loaded.get(modelPath);
  if (!p) {
    p = loadLlmRuntime({ modelPath, gpu: 'auto', ...(Number.isInteger(threads) && threads > 0 ? { threads } : {}) });
    p.catch(() => loaded.delete(modelPath));
    loaded.set(modelPath, p);
  }
  return p;
};

serveModelProcess({ post: (m) => parent.postMessage(m), onMessage: (l) => parent.on('message', (e) => l(e.data)) }, load);
