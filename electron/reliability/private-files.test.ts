import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleScript, runChild, type Bundle } from './child-bundle';

// Issue 12, observation 7: in a process started with the usual umask 022 and an existing 0755 data dir, the store's
// files and anything written after the store opened (prompt traces) are 0600.

let bundle: Bundle;
let root: string;
beforeAll(async () => {
  bundle = await bundleScript(join(import.meta.dirname, 'testing-child.ts'));
  root = mkdtempSync(join(tmpdir(), 'bastion-private-'));
}, 60_000);
afterAll(() => {
  bundle?.cleanup();
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('private files', () => {
  // (-wal and -shm, which exist only while a connection is open, are checked in electron/db/open.test.ts.)
  it('bastion.db, install.key and a trace file are 0600 under umask 022 in a 0755 data dir', async () => {
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    const trace = join(root, 'trace.jsonl');
    const r = await runChild(bundle, ['trace', dataDir, trace]);
    expect(r.status, r.stderr).toBe(0);
    const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
    for (const f of ['bastion.db', 'install.key']) expect(mode(join(dataDir, f)), f).toBe('600');
    expect(mode(trace)).toBe('600');
  }, 60_000);
});
