import { Worker } from 'node:worker_threads';
import { BastionError } from '../core';
import { candidateScan, type QuantisedVectors } from './vector-scan';

// One worker thread that runs the candidate scan of a large store while the main thread runs the keyword search, so a
// hybrid query costs the slower of the two halves rather than their sum. The quantised copies live in shared memory:
// each request passes the same SharedArrayBuffers (no copy), so the worker keeps no state per store. It is evaluated
// from a string, like the strength workers, so it runs the same from source and from the bundles, and without this
// process's flags (a loader such as tsx would only slow its start).
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

interface Running {
  worker: Worker;
  waiting: Map<number, { resolve: (r: Int32Array) => void; reject: (e: Error) => void }>;
}
let current: Running | undefined;
let nextId = 0;
let idleTimer: NodeJS.Timeout | undefined;

function start(): Running {
  const r: Running = { worker: new Worker(SOURCE, { eval: true, execArgv: [] }), waiting: new Map() };
  r.worker.on('message', ({ id, out }: { id: number; out: Int32Array }) => {
    const p = r.waiting.get(id);
    r.waiting.delete(id);
    if (r.waiting.size === 0) idle(r);
    p?.resolve(out);
  });
  // Only this worker's queries fail with it; a worker started after it is not touched.
  const fail = (e: Error) => {
    if (current === r) current = undefined;
    for (const p of r.waiting.values()) p.reject(e);
    r.waiting.clear();
  };
  r.worker.on('error', (e) => fail(new BastionError('INTERNAL', `The vector scan worker failed: ${e.message}`, { cause: e })));
  r.worker.on('exit', (code) => fail(new BastionError('INTERNAL', `The vector scan worker stopped (exit ${code}).`)));
  r.worker.unref(); // after the listeners: adding a 'message' listener refs the worker again
  return r;
}

function idle(r: Running): void {
  r.worker.unref(); // no query in flight: the worker does not keep the process alive
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (current === r) void disposeVectorWorker();
  }, IDLE_MS);
  idleTimer.unref();
}

/** candidateScan on the worker thread; `data` must be backed by SharedArrayBuffers. */
export function scanInWorker(data: QuantisedVectors, query: Float32Array, bitCount: number, rescore: number): Promise<Int32Array> {
  const r = (current ??= start());
  clearTimeout(idleTimer);
  r.worker.ref(); // a query in flight keeps the process alive until it answers
  const id = nextId++;
  return new Promise<Int32Array>((resolve, reject) => {
    r.waiting.set(id, { resolve, reject });
    r.worker.postMessage({ id, data, query, bitCount, rescore });
  });
}

/** Closes the scan worker now (app quit, tests); queries in flight fail. */
export async function disposeVectorWorker(): Promise<void> {
  clearTimeout(idleTimer);
  const r = current;
  current = undefined;
  if (r) await r.worker.terminate();
}
