// Child process for confirm-once.test.ts: a long-lived "bastion confirm" — for each line on stdin
// ({"id","argsHash","password"}) it runs start-up recovery then confirms, as the CLI does, and prints one JSON line.
import { createInterface } from 'node:readline';
import { isBastionError } from '../core';
import { loadInstallKeys, openStore } from '../db';
import { confirmProposal, recover } from './service';
import { vaultAccess } from './vault-access';

const [dataDir] = process.argv.slice(2) as [string];
const store = openStore({ dataDir });
const keys = loadInstallKeys(dataDir);
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) {
  const { id, argsHash, password } = JSON.parse(line) as { id: string; argsHash: string; password: string };
  try {
    recover(store, keys);
    const p = await confirmProposal(store, keys, { id, argsHash, vaultPassword: password }, { vault: vaultAccess });
    process.stdout.write(`${JSON.stringify({ ok: true, status: p.status })}\n`);
  } catch (e) {
    process.stdout.write(`${JSON.stringify({ ok: false, code: isBastionError(e) ? e.code : 'INTERNAL', message: (e as Error).message })}\n`);
  }
}
store.close();
