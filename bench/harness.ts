import { cpus, totalmem } from 'node:os';

export interface BenchOptions {
  /** CI-sized runs: fewer items, fewer repetitions. */
  quick: boolean;
  /** Scratch folder for this run (deleted afterwards). */
  workDir: string;
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
