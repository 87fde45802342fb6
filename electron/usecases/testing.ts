import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../db';
import { createContext, type UseCaseContext } from './context';

// Test fixture for the use-case layer: a scratch data dir with an open store and its own managed policy file (so the
// machine's /etc/bastion/policy.json never leaks into a test), and a context over them.

export interface ScratchUseCases {
  dir: string;
  dataDir: string;
  store: Store;
  policyFile: string;
  /** A context over the scratch store; the policy file is read afresh on every use. */
  ctx(env?: NodeJS.ProcessEnv): UseCaseContext;
  /** Writes the policy file (an object as JSON, a string as is). */
  deploy(policy: unknown): void;
  cleanup(): void;
}

export function scratchUseCases(prefix: string): ScratchUseCases {
  const dir = mkdtempSync(join(tmpdir(), `bastion-${prefix}-`));
  const dataDir = join(dir, 'data');
  const store = openStore({ dataDir });
  const policyFile = join(dir, 'policy.json');
  writeFileSync(policyFile, '{}');
  return {
    dir,
    dataDir,
    store,
    policyFile,
    ctx: (env = {}) => createContext({ dataDir, store, cwd: dir, env: { ...process.env, BASTION_POLICY: policyFile, BASTION_MODEL: '', ...env } }),
    deploy: (policy) => writeFileSync(policyFile, typeof policy === 'string' ? policy : JSON.stringify(policy)),
    cleanup: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
