import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { appRoot } from '../db';

// Test helper: bundle a child-process script once (esbuild, packages external) so each spawn starts in a fraction
// of tsx's time; inside the repo so appRoot() and node_modules resolve as they do for the real CLI.

export interface Bundle {
  entry: string;
  cleanup(): void;
}

export async function bundleScript(source: string): Promise<Bundle> {
  const dir = join(appRoot(), 'dist', `test-rel-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'child.mjs');
  await build({ entryPoints: [source], outfile: entry, bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'error' });
  return { entry, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ChildRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a bundled script; asynchronous so many run at once and vitest's worker RPC is never starved. */
export function runChild(bundle: Bundle, args: string[], opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv; wrap?: string[] } = {}): Promise<ChildRun> {
  const [cmd, ...rest] = [...(opts.wrap ?? []), process.execPath, bundle.entry, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd!, rest, { cwd: appRoot(), env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', (e) => (clearTimeout(timer), reject(e)));
    child.on('close', (status, signal) => (clearTimeout(timer), resolve({ status, signal, stdout, stderr })));
  });
}
