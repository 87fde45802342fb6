// Runs the built CLI's two bundles (dist/cli/bastion.cjs: the front; dist/cli/engine.cjs: what a command loads when
// it runs) from V8's code cache, so a command neither parses nor compiles the JavaScript it runs. Node 20 has no
// compile cache for modules (module.enableCompileCache is Node 22), so each bundle is one CommonJS file run through
// vm.Script, which accepts V8's cachedData (scripts/build-cli.mjs says how the bundles are made).
//
// The caches are written by the build (scripts/build-cli-cache.mjs), never while a person's command runs. A cache's
// name carries the SHA-256 of its bundle as wrapped: V8 itself only checks the source's length, so a cache of another
// build must never be found. V8 rejects a cache from another Node/V8 version or other flags; the bundle then compiles
// as usual.
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

const DIR = fileURLToPath(new URL('../dist/cli/', import.meta.url));
// The wrapper has a line of its own (lineOffset -1): stack traces and source maps keep the file's lines and columns.
const PARAMS = 'exports, require, module, __filename, __dirname, __bastion_url, dynImp, __bastion_load, __bastion_shared';
const [HEAD, TAIL] = [`(function (${PARAMS}) {\n`, '\n})'];
/** Loaded bundles, for writeCaches(). */
const loaded = [];

/**
 * The exports of dist/cli/NAME. Besides CommonJS's wrapper, a bundle gets what its ES-module sources had (their URL;
 * import() as `dynImp`, since code run by vm.Script cannot call import() on Node 20 without an experimental flag and
 * the build renames those calls), a way to load the other bundle, and the modules the front shares with the engine
 * (one BastionError class).
 */
export function loadBundle(name, shared = {}) {
  const file = join(DIR, name);
  const bytes = readFileSync(file);
  const cacheFile = join(DIR, cacheNameFor(name, bytes));
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // No cache for this build: compile from source.
  }
  const script = new vm.Script(`${HEAD}${bytes.toString('utf8')}${TAIL}`, { filename: file, lineOffset: -1, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, DIR, pathToFileURL(file).href, (s) => import(s), loadBundle, shared);
  loaded.push({ name, script, cacheFile, fromCache: cachedData !== undefined && !script.cachedDataRejected });
  return mod.exports;
}

/** Which bundles this process loaded, and whether each ran from its code cache (for tests and BASTION_DEBUG). */
export function bundlesLoaded() {
  return loaded.map(({ name, fromCache }) => ({ name, fromCache }));
}

/** The code cache's file name for these bytes of dist/cli/NAME (as wrapped): another build's has another name. */
export function cacheNameFor(name, bytes) {
  const digest = createHash('sha256').update(HEAD).update(bytes).update(TAIL).digest('hex').slice(0, 16);
  return `${basename(name, '.cjs')}.${digest}.${process.arch}.v8cache`;
}

/** For the build: stores the code V8 compiled for each loaded bundle so far (run the commands first). */
export function writeCaches() {
  return loaded.map(({ script, cacheFile }) => {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, script.createCachedData());
      chmodSync(tmp, 0o644); // compiled code of the shipped source: readable by whoever may run the CLI
      renameSync(tmp, cacheFile);
    } finally {
      rmSync(tmp, { force: true });
    }
    return cacheFile;
  });
}
