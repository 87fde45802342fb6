// Child process for import-kill.test.ts: imports a vault and SIGKILLs itself inside the import's write transaction,
// after `killAfter` item rows were inserted (0: never). The hook is a TEMP trigger calling a function registered on
// this connection only — nothing in the import code or the database file knows about it.
import { loadInstallKeys, openStore } from '../db';
import { importVault } from '../vault';

const [dataDir, file, killAfterArg] = process.argv.slice(2) as [string, string, string];
const killAfter = Number(killAfterArg);
const store = openStore({ dataDir });
const keys = loadInstallKeys(dataDir);
if (killAfter > 0) {
  let inserted = 0;
  const raw = store.db as unknown as { function(name: string, fn: () => null): void };
  raw.function('bastion_test_kill', () => {
    if (++inserted < killAfter) return null;
    process.kill(process.pid, 'SIGKILL');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000); // not one more statement runs
    return null;
  });
  store.db.exec('create temp trigger bastion_test_kill after insert on main.vault_items begin select bastion_test_kill(); end');
}
const summary = await importVault(store, keys, file, { workers: 0 });
store.close();
process.stdout.write(`${JSON.stringify({ items: summary.items })}\n`);
