import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../db';
import { listDocuments, loadArticles } from '../knowledge';
import { FIXTURE_ITEMS } from '../permissions/testing';
import { buildReport, listSources } from '../vault';
import { writeFixture } from '../vault/fixtures';
import { bundleScript, runChild, type Bundle } from './child-bundle';

// Issue 12, observation 3: ten processes using a NEW data dir at the same moment (first imports, first questions,
// first searches: the store is created, migrated and the built-in knowledge indexed by whoever comes first) all
// succeed, with the right results. Before: "database is locked", "table … already exists", "is an empty file".

let bundle: Bundle;
let root: string;
const files: string[] = [];

beforeAll(async () => {
  bundle = await bundleScript(join(import.meta.dirname, 'testing-child.ts'));
  root = mkdtempSync(join(tmpdir(), 'bastion-first-use-'));
  for (let i = 0; i < 4; i++) {
    const f = join(root, `vault-${i}.json`);
    await writeFixture('bitwarden-json', FIXTURE_ITEMS.map((it) => ({ ...it, id: `${it.id}-${i}` })), f);
    files.push(f);
  }
}, 120_000);

afterAll(() => {
  bundle?.cleanup();
  rmSync(root, { recursive: true, force: true });
});

describe('first use by many processes at once', () => {
  it.each([1, 2])('trial %i: 4 imports, 3 asks and 3 knowledge searches into a new data dir all succeed', async (trial) => {
    const dataDir = join(root, `data-${trial}`);
    const ops: [string, string][] = [
      ...files.map((f): [string, string] => ['import', f]),
      ...[1, 2, 3].map((): [string, string] => ['ask', 'is SMS two-factor safe?']),
      ...[1, 2, 3].map((): [string, string] => ['kb-search', 'phishing']),
    ];
    const runs = await Promise.all(ops.map(([op, arg]) => runChild(bundle, [op, dataDir, arg])));
    const failures = runs.map((r, i) => ({ op: ops[i]![0], status: r.status, stderr: r.stderr.trim() })).filter((r) => r.status !== 0);
    expect(failures).toEqual([]);

    const out = runs.map((r) => JSON.parse(r.stdout) as Record<string, unknown>);
    for (const [i, [op]] of ops.entries()) {
      if (op === 'import') expect(out[i]).toMatchObject({ items: FIXTURE_ITEMS.length });
      if (op === 'ask') expect(out[i]).toMatchObject({ route: 'knowledge' });
      if (op === 'ask') expect(out[i]!.citations).toBeGreaterThan(0);
      if (op === 'kb-search') expect(out[i]!.results).toBeGreaterThan(0);
    }

    const store = openStore({ dataDir });
    try {
      expect(listSources(store)).toHaveLength(4);
      // Built-in articles indexed exactly once (no duplicates from two indexers).
      const builtin = listDocuments(store, { includeBuiltin: true }).filter((d) => d.path === null);
      expect(builtin).toHaveLength(loadArticles().articles.length);
      // Every process used the same install key (fingerprints match across files): "password1" (Mail and Bank in each
      // file) is one reuse group of 8, the Forum and Shop passwords one group of 4 each.
      const reused = buildReport(store).findings.filter((f) => f.kind === 'reused');
      expect(reused.map((f) => f.items.length).sort()).toEqual([4, 4, 8]);
    } finally {
      store.close();
    }
  }, 180_000);
});
