import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../audit';
import { AUDIT_ANCHOR_FILE } from '../audit';
import { DB_FILE, KEY_FILE } from '../db';
import { confirmProposal, createProposal, effectOf, isUndoable, undoAction } from './index';
import { getProposal } from './proposals';
import { importKdbx, scratchStore, vaultAccess, type Scratch } from './testing';
import type { ExecutionPorts } from './ports';

// Issue 12, observation 1: export_report (and any action that writes a file) never overwrites Bastion's data or an
// imported vault, never reads a device or FIFO, resolves relative paths where the proposal was made, prints paths with
// control characters escaped, and backs up (and undo restores) a file it replaces.

let s: Scratch;
const ports: ExecutionPorts = { vault: vaultAccess };
beforeEach(() => {
  s = scratchStore();
});
afterEach(() => s.cleanup());

async function propose(path: string, cwd?: string) {
  return createProposal(s.store, { action: 'export_report', args: { format: 'csv', path } }, { actor: 'user' }, { keys: s.keys, vault: vaultAccess, cwd });
}
async function confirm(id: string) {
  const p = getProposal(s.store, id)!;
  return confirmProposal(s.store, s.keys, { id, argsHash: p.argsHash }, ports);
}

describe('refused targets (with a reason, when proposed)', () => {
  it.each([DB_FILE, KEY_FILE, AUDIT_ANCHOR_FILE, 'new-file.csv', '.'])("anything inside the data dir: %s", async (name) => {
    await importKdbx(s);
    const at = join(s.store.dataDir, name);
    const before = existsSync(at) && statSync(at).isFile() ? readFileSync(at) : null;
    const { proposal } = await propose(join(s.store.dataDir, name));
    expect(proposal.status).toBe('invalid');
    expect(proposal.reason).toMatch(/inside Bastion's data folder/);
    if (before) expect(readFileSync(at).equals(before)).toBe(true);
  });

  it('the imported vault, through its own path, a symbolic link, a hard link or a relative path', async () => {
    const { path } = await importKdbx(s);
    symlinkSync(path, join(s.dir, 'link.kdbx'));
    linkSync(path, join(s.dir, 'hard.kdbx'));
    for (const [target, cwd] of [[path, undefined], [join(s.dir, 'hard.kdbx'), undefined], ['vault.kdbx', s.dir], [`${path}.bastion-backup-x`, undefined]] as const) {
      const { proposal } = await propose(target, cwd);
      expect(proposal.status, target).toBe('invalid');
      expect(proposal.reason, target).toMatch(/imported vault/);
    }
    const { proposal } = await propose(join(s.dir, 'link.kdbx'));
    expect(proposal.reason).toMatch(/symbolic link, not a regular file/);
  });

  it('devices, FIFOs, sockets and directories — and none of them is ever read', async () => {
    mkdirSync(join(s.dir, 'folder'));
    execFileSync('mkfifo', [join(s.dir, 'fifo')]);
    const server = createServer().listen(join(s.dir, 'sock'));
    await new Promise((r) => server.once('listening', r));
    try {
      for (const [target, kind] of [['/dev/zero', 'a character device'], [join(s.dir, 'fifo'), 'a FIFO'], [join(s.dir, 'sock'), 'a socket'], [join(s.dir, 'folder'), 'a directory'], [join(s.dir, 'nowhere', 'r.csv'), 'does not exist']] as const) {
        const { proposal } = await propose(target);
        expect(proposal.status, target).toBe('invalid');
        expect(proposal.reason, target).toContain(kind);
      }
    } finally {
      server.close();
    }
  });

  it('a target that turned into a FIFO after the proposal is refused at confirm, without reading it', async () => {
    const target = join(s.dir, 'later.csv');
    const { proposal } = await propose(target);
    expect(proposal.status).toBe('pending');
    execFileSync('mkfifo', [target]); // a blocking read of this would hang the test
    expect(effectOf(s.store, getProposal(s.store, proposal.id)!, { vault: vaultAccess })).toMatch(/It will be refused: .*FIFO/);
    await expect(confirm(proposal.id)).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/FIFO/) });
    expect(getProposal(s.store, proposal.id)!.status).toBe('failed');
    expect(statSync(target).isFIFO()).toBe(true);
    expect(verifyAudit(s.store, s.keys).ok).toBe(true);
  });
});

describe('the path is fixed and shown honestly when proposed', () => {
  it('a relative path resolves against the proposer\'s folder and is stored absolute (confirming elsewhere writes the same file)', async () => {
    const proposerDir = join(s.dir, 'proposer');
    mkdirSync(proposerDir);
    const { proposal, effect } = await propose('report.csv', proposerDir);
    expect(proposal.args.path).toBe(join(proposerDir, 'report.csv'));
    expect(effect).toContain(join(proposerDir, 'report.csv'));
    expect(process.cwd()).not.toBe(proposerDir);
    await confirm(proposal.id);
    expect(existsSync(join(proposerDir, 'report.csv'))).toBe(true);
    expect(existsSync(join(process.cwd(), 'report.csv'))).toBe(false);
  });

  it('newlines, ANSI escapes and bidi overrides in a path are escaped in the effect text and the audit', async () => {
    const name = 'a\nConfirm? y\u001b[2K\u202egnp.csv';
    const { proposal, effect } = await propose(join(s.dir, name));
    expect(proposal.status).toBe('pending');
    expect(effect).toContain('a\\nConfirm? y\\x1b[2K\\u202egnp.csv');
    expect(effect).not.toMatch(/[\u0000-\u001f\u202e]/);
    const created = listAudit(s.store, { proposalId: proposal.id }).find((r) => r.event === 'proposal_created')!;
    expect(String((created.body.detail as { effect: string }).effect)).not.toMatch(/[\u0000-\u001f\u202e]/);
  });
});

describe('untrusted vault text in effect texts', () => {
  it('a title or username with a newline or ANSI escape cannot redraw the confirmation prompt', async () => {
    const { refs } = await importKdbx(s, [{ id: 'x1', kind: 'login', title: 'Mail\u001b[2K\rConfirm: OK', username: 'me\nyou', password: 'password1', urls: ['https://mail.example.org/'] }]);
    const ref = [...refs.values()][0]!;
    const { effect } = await createProposal(s.store, { action: 'snooze_finding', args: { kind: 'weak', itemIds: [ref.id], days: 7 } }, { actor: 'user' }, { keys: s.keys, vault: vaultAccess });
    // (The importer may already drop some controls, such as ESC; whatever reaches the effect text is escaped.)
    expect(effect).toContain('\\rConfirm: OK" (me\\nyou)');
    expect(effect).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe('replacing an existing file', () => {
  it('the confirmation says so (size, modified time); the old file is backed up and undo restores it', async () => {
    await importKdbx(s);
    const target = join(s.dir, 'findings.csv');
    writeFileSync(target, 'my own notes, not a report\n');
    utimesSync(target, new Date('2026-01-02T13:04:00Z'), new Date('2026-01-02T13:04:00Z'));
    const { proposal, effect } = await propose(target);
    expect(effect).toContain('replaces an existing file (27 bytes, modified 2026-01-02 13:04 UTC)');
    const done = await confirm(proposal.id);
    expect(done.status).toBe('executed');
    expect(readFileSync(target, 'utf8')).toContain('kind,severity');
    const backup = String(done.result!.backup);
    expect(readFileSync(backup, 'utf8')).toBe('my own notes, not a report\n');
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    expect(isUndoable(done)).toBe(true);
    const undone = await undoAction(s.store, s.keys, { id: proposal.id }, ports);
    expect(undone.status).toBe('undone');
    expect(readFileSync(target, 'utf8')).toBe('my own notes, not a report\n');
    expect(verifyAudit(s.store, s.keys).ok).toBe(true);
  });

  it('undo refuses when the report was changed after the export; a new file has nothing to undo', async () => {
    const target = join(s.dir, 'findings.csv');
    writeFileSync(target, 'old\n');
    const { proposal } = await propose(target);
    await confirm(proposal.id);
    writeFileSync(target, 'edited by the user since\n');
    await expect(undoAction(s.store, s.keys, { id: proposal.id }, ports)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(readFileSync(target, 'utf8')).toBe('edited by the user since\n');
    expect(getProposal(s.store, proposal.id)!.status).toBe('executed');

    const fresh = (await propose(join(s.dir, 'fresh.csv'))).proposal;
    const done = await confirm(fresh.id);
    expect(isUndoable(done)).toBe(false);
    await expect(undoAction(s.store, s.keys, { id: fresh.id }, ports)).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    expect(readdirSync(s.dir).filter((f) => f.startsWith('fresh.csv.bastion-backup'))).toEqual([]);
  });
});
