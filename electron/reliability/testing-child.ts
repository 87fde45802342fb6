// Child process for the reliability tests: one first-use operation against a data dir, driven through the engine
// faces (not the CLI, which may change shape). Prints one JSON line on success; a BastionError exits with its code.
import { appendFileSync } from 'node:fs';
import { ask } from '../assistant';
import { exitCodeFor, isBastionError } from '../core';
import { loadInstallKeys, openStore } from '../db';
import { searchKnowledge } from '../knowledge';
import { importVault, listSources } from '../vault';

const [op, dataDir, arg] = process.argv.slice(2) as [string, string, string];

async function main(): Promise<unknown> {
  if (op === 'trace') process.umask(0o022); // as a login shell leaves it: the store must make its own files private
  const store = openStore({ dataDir });
  const keys = loadInstallKeys(dataDir);
  try {
    switch (op) {
      case 'import': {
        const s = await importVault(store, keys, arg, { workers: 0 });
        return { items: s.items, sources: listSources(store).length };
      }
      case 'ask': {
        const r = await ask(store, arg, { noLlm: true });
        return { route: r.route, citations: r.citations.length };
      }
      case 'kb-search': {
        const r = await searchKnowledge(store, arg, { noEmbed: true });
        return { results: r.results.length, top: r.results[0]?.title ?? null };
      }
      case 'open':
        return { opened: true };
      case 'trace': {
        // What `ask --trace-prompts FILE` does after the store is open (the file is created by a plain append).
        appendFileSync(arg, '{"prompt":"…"}\n');
        return { traced: arg };
      }
      default:
        throw new Error(`unknown op ${op}`);
    }
  } finally {
    store.close();
  }
}

main().then(
  (v) => process.stdout.write(`${JSON.stringify(v)}\n`),
  (e: unknown) => {
    process.stderr.write(`${isBastionError(e) ? `${e.code}: ` : ''}${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = isBastionError(e) ? exitCodeFor(e.code) : 1;
  },
);
