// Bundles the CLI into dist/cli/bastion.mjs so `npx bastion` starts fast (no TypeScript at run time).
// Runs on `npm install` (prepare). Start-up is most of a short command's time (`bastion report`), so:
// - pure-JS dependencies are bundled in: one file parses faster than Node resolving, lexing (CJS named exports) and
//   linking hundreds of small modules;
// - code splitting: whatever the engine loads with `await import()` (importers, PDF, llama) lands in its own chunk
//   under dist/cli/chunks/ and is read only by the commands that need it;
// - native addons and what is resolved by path at run time (zxcvbn for its workers, pdf.js, node-llama-cpp) stay
//   external and load from node_modules;
// - kdbxweb (~0.5 MB with its XML DOM) is imported statically by code every command links (the permission layer's
//   KDBX executor), yet only KDBX commands use it: it is required on first property access instead (LAZY_CJS).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const OUT = 'dist/cli';
// hash-wasm too: esbuild gives a dynamically imported CommonJS chunk only a default export, Node gives named ones.
const EXTERNAL = ['better-sqlite3', 'sqlite-vec', 'node-llama-cpp', 'pdfjs-dist', '@zxcvbn-ts/*', 'hash-wasm', 'electron'];
/** CommonJS packages used only through their default export's properties: loaded on first use. */
const LAZY_CJS = ['kdbxweb'];

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

const result = await build({
  entryPoints: { bastion: 'electron/cli/main.ts' },
  outdir: OUT,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: EXTERNAL,
  plugins: [lazyCjs],
  // Bundled CommonJS packages call require() for Node built-ins; ESM has none, so give the bundle one.
  banner: { js: "import { createRequire as __bastionRequire } from 'node:module'; const require = __bastionRequire(import.meta.url);" },
  metafile: true,
  sourcemap: 'linked',
  logLevel: 'warning',
});

// Old chunks from earlier builds would pile up (their names carry a content hash).
const fresh = new Set(Object.keys(result.metafile.outputs).map((p) => relative(OUT, p)));
for (const f of existsSync(join(OUT, 'chunks')) ? readdirSync(join(OUT, 'chunks'), { withFileTypes: true }) : []) {
  const rel = join('chunks', f.name);
  if (f.isFile() && !fresh.has(rel)) rmSync(join(OUT, rel), { force: true });
}
console.log('bastion CLI built: dist/cli/bastion.mjs');
