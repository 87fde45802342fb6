import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateLargeVault, SEEDED_VAULT, writeFixture } from '../vault/fixtures';
import { createContext, type UseCaseContext } from './context';
import { overview } from './health';
import { importFile } from './vault';

// Imports as the app runs them: phases in order, one trend row per import, and Cancel leaves the store exactly as it
// was (every table compared, row by row) at any phase.

let dir: string;
let ctx: UseCaseContext;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-health-uc-'));
  ctx = createContext({ dataDir: join(dir, 'data'), env: { ...process.env, BASTION_POLICY: '' } });
});
afterEach(() => {
  ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every row of every table but the audit trail: what "exactly as before" means. */
function dump(c: UseCaseContext): Record<string, unknown[]> {
  const db = c.store().db;
  const tables = db.prepare<{ name: string }>("select name from sqlite_schema where type = 'table' and name not like 'sqlite_%' and name not like 'audit%' and name not like '%vec%' order by name").all();
  return Object.fromEntries(tables.map((t) => [t.name, db.prepare(`select * from "${t.name}"`).raw(true).all()]));
}

describe('health use case', () => {
  it('a KeePass import runs reading → decrypting → scoring → saving and adds one trend row', async () => {
    const file = join(dir, 'v.kdbx');
    await writeFixture('kdbx', SEEDED_VAULT, file, { password: 'pw', kdbxVersion: 4, kdf: 'aes' });
    const phases: string[] = [];
    await importFile(ctx, { path: file, password: 'pw', onPhase: (p) => phases.push(p) });
    expect(phases).toEqual(['reading', 'decrypting', 'scoring', 'saving']);
    const o = overview(ctx);
    expect(o.history).toHaveLength(1);
    expect(o.history[0]).toMatchObject({ score: o.score, items: o.counts.items, logins: o.counts.logins });
    const openReused = new Set(o.items.filter((i) => i.findings.some((f) => f.kind === 'reused' && f.state === 'open')).map((i) => i.id)).size;
    expect(o.history[0]!.counts.reused).toBe(openReused);
  });

  it('an export is read, not decrypted', async () => {
    const file = join(dir, 'v.json');
    await writeFixture('bitwarden-json', SEEDED_VAULT, file);
    const phases: string[] = [];
    await importFile(ctx, { path: file, onPhase: (p) => phases.push(p) });
    expect(phases).toEqual(['reading', 'scoring', 'saving']);
  });

  it.each(['reading', 'scoring', 'saving'] as const)('Cancel during %s leaves the store exactly as before', async (at) => {
    const first = join(dir, 'first.json');
    await writeFixture('bitwarden-json', SEEDED_VAULT, first);
    await importFile(ctx, { path: first });
    const before = dump(ctx);
    const big = join(dir, 'big.json');
    await writeFixture('bitwarden-json', generateLargeVault(400, 3), big);
    const ctl = new AbortController();
    const run = importFile(ctx, { path: big, signal: ctl.signal, onPhase: (p) => p === at && ctl.abort() });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(dump(ctx)).toEqual(before);
  });

  it('Cancel while the passwords are being scored stops the import at once, before anything is written', async () => {
    const before = dump(ctx);
    const big = join(dir, 'big.json');
    await writeFixture('bitwarden-json', generateLargeVault(600, 5), big);
    const ctl = new AbortController();
    const progress: number[] = [];
    const run = importFile(ctx, { path: big, signal: ctl.signal, onProgress: (done) => (progress.push(done), ctl.abort()) });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED', message: 'Import cancelled; nothing was changed.' });
    expect(progress.length).toBeGreaterThan(0);
    expect(dump(ctx)).toEqual(before);
  });
});
