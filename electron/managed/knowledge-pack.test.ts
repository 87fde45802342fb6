import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BastionError } from '../core';
import { openStore } from '../db';
import { listDocuments, loadKnowledgePacks, removeDocument, searchKnowledge } from '../knowledge';
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

describe('loading a pack on a client (loadKnowledgePacks)', () => {
  async function makePack(text: string): Promise<string> {
    const docs = join(dir, 'policies');
    mkdirSync(docs, { recursive: true });
    writeFileSync(join(docs, 'remote-work.md'), text);
    const out = join(dir, 'corp-pack.db');
    await buildKnowledgePack([docs], out, { noEmbed: true });
    return out;
  }

  it('makes the pack searchable, cites it as untrusted, skips reloading an unchanged pack and replaces a changed one', async () => {
    const pack = await makePack('# Remote work policy\n\nWhen travelling to Zanzibar, use the corporate quokkanet VPN.\n');
    const client = openStore({ dataDir: join(dir, 'client') });
    try {
      const first = await loadKnowledgePacks(client, [pack]);
      expect(first).toEqual([{ pack, status: 'loaded', documents: 1, vectorsReused: false }]);
      const hit = (await searchKnowledge(client, 'quokkanet Zanzibar', { noEmbed: true })).results[0];
      expect(hit?.title).toBe('Remote work policy');
      expect(hit?.untrusted).toBe(true);
      expect(() => removeDocument(client, hit!.doc)).toThrow(/knowledge pack/);

      expect((await loadKnowledgePacks(client, [pack]))[0]?.status).toBe('unchanged');

      await makePack('# Remote work policy\n\nTravellers now use the wombatnet VPN.\n');
      expect((await loadKnowledgePacks(client, [pack]))[0]?.status).toBe('loaded');
      expect((await searchKnowledge(client, 'quokkanet', { noEmbed: true })).results.filter((r) => r.title === 'Remote work policy')).toHaveLength(0);
      expect((await searchKnowledge(client, 'wombatnet', { noEmbed: true })).results[0]?.title).toBe('Remote work policy');
      expect(listDocuments(client)).toHaveLength(1);

      // A pack the policy no longer lists leaves the index; listed again (e.g. after a broken policy was fixed), it
      // comes back.
      expect(await loadKnowledgePacks(client, [])).toEqual([]);
      expect(listDocuments(client)).toHaveLength(0);
      expect((await loadKnowledgePacks(client, [pack]))[0]).toMatchObject({ status: 'loaded', documents: 1 });
    } finally {
      client.close();
    }
  });

  it('skips a missing or corrupt pack with a reason and leaves the index as it was', async () => {
    const bad = join(dir, 'bad.db');
    writeFileSync(bad, 'this is not a database');
    const client = openStore({ dataDir: join(dir, 'client2') });
    try {
      const r = await loadKnowledgePacks(client, [join(dir, 'missing.db'), bad]);
      expect(r.map((x) => x.status)).toEqual(['skipped', 'skipped']);
      expect(r[0]?.reason).toMatch(/does not exist/);
      expect(r[1]?.reason).toMatch(/pack/);
      expect(listDocuments(client)).toHaveLength(0);
    } finally {
      client.close();
    }
  });
});
