// Entry of the model utility process: answers questions with its own store connection, streaming tokens to main.
import { loadInstallKeys, openStore, resolveDataDir } from '../db';
import { loadEngine, serveAskWorker } from '../ipc';
import { BastionError } from '../core';

type ParentPort = { postMessage(m: unknown): void; on(ev: 'message', l: (e: { data: unknown }) => void): void };
const parent = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parent) throw new Error('llm-worker must run as an Electron utility process.');

const dataDir = resolveDataDir(undefined, process.env);
const store = openStore({ dataDir });
const keys = loadInstallKeys(dataDir);
const { engine } = await loadEngine();
const model = process.env.BASTION_MODEL;

serveAskWorker(
  { post: (m) => parent.postMessage(m), onMessage: (l) => parent.on('message', (e) => l(e.data)) },
  {
    run(question, opts) {
      if (!engine.assistant) throw new BastionError('UNSUPPORTED', 'The assistant is not built in this version.');
      return engine.assistant.ask(store, question, { ...opts, noLlm: opts.noLlm ?? !model, ...(model ? { model } : {}), keys });
    },
  },
);
