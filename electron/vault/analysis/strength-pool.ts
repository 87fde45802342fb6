import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { BastionError } from '../../core';
import { mostGuessableGuesses, zxcvbnWithIndex } from './zxcvbn-build';
import { estimateStrength, L33T_MAX_SUBSTITUTIONS, loadZxcvbn, zxcvbnIndex, zxcvbnModulePaths, type Strength } from './zxcvbn';

/** Below this many passwords, starting workers costs more than it saves (unless a warm pool is already there). */
export const WORKER_THRESHOLD = 64;
/** A pool left idle this long closes its workers (a long-lived process keeps them across imports until then). */
export const POOL_IDLE_MS = 120_000;

// The worker is plain CommonJS evaluated from this string so it runs the same from source (vitest/tsx), from the
// esbuild CLI bundle and from the Electron bundle, with no extra file to ship. The dictionaries arrive as typed
// arrays over shared memory (no copy, no parsing); passwords reach it only through postMessage (memory), never a
// file or argv. It runs without this process's flags (execArgv: []): it needs none, and a loader such as tsx or
// --input-type=module would only slow its start or break it.
const WORKER_SOURCE = `
var __name = (f) => f;
const { parentPort, workerData } = require('node:worker_threads');
const mostGuessableGuesses = (${mostGuessableGuesses.toString()});
const build = (${zxcvbnWithIndex.toString()});
const z = build((n) => require(workerData.paths[n]), workerData.index, { l33tMaxSubstitutions: workerData.l33t });
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

interface Job {
  result: Strength[];
  total: number;
  done: number;
  failed: boolean;
  onProgress?: (done: number, total: number) => void;
  resolve: (r: Strength[]) => void;
  reject: (e: Error) => void;
}
interface Task {
  job: Job;
  start: number;
  batch: string[];
}
interface Slot {
  worker: Worker;
  task: Task | null;
}

/**
 * zxcvbn worker threads kept between jobs: a long-lived process (the desktop app) pays their start-up once, and can
 * start them ahead of need (`grow`) while it decrypts and parses. Idle workers do not keep the process alive, and
 * close after `idleMs`; `dispose()` closes them now.
 */
export class StrengthPool {
  private slots: Slot[] = [];
  private queue: Task[] = [];
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly idleMs = POOL_IDLE_MS) {}

  get size(): number {
    return this.slots.length;
  }

  /** Starts workers until there are `count`; they load zxcvbn while the caller goes on. */
  grow(count: number): void {
    if (this.slots.length >= count) return;
    const { index } = zxcvbnIndex();
    const paths = zxcvbnModulePaths();
    while (this.slots.length < count) {
      const slot: Slot = { worker: new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { paths, l33t: L33T_MAX_SUBSTITUTIONS, index } }), task: null };
      slot.worker.on('message', (out: Float64Array) => this.finished(slot, out));
      slot.worker.on('error', (e) => this.lost(slot, new BastionError('INTERNAL', `Password strength worker failed: ${e.message}`, { cause: e })));
      slot.worker.on('exit', (code) => this.lost(slot, new BastionError('INTERNAL', `Password strength worker stopped early (exit ${code}).`)));
      // After the listeners: adding a 'message' listener refs the worker again.
      slot.worker.unref();
      this.slots.push(slot);
    }
    this.armIdle();
  }

  /** Scores every password on the pool's workers (growing it to `workers` first). */
  run(passwords: string[], workers: number, onProgress?: (done: number, total: number) => void): Promise<Strength[]> {
    const n = passwords.length;
    if (n === 0) return Promise.resolve([]);
    this.grow(Math.max(1, workers));
    const count = this.slots.length;
    const batchSize = Math.max(8, Math.min(128, Math.ceil(n / (count * 8))));
    return new Promise<Strength[]>((resolve, reject) => {
      const job: Job = { result: new Array<Strength>(n), total: n, done: 0, failed: false, resolve, reject, ...(onProgress ? { onProgress } : {}) };
      for (let start = 0; start < n; start += batchSize) this.queue.push({ job, start, batch: passwords.slice(start, start + batchSize) });
      this.dispatch();
    });
  }

  /** Closes every worker now; jobs still running fail. */
  async dispose(): Promise<void> {
    clearTimeout(this.idleTimer);
    const slots = this.slots;
    this.slots = [];
    const error = new BastionError('INTERNAL', 'Password strength workers were closed before they finished.');
    for (const t of this.queue.splice(0)) this.fail(t.job, error);
    for (const s of slots) if (s.task) this.fail(s.task.job, error);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.task) continue;
      let task = this.queue.shift();
      while (task?.job.failed) task = this.queue.shift();
      if (!task) break;
      slot.task = task;
      slot.worker.ref(); // a job in flight keeps the process alive until it answers
      slot.worker.postMessage(task.batch);
    }
    this.armIdle();
  }

  private finished(slot: Slot, out: Float64Array): void {
    const task = slot.task;
    slot.task = null;
    slot.worker.unref();
    if (task && !task.job.failed) {
      const { job, start } = task;
      for (let i = 0; i < out.length / 2; i++) job.result[start + i] = { score: out[2 * i]!, guessesLog10: out[2 * i + 1]! };
      job.done += out.length / 2;
      job.onProgress?.(job.done, job.total);
      if (job.done === job.total) job.resolve(job.result);
    }
    this.dispatch();
  }

  private lost(slot: Slot, error: Error): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return; // disposed, or already handled (error, then exit)
    this.slots.splice(at, 1);
    if (slot.task) this.fail(slot.task.job, error);
    void slot.worker.terminate();
    // Jobs still queued go on with the other workers; with none left, they fail rather than wait forever.
    if (this.slots.length === 0) for (const t of this.queue.splice(0)) this.fail(t.job, error);
  }

  private fail(job: Job, error: Error): void {
    if (job.failed) return;
    job.failed = true;
    job.reject(error);
  }

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.slots.length === 0 || this.queue.length > 0 || this.slots.some((s) => s.task)) return;
    this.idleTimer = setTimeout(() => void this.dispose(), this.idleMs);
    this.idleTimer.unref();
  }
}

let shared: StrengthPool | undefined;

/** The process's strength pool (created on first use). */
export function strengthPool(): StrengthPool {
  shared ??= new StrengthPool();
  return shared;
}

/** Workers for `n` passwords: one per core, at most 8, and none for a few (unless given). */
export function workersFor(n: number): number {
  return n < WORKER_THRESHOLD ? 0 : Math.min(8, availableParallelism(), Math.ceil(n / WORKER_THRESHOLD));
}

/** Starts the shared pool's workers ahead of need (an import about to decrypt a vault, the app at start-up). */
export function warmStrengthPool(workers = Math.min(8, availableParallelism())): void {
  strengthPool().grow(workers);
}

/** Closes the shared pool's workers (the app on quit; benchmarks measuring a cold start). */
export async function disposeStrengthPool(): Promise<void> {
  await shared?.dispose();
}

export interface StrengthOptions {
  /** Force a worker count (tests; 0 = this thread); default: a warm pool if there is one, else by batch size. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

/** zxcvbn for many passwords: on the worker pool when there are enough of them (or it is warm), else in this thread. */
export async function estimateMany(passwords: string[], opts: StrengthOptions = {}): Promise<Strength[]> {
  const n = passwords.length;
  if (n === 0) return [];
  const warm = shared?.size ?? 0;
  const workers = opts.workers ?? (warm > 0 ? warm : workersFor(n));
  if (workers > 0) return strengthPool().run(passwords, workers, opts.onProgress);
  await loadZxcvbn();
  const out: Strength[] = [];
  for (let i = 0; i < n; i++) {
    out.push(estimateStrength(passwords[i]!));
    if (opts.onProgress && (i % 50 === 49 || i === n - 1)) opts.onProgress(i + 1, n);
  }
  return out;
}
