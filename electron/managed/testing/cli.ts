import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { appRoot } from '../../db';

// Test helper: bundle the CLI's sources (electron/cli/main.ts, one ES module, packages left to node_modules) into a
// private folder under dist/, and run it in a child process: the same commands as `npx bastion`, without the shipped
// two-bundle build and its code caches (electron/cli/bundle.test.ts tests those). Inside the repo so appRoot() and
// node_modules resolve as they do for `npx bastion`.

export interface CliBundle {
  entry: string;
  cleanup(): void;
}

export async function buildCliBundle(): Promise<CliBundle> {
  const dir = join(appRoot(), 'dist', `test-cli-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'bastion.mjs');
  await build({
    entryPoints: [join(appRoot(), 'electron/cli/main.ts')],
    outfile: entry,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  });
  return { entry, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Prefix the command (e.g. ['unshare', '-rn'] or a strace invocation). */
  wrap?: string[];
  /** Extra node flags (e.g. ['--require', preload]). */
  nodeArgs?: string[];
  timeoutMs?: number;
}

/** Runs the bundled CLI in a child process. Asynchronous on purpose: a blocking spawnSync would starve vitest's worker RPC. */
export function runCli(bundle: CliBundle, args: string[], opts: RunOptions = {}): Promise<CliRun> {
  const argv = [process.execPath, ...(opts.nodeArgs ?? []), bundle.entry, ...args];
  const [cmd, ...rest] = [...(opts.wrap ?? []), ...argv];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd!, rest, { cwd: appRoot(), env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.on('error', () => {}); // a command that never reads stdin may close it first
    child.stdin.end(opts.input ?? '');
  });
}
