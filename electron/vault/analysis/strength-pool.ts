import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { BastionError } from '../../core';
import { buildZxcvbn } from './zxcvbn-build';
import { estimateStrength, L33T_MAX_SUBSTITUTIONS, loadZxcvbn, zxcvbnModulePaths, type Strength } from './zxcvbn';

/** Below this many passwords, starting workers (each loads the dictionaries, ~0.2 s) costs more than it saves. */
export const WORKER_THRESHOLD = 64;

// The worker is plain CommonJS evaluated from this string so it runs the same from source (vitest/tsx), from the
// esbuild CLI bundle and from the Electron bundle, with no extra file to ship. Passwords reach it only through
// postMessage (memory), never a file or argv.
const WORKER_SOURCE = `
var __name = (f) => f;
const { parentPort, workerData } = require('node:worker_threads');
const build = (${buildZxcvbn.toString()});
const z = build((n) => require(workerData.paths[n]), { l33tMaxSubstitutions: workerData.l33t, fast: true });
parentPort.on('message', (batch) => {
  const out = new Float64Array(batch.length * 2);
  for (let i = 0; i < batch.length; i++) {
    const r = z.check(batch[i]);
    out[2 * i] = r.score;
    out[2 * i + 1] = Math.round(r.guessesLog10 * 100) / 100;
  }
  batch.fill('');
  parentPort.postMessage(out, [out.buffer]);
});
`;

export interface StrengthOptions {
  /** Force a worker count (tests); default: one per core, at most 8, and none for small batches. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

/** zxcvbn for many passwords: in worker threads when there are enough of them, else in this thread. */
export async function estimateMany(passwords: string[], opts: StrengthOptions = {}): Promise<Strength[]> {
  const n = passwords.length;
  const workers = opts.workers ?? (n < WORKER_THRESHOLD ? 0 : Math.min(8, availableParallelism(), Math.ceil(n / WORKER_THRESHOLD)));
  if (workers <= 0) {
    await loadZxcvbn();
    const out: Strength[] = [];
    for (let i = 0; i < n; i++) {
      out.push(estimateStrength(passwords[i]!));
      if (opts.onProgress && (i % 50 === 49 || i === n - 1)) opts.onProgress(i + 1, n);
    }
    return out;
  }
  return runPool(passwords, workers, opts.onProgress);
}

async function runPool(passwords: string[], count: number, onProgress?: (done: number, total: number) => void): Promise<Strength[]> {
  const n = passwords.length;
  const result: Strength[] = new Array(n);
  const batchSize = Math.max(8, Math.min(128, Math.ceil(n / (count * 8))));
  let next = 0;
  let done = 0;
  const paths = zxcvbnModulePaths();
  const pool: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: count }, () => {
        const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { paths, l33t: L33T_MAX_SUBSTITUTIONS } });
        pool.push(worker);
        return new Promise<void>((resolve, reject) => {
          let start = 0;
          const send = () => {
            if (next >= n) {
              resolve();
              return;
            }
            start = next;
            next = Math.min(n, next + batchSize);
            worker.postMessage(passwords.slice(start, next));
          };
          worker.on('message', (out: Float64Array) => {
            for (let i = 0; i < out.length / 2; i++) result[start + i] = { score: out[2 * i]!, guessesLog10: out[2 * i + 1]! };
            done += out.length / 2;
            onProgress?.(done, n);
            send();
          });
          worker.on('error', (e) => reject(new BastionError('INTERNAL', `Password strength worker failed: ${e.message}`, { cause: e })));
          worker.on('exit', (code) => {
            if (next < n || code !== 0) reject(new BastionError('INTERNAL', `Password strength worker stopped early (exit ${code}).`));
          });
          send();
        });
      }),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return result;
}
