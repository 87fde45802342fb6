import { resolve } from 'node:path';
import { loadInstallKeys, openStore, type InstallKeys, type Store } from '../db';
import { effectiveSettings, loadManagedPolicy, type EffectiveSettings, type ManagedPolicyState } from '../managed';
import type { Clipboard, ExecutionStep, OpenExternal } from '../permissions';

// What every use case runs against. The CLI makes one per command (the store opened on first use); the desktop app
// makes one for its life (the store it opened at start). Nothing here knows which front end is calling.

/** The machine's side effects an action may need; each front end supplies its own (tests supply recorders). */
export interface ActionPorts {
  clipboard?: Clipboard;
  openExternal?: OpenExternal;
  /** Opens an OS settings page (ms-settings:, x-apple.systempreferences:…); absent: the command is shown instead. */
  openSettings?: (uri: string) => Promise<void>;
  /** Test hook: called at each step of a file-writing execution (crash tests). */
  onStep?: (step: ExecutionStep) => void;
}

export interface UseCaseContext {
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  /** Where relative paths in a request resolve: the proposer's working directory, fixed when the request is made. */
  readonly cwd: string;
  readonly ports: ActionPorts;
  store(): Store;
  keys(): InstallKeys;
  /** The managed policy file, read afresh (an administrator may change it while the app runs). */
  policy(): ManagedPolicyState;
  /** The settings in force: the managed policy over the user's own settings. */
  settings(): EffectiveSettings;
  now(): number;
  /** Resolves a path the user typed against `cwd`. */
  path(p: string): string;
  close(): void;
}

export interface ContextOptions {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  ports?: ActionPorts;
  /** An already open store (the desktop app); otherwise opened on first use and closed by close(). */
  store?: Store;
  keys?: InstallKeys;
  now?: () => number;
}

export function createContext(opts: ContextOptions): UseCaseContext {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  let store = opts.store;
  let keys = opts.keys;
  const owned = !opts.store;
  const ctx: UseCaseContext = {
    dataDir: opts.dataDir,
    env,
    cwd,
    ports: opts.ports ?? {},
    store: () => (store ??= openStore({ dataDir: opts.dataDir })),
    keys: () => (keys ??= loadInstallKeys(opts.dataDir)),
    policy: () => loadManagedPolicy(env),
    settings: () => effectiveSettings(ctx.store(), ctx.policy().policy),
    now: opts.now ?? Date.now,
    path: (p) => resolve(cwd, p),
    close: () => {
      if (owned) store?.close();
    },
  };
  return ctx;
}
