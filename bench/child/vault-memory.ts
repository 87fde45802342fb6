// `tsx bench/child/vault-memory.ts KDBX PASSWORD HIBP DATADIR`: one first import + report, as the vault bench runs it,
// step by step in a process of its own; prints RSS after each step and the peak (worker threads included) as JSON.
import { mkdirSync } from 'node:fs';
import { loadInstallKeys, openStore } from '../../electron/db';
import { memoryStages, peakRssMb } from './peak-rss';
import { buildReport, disposeStrengthPool, importBreachCorpus, importItems, warmStrengthPool } from '../../electron/vault';
import { estimateMany } from '../../electron/vault/analysis/strength-pool';
import { readVaultFile } from '../../electron/vault/importers';

const [kdbx, password, hibp, dir] = process.argv.slice(2) as [string, string, string, string];
const { stages, mark } = memoryStages();
mark('start');
mkdirSync(dir, { recursive: true });
const store = openStore({ dataDir: dir });
await importBreachCorpus(store, hibp);
mark('store opened');
warmStrengthPool();
await estimateMany(['started?', 'yes'], {}); // the warm pool answers: its workers are up
mark('strength workers up');
const read = await readVaultFile(kdbx, { format: 'auto', password });
mark('decrypted + parsed');
await importItems(store, loadInstallKeys(dir), kdbx, read);
mark('strength + stored');
buildReport(store);
mark('reported');
store.close();
await disposeStrengthPool();
console.log(JSON.stringify({ maxRssMb: peakRssMb(), stages }));
