// Child process for crash.test.ts: confirms one proposal and SIGKILLs itself at the named execution step.
import { loadInstallKeys, openStore } from '../db';
import { confirmProposal } from './service';
import type { ExecutionStep } from './ports';
import { vaultAccess } from './vault-access';

const [dataDir, id, argsHash, password, killAt] = process.argv.slice(2) as [string, string, string, string, ExecutionStep];
const store = openStore({ dataDir });
const keys = loadInstallKeys(dataDir);
await confirmProposal(store, keys, { id, argsHash, vaultPassword: password }, {
  vault: vaultAccess,
  onStep: (step) => {
    if (step !== killAt) return;
    process.kill(process.pid, 'SIGKILL');
    // Block until the signal lands so not one more instruction of the execution runs.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
  },
});
process.stdout.write('finished without being killed\n');
store.close();
