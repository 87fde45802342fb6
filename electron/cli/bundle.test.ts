import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoot } from '../db';

// The built CLI as `npm install` leaves it (scripts/build-cli.mjs, then scripts/build-cli-cache.mjs): two bundles run
// from V8's code cache by bin/load-bundle.mjs. Each case works on a private copy (bin/, scripts/, dist/cli/ under
// dist/), so editing a bundle here never touches what other tests run.

const root = appRoot();
let copy: string;
let dataDir: string;

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root, stdio: 'ignore' });
  // An install path with a space, a quote and non-ASCII (the package runs from wherever it was put).
  copy = join(root, 'dist', `test bundle 'é' ${process.pid}`);
  rmSync(copy, { recursive: true, force: true });
  for (const dir of ['bin', 'scripts']) cpSync(join(root, dir), join(copy, dir), { recursive: true });
  mkdirSync(join(copy, 'dist'), { recursive: true });
  cpSync(join(root, 'dist/cli'), join(copy, 'dist/cli'), { recursive: true, filter: (f) => !f.endsWith('.v8cache') });
  execFileSync(process.execPath, [join(copy, 'scripts/build-cli-cache.mjs')], { cwd: copy, stdio: 'ignore' });
  dataDir = join(copy, 'data');
}, 120_000);
afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** Runs `bastion ARGS` through the copy's loader; prints which bundles came from their cache (and `_Q`, see below). */
function run(args: string[]) {
  const script = `import { loadBundle, bundlesLoaded } from ${JSON.stringify(join(copy, 'bin/load-bundle.mjs'))};
await loadBundle('bastion.cjs').main(${JSON.stringify(['--data-dir', dataDir, ...args])});
process.stderr.write('\\nLOADED ' + JSON.stringify({ bundles: bundlesLoaded(), q: globalThis._Q ?? null }) + '\\n');`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: copy, encoding: 'utf8', env: { ...process.env, BASTION_POLICY: '' } });
  const loaded = /LOADED (.*)/.exec(r.stderr)?.[1];
  return { status: r.status, out: r.stdout, err: r.stderr, ...(JSON.parse(loaded ?? 'null') as { bundles: { name: string; fromCache: boolean }[]; q: number | null }) };
}

const caches = () => readdirSync(join(copy, 'dist/cli')).filter((f) => f.endsWith('.v8cache'));
const fromCache = (r: ReturnType<typeof run>) => Object.fromEntries(r.bundles.map((b) => [b.name, b.fromCache]));

/** Same length, new behaviour: `"use strict";` (13 characters) becomes an assignment to a global (13 characters). */
function editEngineKeepingLength(): void {
  const file = join(copy, 'dist/cli/engine.cjs');
  const text = readFileSync(file, 'utf8');
  expect(text.startsWith('"use strict";')).toBe(true);
  writeFileSync(file, `_Q=424242424;${text.slice('"use strict";'.length)}`);
}

describe('the built CLI runs from its code cache', () => {
  it('a command loads the front and the engine from the caches the build made, and works', () => {
    expect(caches()).toHaveLength(2);
    const r = run(['report', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ counts: { items: 0 } });
    expect(fromCache(r)).toEqual({ 'bastion.cjs': true, 'engine.cjs': true });
  });

  it('--help loads the front only', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.out).toContain('Usage: bastion');
    expect(fromCache(r)).toEqual({ 'bastion.cjs': true });
  });

  it('a damaged cache is refused by V8 and the bundle compiles from source', () => {
    const engineCache = join(copy, 'dist/cli', caches().find((f) => f.startsWith('engine.'))!);
    const good = readFileSync(engineCache);
    writeFileSync(engineCache, good.subarray(0, 200));
    try {
      const r = run(['report', '--json']);
      expect(r.status).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ counts: { items: 0 } });
      expect(fromCache(r)['engine.cjs']).toBe(false);
    } finally {
      writeFileSync(engineCache, good);
    }
  });

  it("another build's cache is never used, even for a bundle of the same length (V8 only checks the length)", () => {
    const before = caches();
    const engineCache = caches().find((f) => f.startsWith('engine.'))!;
    editEngineKeepingLength();
    const r = run(['report', '--json']);
    expect(r.status).toBe(0);
    expect(fromCache(r)['engine.cjs']).toBe(false);
    expect(r.q).toBe(424242424); // the edited source ran
    // Why the name carries the bundle's hash: under the new bundle's name, the old cache is accepted and its code runs
    // instead of the edited source.
    const renamed = caches().find((f) => !before.includes(f));
    expect(renamed).toBeUndefined(); // the run wrote no cache
    const newName = engineCache.replace(/^engine\.[0-9a-f]+\./, `engine.${hashOfEngine()}.`);
    renameSync(join(copy, 'dist/cli', engineCache), join(copy, 'dist/cli', newName));
    const stale = run(['report', '--json']);
    expect(fromCache(stale)['engine.cjs']).toBe(true);
    expect(stale.q).toBeNull();
  });
});

function hashOfEngine(): string {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `import { cacheNameFor } from ${JSON.stringify(join(copy, 'bin/load-bundle.mjs'))};
import { readFileSync } from 'node:fs';
process.stdout.write(cacheNameFor('engine.cjs', readFileSync(${JSON.stringify(join(copy, 'dist/cli/engine.cjs'))})));`], { encoding: 'utf8' });
  return /^engine\.([0-9a-f]+)\./.exec(out)![1]!;
}
