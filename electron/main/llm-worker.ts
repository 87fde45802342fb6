// Entry of the model utility process: answers questions with its own store connection, streaming tokens to main.
import { openStore, resolveDataDir } from '../db';
import { AskResult, loadEngine, serveAskWorker } from '../ipc';
import { BastionError } from '../core';

type ParentPort = { postMessage(m: unknown): void; on(ev: 'message', l: (e: { data: unknown }) => void): void };
const parent = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parent) throw new Error('llm-worker must run as an Electron utility process.');

const dataDir = resolveDataDir(undefined, process.env);
const store = openStore({ dataDir });
const model = process.env.BASTION_MODEL;

serveAskWorker(
  { post: (m) => parent.postMessage(m), onMessage: (l) => parent.on('message', (e) => l(e.data)) },
  {
    async run(question, opts) {
      const { engine } = await loadEngine();
      if (!engine.assistant) throw new BastionError('UNSUPPORTED', 'The assistant is not built in this version.');
      return AskResult.parse(await engine.assistant.ask(store, question, { ...opts, ...(model ? { model } : {}) }));
    },
  },
);
