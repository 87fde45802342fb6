import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

export interface BenchOptions {
  /** CI-sized runs: fewer items, fewer repetitions. */
  quick: boolean;
  /** Scratch folder for this run (deleted afterwards). */
  workDir: string;
  /**
   * Registers something the suite opened (a store, a browser, a server, worker threads) with how to close it. The
   * runner closes everything registered, last first, however the suite ends: returns, throws, skips or times out.
   */
  defer: (label: string, close: () => unknown) => void;
}

/** One printed row: a measurement and, where there is one, the baseline measured in the same run. */
export interface BenchRow {
  name: string;
  median_ms?: number;
  p95_ms?: number;
  value?: number;
  unit?: string;
  baseline?: string;
  baseline_value?: number;
  /** ours / baseline for times (lower is better) or ours / baseline for rates (higher is better); `better` says which. */
  ratio?: number;
  better?: 'lower' | 'higher';
  note?: string;
}

export interface SuiteResult {
  rows: BenchRow[];
  /** The keys this suite contributes to bench/results/latest.json. */
  summary: Record<string, unknown>;
  /** Why parts were skipped (missing baseline tool, no model cached…). */
  skipped?: string[];
}

export type Suite = (opts: BenchOptions) => Promise<SuiteResult>;

/** Thrown by a suite that cannot run at all here; the runner reports the reason and goes on with the next suite. */
export class SuiteSkipped extends Error {}

export interface SuiteOutcome {
  status: 'ok' | 'skipped' | 'failed';
  result?: SuiteResult;
  /** Why it was skipped or failed. */
  reason?: string;
  /** Closers that threw or did not finish in time: a suite must close what it opened. */
  closeErrors: string[];
  seconds: number;
}

export interface RunSuiteOptions {
  quick: boolean;
  /** A suite still running after this is abandoned (its resources closed) and reported as failed. */
  timeoutMs: number;
  /** Each closer gets this long. */
  closeTimeoutMs?: number;
  /** Where the scratch folder goes (tests). */
  tmpRoot?: string;
}

/** Runs one suite in its own scratch folder and closes everything it registered, on every path. */
export async function runSuite(name: string, suite: Suite, opts: RunSuiteOptions): Promise<SuiteOutcome> {
  const t0 = performance.now();
  const workDir = mkdtempSync(join(opts.tmpRoot ?? tmpdir(), `bastion-bench-${name}-`));
  const closers: { label: string; close: () => unknown }[] = [];
  const outcome: SuiteOutcome = { status: 'ok', closeErrors: [], seconds: 0 };
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`did not finish within ${Math.round(opts.timeoutMs / 1000)} s`)), opts.timeoutMs);
    });
    const running = suite({ quick: opts.quick, workDir, defer: (label, close) => closers.push({ label, close }) });
    running.catch(() => undefined); // abandoned on timeout: a later failure of it must not crash the run
    outcome.result = await Promise.race([running, timeout]);
  } catch (e) {
    outcome.status = e instanceof SuiteSkipped ? 'skipped' : 'failed';
    outcome.reason = e instanceof SuiteSkipped ? e.message : ((e as Error).stack ?? String(e));
  } finally {
    clearTimeout(timer);
    for (const c of closers.reverse()) {
      const err = await closeWithin(c.close, opts.closeTimeoutMs ?? 15_000);
      if (err) outcome.closeErrors.push(`${c.label}: ${err}`);
    }
    rmSync(workDir, { recursive: true, force: true });
    outcome.seconds = (performance.now() - t0) / 1000;
  }
  return outcome;
}

async function closeWithin(close: () => unknown, ms: number): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.resolve().then(close),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`did not close within ${ms} ms`)), ms);
      }),
    ]);
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    clearTimeout(timer);
  }
}

export function median(xs: number[]): number {
  return percentile(xs, 50);
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i]!;
}

/** Runs fn `n` times (after `warmup` unmeasured runs) and returns each duration in ms. */
export async function timeRuns(n: number, fn: () => unknown | Promise<unknown>, warmup = 0): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export function machineInfo(): string {
  const c = cpus();
  return `${c[0]?.model ?? 'unknown cpu'} x${c.length}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${process.platform}-${process.arch}, node ${process.version}`;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
