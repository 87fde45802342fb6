import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../audit';
import { appRoot } from '../db';
import { bundleScript, type Bundle } from '../reliability/child-bundle';
import { entryPassword, findEntry, openKdbx } from './executors/kdbx';
import { getProposal } from './proposals';
import { confirmProposal, createProposal, undoAction } from './service';
import { importKdbx, KDBX_PASSWORD, scratchStore, vaultAccess, type Scratch } from './testing';

// Issue 12, observation 2: one confirmation executes at most once — two `bastion confirm ID` at the same moment (two
// processes), or the confirm API called twice at once in one process (a double click). Exactly one wins; the other
// gets CONFLICT (exit 7); one rotation, one backup, one 'executed' audit record.

let s: Scratch | undefined;
afterEach(() => {
  s?.cleanup();
  s = undefined;
});

const backups = (vault: string) => readdirSync(dirname(vault)).filter((f) => f.startsWith(`${basename(vault)}.bastion-backup-`));
const events = (sc: Scratch, id: string, event: string) => listAudit(sc.store, { proposalId: id }).filter((r) => r.event === event).length;

describe('a double click confirms once', () => {
  it('two concurrent confirmProposal calls in one process: one rotation, the other CONFLICT', async () => {
    s = scratchStore();
    const { path, refs } = await importKdbx(s);
    const mail = refs.get('kdbx:Mail')!;
    const { proposal } = await createProposal(s.store, { action: 'rotate_password', args: { itemId: mail.id } }, { actor: 'user' }, { keys: s.keys, vault: vaultAccess });
    const input = { id: proposal.id, argsHash: proposal.argsHash, vaultPassword: KDBX_PASSWORD };
    const results = await Promise.allSettled([confirmProposal(s.store, s.keys, input, { vault: vaultAccess }), confirmProposal(s.store, s.keys, input, { vault: vaultAccess })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already confirmed/) });
    expect(events(s, proposal.id, 'executed')).toBe(1);
    expect(events(s, proposal.id, 'confirmed')).toBe(1);
    expect(backups(path)).toHaveLength(1);
    const entry = findEntry(await openKdbx(path, KDBX_PASSWORD), mail.externalId)!;
    expect(entry.history).toHaveLength(1); // rotated once: one old password in the KeePass history
    expect(verifyAudit(s.store, s.keys).ok).toBe(true);
  });

  it('two concurrent undo calls: undone once', async () => {
    s = scratchStore();
    const { path, refs } = await importKdbx(s);
    const mail = refs.get('kdbx:Mail')!;
    const { proposal } = await createProposal(s.store, { action: 'rotate_password', args: { itemId: mail.id } }, { actor: 'user' }, { keys: s.keys, vault: vaultAccess });
    await confirmProposal(s.store, s.keys, { id: proposal.id, argsHash: proposal.argsHash, vaultPassword: KDBX_PASSWORD }, { vault: vaultAccess });
    const u = { id: proposal.id, vaultPassword: KDBX_PASSWORD };
    const results = await Promise.allSettled([undoAction(s.store, s.keys, u, { vault: vaultAccess }), undoAction(s.store, s.keys, u, { vault: vaultAccess })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    expect(events(s, proposal.id, 'undone')).toBe(1);
    expect(getProposal(s.store, proposal.id)!.status).toBe('undone');
    expect(entryPassword(findEntry(await openKdbx(path, KDBX_PASSWORD), mail.externalId)!)).toBe('password1');
  });
});

/** A long-lived child that confirms whatever it is sent (see testing-confirm-child.ts). */
interface Confirmer {
  child: ChildProcessWithoutNullStreams;
  lines: Interface;
  next(): Promise<string>;
}

function startConfirmer(bundle: Bundle, dataDir: string): Confirmer {
  const child = spawn(process.execPath, [bundle.entry, dataDir], { cwd: appRoot(), stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout });
  const queue: string[] = [];
  const waiting: ((l: string) => void)[] = [];
  lines.on('line', (l) => (waiting.length ? waiting.shift()!(l) : queue.push(l)));
  child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
  return { child, lines, next: () => (queue.length ? Promise.resolve(queue.shift()!) : new Promise((r) => waiting.push(r))) };
}

describe('two processes confirm the same proposal at the same moment', () => {
  let bundle: Bundle;
  beforeAll(async () => {
    bundle = await bundleScript(join(import.meta.dirname, 'testing-confirm-child.ts'));
  }, 60_000);
  afterAll(() => bundle?.cleanup());

  it('20 trials: each time exactly one executes and the other gets CONFLICT', async () => {
    s = scratchStore();
    const { path, refs } = await importKdbx(s);
    const mail = refs.get('kdbx:Mail')!;
    const pair = [startConfirmer(bundle, s.store.dataDir), startConfirmer(bundle, s.store.dataDir)];
    try {
      for (const c of pair) expect(await c.next()).toBe('ready');
      for (let trial = 0; trial < 20; trial++) {
        const { proposal } = await createProposal(s.store, { action: 'rotate_password', args: { itemId: mail.id } }, { actor: 'user' }, { keys: s.keys, vault: vaultAccess });
        const line = `${JSON.stringify({ id: proposal.id, argsHash: proposal.argsHash, password: KDBX_PASSWORD })}\n`;
        for (const c of pair) c.child.stdin.write(line); // both at once
        const out = (await Promise.all(pair.map((c) => c.next()))).map((l) => JSON.parse(l) as { ok: boolean; status?: string; code?: string });
        expect(out.filter((o) => o.ok), `trial ${trial}`).toEqual([{ ok: true, status: 'executed' }]);
        expect(out.filter((o) => !o.ok).map((o) => o.code), `trial ${trial}`).toEqual(['CONFLICT']);
        expect(events(s, proposal.id, 'executed'), `trial ${trial}`).toBe(1);
        expect(events(s, proposal.id, 'execution_aborted'), `trial ${trial}`).toBe(0); // the loser's recovery left the winner alone
        expect(backups(path), `trial ${trial}`).toHaveLength(trial + 1);
      }
      expect(verifyAudit(s.store, s.keys).ok).toBe(true);
    } finally {
      for (const c of pair) c.child.kill('SIGKILL');
    }
  }, 300_000);
});
