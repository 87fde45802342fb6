import { Worker } from 'node:worker_threads';
import { candidateScan, type QuantisedVectors } from './vector-scan';

// One worker thread that runs the candidate scan of a large store while the main thread runs the keyword search, so a
// hybrid query costs the slower of the two halves rather than their sum. The quantised copies live in shared memory:
// each request passes the same SharedArrayBuffers (no copy), so the worker keeps no state per store. It is evaluated
// from a string, like the strength workers, so it runs the same from source and from the bundles.
const SOURCE = `
var __name = (f) => f;
const { parentPort } = require('node:worker_threads');
const scan = (${candidateScan.toString()});
parentPort.on('message', ({ id, data, query, bitCount, rescore }) => {
  const out = scan(data, query, bitCount, rescore);
  parentPort.postMessage({ id, out }, [out.buffer]);
});
`;

/** A worker left idle this long is closed (the next large query starts another, ~30 ms). */
const IDLE_MS = 60_000;

let worker: Worker | undefined;
let nextId = 0;
let idleTimer: NodeJS.Timeout | undefined;
const waiting = new Map<number, { resolve: (r: Int32Array) => void; reject: (e: Error) => void }>();

function start(): Worker {
  const w = new Worker(SOURCE, { eval: true });
  w.unref();
  w.on('message', ({ id, out }: { id: number; out: Int32Array }) => {
    const p = waiting.get(id);
    waiting.delete(id);
    if (waiting.size === 0) idle();
    p?.resolve(out);
  });
  const fail = (e: Error) => {
    if (worker === w) worker = undefined;
    for (const p of waiting.values()) p.reject(e);
    waiting.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`vector scan worker stopped (exit ${code})`)));
  return w;
}

function idle(): void {
  worker?.unref(); // no query in flight: the worker does not keep the process alive
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => void disposeVectorWorker(), IDLE_MS);
  idleTimer.unref();
}

/** candidateScan on the worker thread; `data` must be backed by SharedArrayBuffers. */
export function scanInWorker(data: QuantisedVectors, query: Float32Array, bitCount: number, rescore: number): Promise<Int32Array> {
  worker ??= start();
  clearTimeout(idleTimer);
  worker.ref(); // a query in flight keeps the process alive until it answers
  const id = nextId++;
  return new Promise<Int32Array>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker!.postMessage({ id, data, query, bitCount, rescore });
  });
}

/** Closes the scan worker now (app quit, tests); queries in flight fail. */
export async function disposeVectorWorker(): Promise<void> {
  clearTimeout(idleTimer);
  const w = worker;
  worker = undefined;
  if (w) await w.terminate();
}
