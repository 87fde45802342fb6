import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The model process reads untrusted text (vault titles, documents) into a model. It must hold no authority beyond
// generating: its bundle may not contain the store, the install key, the audit log, the permission layer or any
// engine capability, nor load SQLite. Checked on the module graph esbuild resolves for the worker entry.

const FORBIDDEN = /^electron\/(db|audit|permissions|vault|knowledge|assistant|managed|usecases|ipc|cli)\//;

describe('the model process bundle', () => {
  it('contains no store, audit writer, permission layer or engine capability', async () => {
    const r = await build({ entryPoints: ['electron/main/llm-worker.ts'], bundle: true, platform: 'node', format: 'cjs', packages: 'external', write: false, metafile: true, logLevel: 'error' });
    const inputs = Object.keys(r.metafile.inputs);
    expect(inputs).toContain('electron/model-process/index.ts');
    expect(inputs.filter((p) => FORBIDDEN.test(p) || p === 'native/sqlite.ts')).toEqual([]);
    const external = Object.values(r.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path));
    expect(external).toContain('node-llama-cpp');
    expect(external.filter((p) => /better-sqlite3|sqlite-vec/.test(p))).toEqual([]);
  });
});
