import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { appRoot } from '../../db';
import { ZXCVBN_MODULES, type ZxcvbnModuleName } from './zxcvbn-build';
import { buildZxcvbnIndex, decodeZxcvbnIndex, encodeZxcvbnIndex, zxcvbnIndexKey, type ZxcvbnIndex } from './zxcvbn-index';

// Where the prebuilt zxcvbn index lives (scripts/build-zxcvbn-index.ts writes it on `npm install` / `npm run
// build:cli`), and loading it into a SharedArrayBuffer the strength workers read without a copy.

const req = createRequire(import.meta.url);
const load = (n: ZxcvbnModuleName) => req(ZXCVBN_MODULES[n]);

/** The file the build writes; git-ignored (dist/). */
export function zxcvbnIndexFile(): string {
  return join(appRoot(), 'dist', 'zxcvbn-index.bin');
}

/** The key of the installed zxcvbn-ts packages: a file built from other versions is stale. */
export function installedZxcvbnIndexKey(): string {
  const version = (pkg: string) => (req(`${pkg}/package.json`) as { version: string }).version;
  return zxcvbnIndexKey({ core: version(ZXCVBN_MODULES.core), common: version(ZXCVBN_MODULES.common), en: version(ZXCVBN_MODULES.en) });
}

export interface LoadedZxcvbnIndex {
  index: ZxcvbnIndex;
  /** Where it came from: the prebuilt file, or built in memory because the file was missing or stale. */
  from: 'file' | 'memory';
}

/** The prebuilt index when present and current, else one built from the packages (~0.5 s); shared memory either way. */
export function loadZxcvbnIndex(file = zxcvbnIndexFile(), key = installedZxcvbnIndexKey()): LoadedZxcvbnIndex {
  const bytes = readShared(file);
  const index = bytes && decodeZxcvbnIndex(bytes, key);
  if (index) return { index, from: 'file' };
  const built = encodeZxcvbnIndex(buildZxcvbnIndex(load, key));
  const shared = new Uint8Array(new SharedArrayBuffer(built.length));
  shared.set(built);
  return { index: decodeZxcvbnIndex(shared, key)!, from: 'memory' };
}

/** Builds the index for the installed packages and writes it (write-then-rename). */
export function writeZxcvbnIndex(file = zxcvbnIndexFile()): { file: string; bytes: number; key: string } {
  const key = installedZxcvbnIndexKey();
  const bytes = encodeZxcvbnIndex(buildZxcvbnIndex(load, key));
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
  return { file, bytes: bytes.length, key };
}

/** The whole file in one read, into shared memory; null when it cannot be read. */
function readShared(file: string): Uint8Array | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const size = fstatSync(fd).size;
    const out = new Uint8Array(new SharedArrayBuffer(size));
    let at = 0;
    while (at < size) {
      const n = readSync(fd, out, at, size - at, at);
      if (n === 0) return null;
      at += n;
    }
    return out;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
