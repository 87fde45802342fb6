import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BastionError } from '../core';
import { openStore } from '../db';
import { searchKnowledge } from '../knowledge';
import { buildKnowledgePack } from './knowledge-pack';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-pack-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('buildKnowledgePack', () => {
  it('indexes the built-in articles and the given folders into one self-contained, searchable database', async () => {
    const docs = join(dir, 'policies');
    mkdirSync(docs);
    writeFileSync(join(docs, 'remote-work.md'), '# Remote work policy\n\n## Travel\n\nWhen travelling to Zanzibar, use the corporate quokkanet VPN on every hotel network.\n');
    mkdirSync(join(dir, 'pack'));
    const out = join(dir, 'pack', 'bastion.db');
    const summary = await buildKnowledgePack([docs], out, { noEmbed: true });
    expect(summary.documents.added).toHaveLength(1);
    expect(readdirSync(join(dir, 'pack'))).toEqual(['bastion.db']); // no temp file or WAL left beside it

    const store = openStore({ dataDir: join(dir, 'pack') });
    try {
      const user = store.db.prepare("select count(*) as n from kb_documents where source = 'user'").get();
      const builtin = store.db.prepare("select count(*) as n from kb_documents where source = 'builtin'").get() as { n: number };
      expect(user).toEqual({ n: 1 });
      expect(builtin.n).toBeGreaterThan(0);
      const r = await searchKnowledge(store, 'quokkanet VPN Zanzibar', { noEmbed: true });
      expect(r.results[0]?.title).toBe('Remote work policy');
      const tables = store.db.prepare<{ name: string }>("select name from sqlite_master where type = 'table' and name in ('settings', 'egress_log')").all();
      for (const { name } of tables) expect(store.db.prepare(`select count(*) as n from ${name}`).get(), name).toEqual({ n: 0 });
    } finally {
      store.close();
    }
  });

  it('refuses missing folders, a missing output folder and folders without documents, writing nothing', async () => {
    await expect(buildKnowledgePack([join(dir, 'nope')], join(dir, 'p.db'))).rejects.toThrow(BastionError);
    await expect(buildKnowledgePack([dir], join(dir, 'missing', 'p.db'))).rejects.toThrow(/does not exist/);
    mkdirSync(join(dir, 'empty'));
    await expect(buildKnowledgePack([join(dir, 'empty')], join(dir, 'p.db'), { noEmbed: true })).rejects.toThrow(/No indexable documents/);
    expect(existsSync(join(dir, 'p.db'))).toBe(false);
  });
});
