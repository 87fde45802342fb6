import { loadInstallKeys, openStore, resolveDataDir, type InstallKeys, type Store } from '../db';

/** What every command gets: the resolved data dir, output mode, and a lazily opened store. */
export interface CliContext {
  readonly dataDir: string;
  readonly json: boolean;
  store(): Store;
  keys(): InstallKeys;
  /** Write a result: JSON (one document) when --json, else the human text. */
  print(value: unknown, human: () => string): void;
  /** Progress for long work, on stderr so stdout stays machine-readable. Silent when not a TTY and --json. */
  progress(message: string): void;
  close(): void;
}

export function createContext(opts: { dataDir?: string; json?: boolean }): CliContext {
  const dataDir = resolveDataDir(opts.dataDir);
  const json = Boolean(opts.json);
  let store: Store | undefined;
  let keys: InstallKeys | undefined;
  return {
    dataDir,
    json,
    store: () => (store ??= openStore({ dataDir })),
    keys: () => (keys ??= loadInstallKeys(dataDir)),
    print(value, human) {
      process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
    },
    progress(message) {
      if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${message}`);
      else if (!json) process.stderr.write(`${message}\n`);
    },
    close() {
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      store?.close();
    },
  };
}
