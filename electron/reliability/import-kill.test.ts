import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInstallKeys, openStore } from '../db';
import { buildReport, importVault, listSources } from '../vault';
import { writeFixture, type FixtureItem } from '../vault/fixtures';
import { bundleScript, runChild, type Bundle } from './child-bundle';

// Issue 12, fault injection: SIGKILL inside an import's write transaction, 20 trials. After each, the store holds the
// previous import or the new one — every item and the source row from the same import, never a mix — and opens clean.

let bundle: Bundle;
let root: string;
beforeAll(async () => {
  bundle = await bundleScript(join(import.meta.dirname, 'testing-import-child.ts'));
  root = mkdtempSync(join(tmpdir(), 'bastion-import-kill-'));
}, 60_000);
afterAll(() => {
  bundle?.cleanup();
  rmSync(root, { recursive: true, force: true });
});

/** Version t of the vault: 6–10 logins titled "v{t}-{i}", each with its own weak password (so each is in the report). */
function version(t: number): FixtureItem[] {
  return Array.from({ length: 6 + (t % 5) }, (_, i) => ({ id: `v${t}-${i}`, kind: 'login' as const, title: `v${t}-${i}`, username: 'me', password: `pw${t}x${i}`, urls: [`https://s${i}.example.org/`] }));
}

function storedTitles(dataDir: string): { titles: string[]; sourceItems: number } {
  const store = openStore({ dataDir }); // quick_check runs here: a torn write would fail it
  try {
    const titles = [...new Set(buildReport(store).findings.flatMap((f) => f.items.map((i) => i.title)))].sort();
    return { titles, sourceItems: listSources(store)[0]?.items ?? 0 };
  } finally {
    store.close();
  }
}

describe('SIGKILL during an import', () => {
  it('20 trials: the old import or the new one, never a mix', async () => {
    const dataDir = join(root, 'data');
    const file = join(root, 'vault.json');
    await writeFixture('bitwarden-json', version(0), file);
    const store = openStore({ dataDir });
    await importVault(store, loadInstallKeys(dataDir), file, { workers: 0 });
    store.close();
    let current = version(0).map((i) => i.title).sort();
    let landed = 0;
    for (let t = 1; t <= 20; t++) {
      const next = version(t);
      await writeFixture('bitwarden-json', next, file);
      const killAfter = t % 7 === 0 ? 0 : 1 + (t % next.length); // every 7th runs to the end
      const r = await runChild(bundle, [dataDir, file, String(killAfter)]);
      if (killAfter > 0) expect(r.signal, r.stderr).toBe('SIGKILL');
      else expect(r.status, r.stderr).toBe(0);
      const after = storedTitles(dataDir);
      const nextTitles = next.map((i) => i.title).sort();
      expect([current, nextTitles], `trial ${t}`).toContainEqual(after.titles);
      expect(after.sourceItems, `trial ${t}`).toBe(after.titles.length); // the source row agrees with its items
      if (killAfter > 0) expect(after.titles, `trial ${t}: killed mid-transaction`).toEqual(current);
      if (after.titles === nextTitles || after.titles.join() === nextTitles.join()) {
        current = nextTitles;
        landed++;
      }
    }
    expect(landed).toBe(2); // trials 7 and 14 ran to the end and their import is the one stored
  }, 300_000);
});
