// `tsx bench/child/vault-memory.ts KDBX PASSWORD HIBP DATADIR`: one first import + report, as the vault bench runs it,
// in a process of its own; prints RSS after each step and the peak (worker threads included) as JSON.
import { mkdirSync } from 'node:fs';
import { loadInstallKeys, openStore } from '../../electron/db';
import { buildReport, disposeStrengthPool, importBreachCorpus, importVault } from '../../electron/vault';

const [kdbx, password, hibp, dir] = process.argv.slice(2) as [string, string, string, string];
const mb = (x: number) => Math.round((x / 2 ** 20) * 10) / 10;
const stages: { stage: string; rssMb: number; heapMb: number; externalMb: number }[] = [];
const mark = (stage: string) => {
  const m = process.memoryUsage();
  stages.push({ stage, rssMb: mb(m.rss), heapMb: mb(m.heapUsed), externalMb: mb(m.external) });
};
mark('start');
mkdirSync(dir, { recursive: true });
const store = openStore({ dataDir: dir });
await importBreachCorpus(store, hibp);
mark('store opened');
await importVault(store, loadInstallKeys(dir), kdbx, { password });
mark('imported');
buildReport(store);
mark('reported');
store.close();
await disposeStrengthPool();
console.log(JSON.stringify({ maxRssMb: mb(process.resourceUsage().maxRSS * 1024), stages }));
