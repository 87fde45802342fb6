import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../audit';
import { openStore } from '../db';
import { bundleScript, runChild, type Bundle } from '../reliability/child-bundle';
import { entryPassword, findEntry, openKdbx } from './executors/kdbx';
import { getProposal } from './proposals';
import { createProposal, recover } from './service';
import type { ExecutionStep } from './ports';
import { importKdbx, KDBX_PASSWORD, scratchStore, vaultAccess, type Scratch } from './testing';

// SIGKILL during an execution + audit write: after restart the chain verifies, and the vault change and its
// 'executed' audit record are either both there or both absent.

let s: Scratch | undefined;
afterEach(() => s?.cleanup());

const STEPS: ExecutionStep[] = ['intent-recorded', 'backup-written', 'temp-written', 'renamed', 'done-recorded'];

describe('crash safety of rotate_password', () => {
  it.each(STEPS)('killed at %s: audit verifies; change and record both present or both absent', async (step) => {
    s = scratchStore();
    const { path, refs } = await importKdbx(s);
    const mail = refs.get('kdbx:Mail')!;
    const { proposal } = await createProposal(s.store, { action: 'rotate_password', args: { itemId: mail.id } }, { actor: 'user' }, { keys: s.keys, vault: vaultAccess });
    const dataDir = s.store.dataDir;
    s.store.close();

    const child = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'testing-crash-child.ts'), dataDir, proposal.id, proposal.argsHash, KDBX_PASSWORD, step], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    expect(child.stdout).not.toContain('finished');

    // Restart.
    s.store = openStore({ dataDir });
    recover(s.store, s.keys);
    expect(verifyAudit(s.store, s.keys).ok).toBe(true);
    const changed = entryPassword(findEntry(await openKdbx(path, KDBX_PASSWORD), mail.externalId)!) !== 'password1';
    const recorded = listAudit(s.store, { proposalId: proposal.id }).some((r) => r.event === 'executed');
    expect(recorded).toBe(changed);
    expect(getProposal(s.store, proposal.id)!.status).toBe(changed ? 'executed' : 'failed');
    // Kills after the rename must have landed the change; kills before it must not.
    expect(changed).toBe(step === 'renamed' || step === 'done-recorded');
  }, 180_000);
});

describe('rotate_password under SIGKILL, 20 trials', () => {
  let bundle: Bundle;
  beforeAll(async () => {
    bundle = await bundleScript(join(import.meta.dirname, 'testing-crash-child.ts'));
  }, 60_000);
  afterAll(() => bundle?.cleanup());

  it('each trial leaves the old password or the new one (never a torn file), and the audit agrees', async () => {
    s = scratchStore();
    const { path, refs } = await importKdbx(s);
    const mail = refs.get('kdbx:Mail')!;
    const dataDir = s.store.dataDir;
    const password = async () => entryPassword(findEntry(await openKdbx(path, KDBX_PASSWORD), mail.externalId)!);
    for (let trial = 0; trial < 20; trial++) {
      const step = STEPS[trial % STEPS.length]!;
      const before = await password();
      const { proposal } = await createProposal(s.store, { action: 'rotate_password', args: { itemId: mail.id } }, { actor: 'user' }, { keys: s.keys, vault: vaultAccess });
      s.store.close();
      const child = await runChild(bundle, [dataDir, proposal.id, proposal.argsHash, KDBX_PASSWORD, step], { timeoutMs: 60_000 });
      expect(child.signal, `trial ${trial}: ${child.stderr}`).toBe('SIGKILL');
      s.store = openStore({ dataDir });
      recover(s.store, s.keys);
      const after = await password(); // the file always opens: old bytes or new bytes, never half of each
      const changed = after !== before;
      expect(changed, `trial ${trial} (${step})`).toBe(step === 'renamed' || step === 'done-recorded');
      expect(listAudit(s.store, { proposalId: proposal.id }).some((r) => r.event === 'executed'), `trial ${trial}`).toBe(changed);
      expect(getProposal(s.store, proposal.id)!.status).toBe(changed ? 'executed' : 'failed');
      expect(verifyAudit(s.store, s.keys).ok, `trial ${trial}`).toBe(true);
    }
  }, 300_000);
});
