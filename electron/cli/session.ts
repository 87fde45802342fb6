import { spawn } from 'node:child_process';
import { BastionError } from '../core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DB_FILE, isEnvironmentFailure, resolveDataDir, storeError } from '../db';
import { systemClipboard, type OpenExternal } from '../permissions';
import * as uc from '../usecases';

// Loaded when a command runs (never for --help): the use-case context with this terminal's ports, and the checks
// every command makes first — say so when the managed policy is invalid, apply history retention, and settle
// actions a crash interrupted.

export interface Session {
  uc: typeof uc;
  ctx: uc.UseCaseContext;
  close(): void;
}

/** Commands that must work on a damaged or absent store, or whose job is the policy itself. */
const NO_STARTUP = /^(policy|wipe|settings reset)\b/;

export function openSession(dataDir: string | undefined, opts: { command: string }): Session {
  const ctx = uc.createContext({ dataDir: resolveDataDir(dataDir), ports: { clipboard: systemClipboard() ?? undefined, openExternal: openInBrowser, openSettings: openInBrowser } });
  const state = ctx.policy();
  if (state.message) process.stderr.write(`bastion: ${state.message}\n`);
  if (!NO_STARTUP.test(opts.command)) {
    try {
      uc.managed.beforeCommand(ctx);
      // Once per command: a data dir others can read (the store itself is created 0600 regardless).
      if (existsSync(join(ctx.dataDir, DB_FILE)) && ctx.store().warning) process.stderr.write(`bastion: ${ctx.store().warning}\n`);
    } catch {
      // A store that cannot be opened is the command's own error to report, with its own message.
    }
  }
  return { uc, ctx, close: () => ctx.close() };
}

const openInBrowser: OpenExternal = (url) => {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd as string, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => reject(new BastionError('UNSUPPORTED', `Cannot open a browser here; visit ${url} yourself.`)));
    child.on('spawn', () => {
      child.unref();
      resolve();
    });
  });
};

/** A raw filesystem or SQLite failure as the one line a person can act on (disk full, read-only, damaged store). */
export function asUserError(e: unknown, dataDir: string | undefined, command: string): unknown {
  if (!isEnvironmentFailure(e)) return e;
  const dir = resolveDataDir(dataDir);
  return storeError(e, { dataDir: dir, dbPath: join(dir, DB_FILE), doing: `running \`bastion ${command}\`` });
}
