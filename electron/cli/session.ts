import { spawn } from 'node:child_process';
import { BastionError } from '../core';
import { resolveDataDir } from '../db';
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
