// Builds the CLI as two bundles so `npx bastion` starts fast (no TypeScript at run time); runs on `npm install`
// (prepare) and `npm run build:cli`. Start-up is most of a short command's time (`bastion report`), so:
// - the front (dist/cli/bastion.cjs: commander and the command definitions, electron/cli/entry.ts) is all that
//   `bastion --help` or a typo loads; the engine (dist/cli/engine.cjs: electron/cli/engine.ts — the session, use
//   cases, engine, zod, …) is loaded when a command runs;
// - both run from V8's code cache (bin/load-bundle.mjs; the caches are built by scripts/build-cli-cache.mjs). Node 20
//   offers a code cache only to vm.Script, not to ES modules, hence CommonJS files; with it a command neither parses
//   nor compiles what it runs (`report --json` on 10k items: 2.9× → ~2.2× `node -e 0`). What a command never calls
//   stays lazily compiled;
// - the two share electron/core and electron/vocabulary: the front passes its copies to the engine, so there is one
//   BastionError class (the front's `instanceof` must recognise the engine's errors);
// - pure-JS dependencies are bundled in: one file parses faster than Node resolving, lexing (CJS named exports) and
//   linking hundreds of small modules. Native addons and what is resolved by path at run time (zxcvbn for its workers,
//   pdf.js, node-llama-cpp) stay external and load from node_modules;
// - kdbxweb (~0.5 MB with its XML DOM) is imported statically by code every command links (the permission layer's
//   KDBX executor), yet only KDBX commands use it: it is required on first property access instead (LAZY_CJS).
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { cacheNameFor } from '../bin/load-bundle.mjs';

const OUT = 'dist/cli';
const FRONT = join(OUT, 'bastion.cjs');
const ENGINE = join(OUT, 'engine.cjs');
// hash-wasm too: Node's import() gives a CommonJS package its named exports, a bundled copy would not.
const EXTERNAL = ['better-sqlite3', 'sqlite-vec', 'node-llama-cpp', 'pdfjs-dist', '@zxcvbn-ts/*', 'hash-wasm', 'electron'];
/** CommonJS packages used only through their default export's properties: loaded on first use. */
const LAZY_CJS = ['kdbxweb'];
/** Folders both parts use; the engine gets the front's copies. */
const SHARED = { core: resolve('electron/core'), vocabulary: resolve('electron/vocabulary') };
/** What electron/cli/engine.ts exports (values, not types): the front's stand-in for it exports the same. */
const ENGINE_EXPORTS = await exportsOf('electron/cli/engine.ts');
/** The engine's import(): a name as long as `import`, so the source maps' columns still hold. */
const DYNAMIC_IMPORT = 'dynImp';

/** `import x from 'pkg'` becomes a proxy that require()s pkg the first time any property is read or written. */
const lazyCjs = {
  name: 'lazy-cjs',
  setup(b) {
    const filter = new RegExp(`^(${LAZY_CJS.join('|')})$`);
    b.onResolve({ filter }, (args) => (args.namespace === 'lazy-cjs' ? { path: args.path, external: true } : { path: args.path, namespace: 'lazy-cjs' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-cjs' }, (args) => ({
      contents: `let m;
const load = () => (m ??= require(${JSON.stringify(args.path)}));
export default new Proxy({}, {
  get: (_, k) => load()[k],
  set: (_, k, v) => ((load()[k] = v), true),
  has: (_, k) => k in load(),
});`,
      loader: 'js',
    }));
  },
};

/** Front: `import('./engine')` runs dist/cli/engine.cjs (bin/load-bundle.mjs), handing it the shared modules. */
const engineFromBundle = {
  name: 'engine-from-bundle',
  setup(b) {
    b.onResolve({ filter: /^(\.\.?\/)+(cli\/)?engine$/ }, (args) =>
      resolve(args.resolveDir, args.path) === resolve('electron/cli/engine') ? { path: 'engine', namespace: 'engine-bundle' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'engine-bundle' }, () => ({
      resolveDir: resolve('electron/cli'),
      loader: 'js',
      contents: `import * as core from '../core';
import * as vocabulary from '../vocabulary';
export const { ${ENGINE_EXPORTS.join(', ')} } = __bastion_load('engine.cjs', { core, vocabulary });`,
    }));
  },
};

/** Engine: electron/core and electron/vocabulary are the front's (passed in by the loader), not copies. */
const sharedFromFront = {
  name: 'shared-from-front',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const target = resolve(args.resolveDir, args.path).replace(/\/index(\.ts)?$/, '');
      const name = Object.keys(SHARED).find((k) => SHARED[k] === target);
      return name ? { path: name, namespace: 'shared' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'shared' }, (args) => ({ contents: `module.exports = __bastion_shared.${args.path};`, loader: 'js' }));
  },
};

const common = {
  bundle: true,
  write: false, // written below, once checked, each file whole (a command running meanwhile reads old or new)
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: EXTERNAL,
  metafile: true,
  // bin/load-bundle.mjs passes each bundle's file URL (what import.meta.url was in the sources).
  define: { 'import.meta.url': '__bastion_url' },
  // Whitespace and syntax only: names stay, so a stack trace (BASTION_DEBUG) still says which function failed.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  logLevel: 'warning',
};

const front = await build({ ...common, entryPoints: ['electron/cli/entry.ts'], outfile: FRONT, plugins: [engineFromBundle] });
const frontInputs = Object.keys(front.metafile.inputs);
if (frontInputs.some((i) => i.includes('node_modules/zod'))) throw new Error('the CLI front bundles zod: a command definition imports the engine');

const engine = await build({ ...common, entryPoints: ['electron/cli/engine.ts'], outfile: ENGINE, plugins: [lazyCjs, sharedFromFront] });
const copied = Object.keys(engine.metafile.inputs).filter((i) => Object.values(SHARED).some((d) => resolve(i).startsWith(`${d}/`)));
if (copied.length) throw new Error(`the engine bundles its own copy of shared modules: ${copied.join(', ')}`);

// esbuild keeps import() of an external package (node-llama-cpp and pdf.js are ES modules); code run by vm.Script
// cannot call import() on Node 20, so those calls go to the loader's import().
const files = [...front.outputFiles, ...engine.outputFiles].map((f) => {
  if (!f.path.endsWith('.cjs')) return { path: f.path, bytes: f.contents };
  if (new RegExp(`\\b${DYNAMIC_IMPORT}\\b`).test(f.text)) throw new Error(`${relative('.', f.path)} already uses the name ${DYNAMIC_IMPORT}`);
  const text = f.text.replace(/(?<![\w$.])import\((?=["'`])/g, `${DYNAMIC_IMPORT}(`);
  const left = text.match(/(?<![\w$.])import\(|import\.meta/g);
  if (left) throw new Error(`${relative('.', f.path)} still uses ${left[0]}, which vm.Script cannot run`);
  return { path: f.path, bytes: Buffer.from(text) };
});
mkdirSync(OUT, { recursive: true });
for (const { path, bytes } of files) {
  writeFileSync(`${path}.${process.pid}.tmp`, bytes);
  renameSync(`${path}.${process.pid}.tmp`, path);
}

// What earlier builds left: the ES-module front and its chunks, code caches of other builds (a rebuild of the same
// sources keeps its caches).
const current = new Set(files.filter((f) => f.path.endsWith('.cjs')).map((f) => cacheNameFor(basename(f.path), f.bytes)));
rmSync(join(OUT, 'chunks'), { recursive: true, force: true });
for (const f of readdirSync(OUT)) {
  if ((f.endsWith('.v8cache') && !current.has(f)) || /^bastion\.mjs(\.map)?$/.test(f)) rmSync(join(OUT, f), { force: true });
}
console.log(`bastion CLI built: ${FRONT}, ${ENGINE}`);

/** The names an ES module exports (type-only exports are not names at run time). */
async function exportsOf(file) {
  const r = await build({ entryPoints: [file], bundle: false, format: 'esm', write: false, metafile: true, outdir: 'unused', logLevel: 'silent' });
  return Object.values(r.metafile.outputs).find((o) => o.entryPoint)?.exports ?? [];
}
