import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../audit';
import { SEEDED_VAULT, writeFixture } from '../vault/fixtures';
import { createContext, type UseCaseContext } from './context';
import { confirm, propose, undo } from './proposals';

// The three device-health fixes through the permission layer, as the Device health screen and `bastion propose`
// run them: proposed → confirmed (the dialog's form) → executed by the gate → audited → undone where possible.

let home: string;
let ctx: UseCaseContext;
let opened: string[];
beforeEach(() => {
  home = realpathSync(mkdtempSync(join(tmpdir(), 'bastion-devfix-')));
  writeFileSync(join(home, 'policy.json'), '{}');
  opened = [];
  ctx = createContext({
    dataDir: join(home, '.config', 'Bastion'),
    env: { ...process.env, HOME: home, XDG_DATA_HOME: join(home, '.local', 'share'), BASTION_POLICY: join(home, 'policy.json') },
    ports: { openSettings: async (u) => void opened.push(u) },
  });
});
afterEach(() => {
  ctx.close();
  rmSync(home, { recursive: true, force: true });
});

const events = (id: string) => listAudit(ctx.store(), { proposalId: id }).map((r) => r.event);

describe('device fixes through the permission layer', () => {
  it('fix_file_permissions: confirm makes the file private, undo restores its mode, both audited', async () => {
    const file = join(home, '.aws', 'credentials');
    mkdirSync(join(home, '.aws'));
    writeFileSync(file, '[default]\n');
    chmodSync(file, 0o644);
    const { record, view } = await propose(ctx, { action: 'fix_file_permissions', args: { path: file } });
    expect(record.status).toBe('pending');
    expect(view?.confirmation).toBe('yes_no');
    const done = await confirm(ctx, { id: record.id, argsHash: record.argsHash });
    expect(done.record.status).toBe('executed');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await undo(ctx, { id: record.id });
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(events(record.id)).toEqual(['proposal_created', 'decision', 'confirmed', 'executed', 'undone']);
  });

  it('delete_plaintext_export: type the file name, it goes to the trash, undo brings it back', async () => {
    mkdirSync(join(home, 'Downloads'));
    const file = join(home, 'Downloads', 'stuff.json');
    await writeFixture('bitwarden-json', SEEDED_VAULT, file);
    const { record, view } = await propose(ctx, { action: 'delete_plaintext_export', args: { path: file } });
    expect(view?.confirmation).toBe('typed_title');
    expect(view?.typeToConfirm).toBe('stuff.json');
    await expect(confirm(ctx, { id: record.id, argsHash: record.argsHash, typedTitle: 'wrong' })).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    expect(existsSync(file)).toBe(true);
    const done = await confirm(ctx, { id: record.id, argsHash: record.argsHash, typedTitle: 'stuff.json' });
    expect(done.record.status).toBe('executed');
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(join(home, '.local', 'share', 'Trash', 'files'))).toContain('stuff.json');
    await undo(ctx, { id: record.id });
    expect(existsSync(file)).toBe(true);
  });

  it('never deletes a file that is not a plain-text vault export, even when confirmed', async () => {
    mkdirSync(join(home, '.ssh'));
    const key = join(home, '.ssh', 'id_ed25519');
    writeFileSync(key, '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n');
    const { record } = await propose(ctx, { action: 'delete_plaintext_export', args: { path: key, mode: 'overwrite' } });
    await expect(confirm(ctx, { id: record.id, argsHash: record.argsHash, typedTitle: basename(key) })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(existsSync(key)).toBe(true);
    expect(events(record.id)).toContain('execution_failed');
  });

  it('open_settings_page on Linux shows the command to run (Bastion runs nothing privileged)', async () => {
    const { record } = await propose(ctx, { action: 'open_settings_page', args: { checkId: 'firewall' } });
    const done = await confirm(ctx, { id: record.id, argsHash: record.argsHash });
    expect(done.record.status).toBe('executed');
    expect(String(done.record.result?.message)).toMatch(/Run this in a terminal yourself: sudo ufw enable/);
    expect(opened).toEqual([]);
  });

  it("the organisation's policy can deny the fixes", async () => {
    writeFileSync(join(home, 'policy.json'), JSON.stringify({ actions: { deny: ['delete_plaintext_export'] } }));
    const { record } = await propose(ctx, { action: 'delete_plaintext_export', args: { path: join(home, 'x.csv') } });
    expect(record.status).toBe('denied');
  });
});
