import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { appRoot } from '../../db';

// Test helper: bundle the real CLI (as scripts/build-cli.mjs does) into a private folder under dist/, and run it in a
// child process. Inside the repo so appRoot() and node_modules resolve as they do for `npx bastion`.

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

export function runCli(bundle: CliBundle, args: string[], opts: RunOptions = {}): CliRun {
  const argv = [process.execPath, ...(opts.nodeArgs ?? []), bundle.entry, ...args];
  const [cmd, ...rest] = [...(opts.wrap ?? []), ...argv];
  const r = spawnSync(cmd!, rest, {
    cwd: appRoot(),
    env: { ...process.env, ...opts.env },
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
