// `tsx bench/child/retrieval-memory.ts DATADIR N`: a query process over the retrieval bench's store of N chunks, in a
// process of its own; prints RSS after each step and the peak (worker threads included) as JSON.
import type { Embedder } from '../../native';
import { openStore } from '../../electron/db';
import { memoryStages, peakRssMb } from './peak-rss';
import { disposeVectorWorker, search } from '../../electron/knowledge';
import { DIMS, queries } from '../suites/corpus';

const [dir, n] = process.argv.slice(2) as [string, string];
const { stages, mark } = memoryStages();
mark('start');
const store = openStore({ dataDir: dir });
mark('store opened');
const qs = queries(50, 7 + Number(n));
let qi = 0;
const fake: Embedder = { dimensions: DIMS, modelPath: 'synthetic', embed: async () => [qs[qi % qs.length]!.vec], dispose: async () => {} };
await search(store, qs[0]!.text, { embedder: fake, k: 5 });
mark('first query');
for (qi = 1; qi < qs.length; qi++) await search(store, qs[qi]!.text, { embedder: fake, k: 5 });
mark(`${qs.length} queries`);
store.close();
await disposeVectorWorker();
console.log(JSON.stringify({ maxRssMb: peakRssMb(), stages }));
