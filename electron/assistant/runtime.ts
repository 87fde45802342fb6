// One loaded model per path for the life of the process: loading is the slow part, so it happens once, on first use.
import { loadLlmRuntime, type LlmRuntime } from '../../native';
import { BastionError } from '../core';

const runtimes = new Map<string, Promise<LlmRuntime>>();

/** BASTION_LLM_THREADS caps generation threads (default: llama.cpp's choice for this machine). */
function envThreads(env = process.env): number | undefined {
  const n = Number(env.BASTION_LLM_THREADS);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export function getRuntime(modelPath: string, opts: { threads?: number; contextSize?: number } = {}): Promise<LlmRuntime> {
  opts = { ...opts, threads: opts.threads ?? envThreads() };
  const key = `${modelPath}|${opts.threads ?? 0}|${opts.contextSize ?? 0}`;
  let p = runtimes.get(key);
  if (!p) {
    p = loadLlmRuntime({ modelPath, gpu: 'auto', ...opts }).catch((e: unknown) => {
      runtimes.delete(key);
      throw new BastionError('MODEL_ERROR', `Cannot load the model ${modelPath}: ${(e as Error).message}`, { cause: e });
    });
    runtimes.set(key, p);
  }
  return p;
}

export async function disposeRuntimes(): Promise<void> {
  const all = [...runtimes.values()];
  runtimes.clear();
  for (const p of all) await (await p.catch(() => null))?.dispose();
}
