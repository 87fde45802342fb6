import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../core';
import { openStore } from '../db';
import { bundleScript, runChild, type Bundle } from './child-bundle';

// Issue 12, observation 6: a data dir this user cannot write (EACCES) is reported as read-only, with its own exit
// code, never as "not a SQLite database". (The read-only filesystem case, EROFS, is in electron/db/open.test.ts.)
// Needs root, to run the child as another user.

function setprivMissing(): string | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return 'needs root on Linux to run a child as another user';
  try {
    execFileSync('setpriv', ['--version'], { stdio: 'pipe' });
    return null;
  } catch {
    return 'setpriv is not installed';
  }
}
const why = setprivMissing();

let bundle: Bundle;
let root: string;
beforeAll(async () => {
  bundle = await bundleScript(join(import.meta.dirname, 'testing-child.ts'));
  root = mkdtempSync(join(tmpdir(), 'bastion-eacces-'));
  chmodSync(root, 0o755);
}, 60_000);
afterAll(() => {
  bundle?.cleanup();
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(why !== null)(`a data dir owned by someone else${why ? ` (skipped: ${why})` : ''}`, () => {
  it('is "the data dir is read-only: DIR" (READ_ONLY, exit 15), for an existing store and for a new one', async () => {
    const existing = join(root, 'existing');
    openStore({ dataDir: existing }).close();
    chmodSync(existing, 0o755);
    const asNobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
    for (const dataDir of [existing, join(existing, 'new')]) {
      const r = await runChild(bundle, ['open', dataDir], { wrap: asNobody });
      expect(r.status, r.stderr).toBe(exitCodeFor('READ_ONLY'));
      expect(r.stderr.trim()).toMatch(new RegExp(`^READ_ONLY: the data dir is read-only: ${dataDir} `));
      expect(r.stderr).not.toMatch(/not a (SQLite|Bastion|readable)|\n.+\n/);
    }
  }, 60_000);
});
