import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../audit';
import { BastionError } from '../core';
import { ACTION_ARGS, ACTION_INFO, ACTION_NAMES, ProposalRequest } from './catalog';
import { confirmProposal, createProposal, rejectProposal, undoAction } from './index';
import { CONFIRMATION_TTL_MS, getProposal } from './proposals';
import { DEFAULT_ACTION_RULES } from './policy';
import { importBitwarden, importKdbx, memoryClipboard, scratchStore, vaultAccess, type Scratch } from './testing';
import type { ExecutionPorts } from './ports';

let s: Scratch;
let ports: ExecutionPorts;
beforeEach(() => {
  s = scratchStore();
  ports = { vault: vaultAccess, clipboard: memoryClipboard(), openExternal: async () => {}, clipboardClearMs: 5 };
});
afterEach(() => s.cleanup());

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return e instanceof BastionError ? e.code : `not-bastion: ${String(e)}`;
  }
}

describe('catalog', () => {
  it('every action has schema, tier and title, and the request union accepts exactly the catalog', () => {
    for (const name of ACTION_NAMES) {
      expect(ACTION_ARGS[name]).toBeDefined();
      expect(ACTION_INFO[name].title.length).toBeGreaterThan(5);
    }
    expect(ProposalRequest.safeParse({ action: 'generate_password', args: { length: 20 } }).success).toBe(true);
    expect(ProposalRequest.safeParse({ action: 'generate_password', args: { length: 6 } }).success).toBe(false);
    expect(ProposalRequest.safeParse({ action: 'generate_password', args: { length: 20, extra: 1 } }).success).toBe(false);
    expect(ProposalRequest.safeParse({ action: 'delete_everything', args: {} }).success).toBe(false);
    expect(ProposalRequest.safeParse({ action: 'open_change_password_page', args: { itemId: 'https://evil.example' } }).success).toBe(false);
    expect(ProposalRequest.safeParse({ action: 'export_report', args: { format: 'xlsx', path: '/tmp/x' } }).success).toBe(false);
  });
});

describe('createProposal: refuses, never fixes up', () => {
  it.each([
    [{ action: 'delete_everything', args: {} }, /Unknown action "delete_everything"/],
    [{ action: 'generate_password', args: { length: 4 } }, /Bad arguments for generate_password: args\.length/],
    [{ action: 'open_change_password_page', args: { itemId: 'it_doesnotexist' } }, /No such vault item: it_doesnotexist/],
    [{ action: 'copy_to_clipboard', args: { generatedId: 'gen_neverexisted' } }, /not available/],
    [{ args: {} }, /Unknown action "\(none\)"/],
    ['rm -rf /', /Unknown action/],
  ])('%j is stored as invalid with its reason and audited', async (request, reason) => {
    const { proposal } = await createProposal(s.store, request, { actor: 'model', untrusted: true }, { keys: s.keys, ports });
    expect(proposal.status).toBe('invalid');
    expect(proposal.reason).toMatch(reason);
    const audit = listAudit(s.store, { proposalId: proposal.id });
    expect(audit.map((r) => r.event)).toEqual(['proposal_invalid']);
    expect(verifyAudit(s.store, s.keys).ok).toBe(true);
  });

  it('allowed proposals run at once through the gate; the audit shows proposal, decision and execution', async () => {
    const { proposal } = await createProposal(s.store, { action: 'generate_password', args: { words: 5 } }, { actor: 'user' }, { keys: s.keys, ports });
    expect(proposal.status).toBe('executed');
    expect(String(proposal.result?.generatedId)).toMatch(/^gen_/);
    expect(listAudit(s.store, { proposalId: proposal.id }).map((r) => `${r.actor}:${r.event}`)).toEqual(['user:proposal_created', 'policy:decision', 'policy:executed']);
  });

  it('a model proposal made with vault items in context is tainted and waits, even for an allowed tier', async () => {
    const { refs } = await importKdbx(s);
    const id = refs.get('kdbx:Mail')!.id;
    const { proposal, policy } = await createProposal(s.store, { action: 'mark_resolved', args: { kind: 'weak', itemIds: [id] } }, { actor: 'model', itemIds: [id] }, { keys: s.keys, ports });
    expect(proposal.tainted).toBe(true);
    expect(proposal.status).toBe('pending');
    expect(policy?.flagged).toMatch(/untrusted/);
  });

  it('oversized batches are denied and audited', async () => {
    const ids = Array.from({ length: 11 }, (_, i) => `it_fake${String(i).padStart(4, '0')}`);
    const fake = { ...vaultAccess, getItemRef: () => ({ id: 'x', title: 't', username: null, urls: [], kind: 'login' as const, group: null, sourceId: 's', sourcePath: '/x', format: 'kdbx' as const, externalId: 'e' }) };
    const { proposal } = await createProposal(s.store, { action: 'snooze_finding', args: { kind: 'weak', itemIds: ids, days: 7 } }, { actor: 'user' }, { keys: s.keys, ports: { ...ports, vault: fake } });
    expect(proposal.status).toBe('denied');
    expect(proposal.reason).toMatch(/split/);
  });
});

describe('confirmation binding', () => {
  async function pendingExport(name = 'r.json') {
    return (await createProposal(s.store, { action: 'export_report', args: { format: 'json', path: `${s.dir}/${name}` } }, { actor: 'user' }, { keys: s.keys, ports })).proposal;
  }

  it('executes only with the exact id and args hash', async () => {
    const a = await pendingExport('a.json');
    const b = await pendingExport('b.json');
    expect(await codeOf(confirmProposal(s.store, s.keys, { id: a.id, argsHash: b.argsHash }, ports))).toBe('CONFLICT');
    expect(getProposal(s.store, a.id)!.status).toBe('pending');
    expect(getProposal(s.store, b.id)!.status).toBe('pending');
    expect(await codeOf(confirmProposal(s.store, s.keys, { id: 'pr_nope', argsHash: a.argsHash }, ports))).toBe('NOT_FOUND');
    const done = await confirmProposal(s.store, s.keys, { id: a.id, argsHash: a.argsHash }, ports);
    expect(done.status).toBe('executed');
    expect(getProposal(s.store, b.id)!.status).toBe('pending');
    // A confirmation is spent once: the same one cannot run it again.
    expect(await codeOf(confirmProposal(s.store, s.keys, { id: a.id, argsHash: a.argsHash }, ports))).toBe('CONFLICT');
  });

  it('refuses a proposal modified after it was shown (stored args changed)', async () => {
    const a = await pendingExport();
    s.store.db.prepare('update proposals set args = ? where id = ?').run(JSON.stringify({ format: 'json', path: '/etc/passwd' }), a.id);
    expect(await codeOf(confirmProposal(s.store, s.keys, { id: a.id, argsHash: a.argsHash }, ports))).toBe('CONFLICT');
  });

  it('confirmations expire', async () => {
    const a = await pendingExport();
    expect(await codeOf(confirmProposal(s.store, s.keys, { id: a.id, argsHash: a.argsHash }, ports, { now: a.createdAt + CONFIRMATION_TTL_MS + 1 }))).toBe('CONFLICT');
    expect(getProposal(s.store, a.id)!.status).toBe('expired');
  });

  it('refuses remembering where the tier or taint forbids it, and --yes unless policy allows it', async () => {
    const { refs } = await importKdbx(s);
    const id = refs.get('kdbx:Mail')!.id;
    const tainted = (await createProposal(s.store, { action: 'open_change_password_page', args: { itemId: id } }, { actor: 'model', itemIds: [id] }, { keys: s.keys, ports })).proposal;
    expect(await codeOf(confirmProposal(s.store, s.keys, { id: tainted.id, argsHash: tainted.argsHash, grant: 'always' }, ports))).toBe('BAD_INPUT');
    const a = await pendingExport();
    expect(await codeOf(confirmProposal(s.store, s.keys, { id: a.id, argsHash: a.argsHash, nonInteractive: true }, ports))).toBe('CONFIRMATION_REQUIRED');
    const ok = await confirmProposal(s.store, s.keys, { id: a.id, argsHash: a.argsHash, nonInteractive: true, grant: 'always' }, ports, { rules: { ...DEFAULT_ACTION_RULES, allowNonInteractive: true } });
    expect(ok.status).toBe('executed');
    // "always" is now remembered: the next export runs without a confirmation.
    expect((await pendingExport('c.json')).decision).toBe('allow');
  });

  it('a rejected proposal can no longer be confirmed; policy denial at confirm time is honoured', async () => {
    const a = await pendingExport();
    rejectProposal(s.store, a.id, { keys: s.keys });
    expect(await codeOf(confirmProposal(s.store, s.keys, { id: a.id, argsHash: a.argsHash }, ports))).toBe('CONFLICT');
    const b = await pendingExport('b.json');
    expect(await codeOf(confirmProposal(s.store, s.keys, { id: b.id, argsHash: b.argsHash }, ports, { rules: { ...DEFAULT_ACTION_RULES, deny: ['export_report'] } }))).toBe('POLICY_DENIED');
    expect(verifyAudit(s.store, s.keys).ok).toBe(true);
    const events = listAudit(s.store).map((r) => r.event);
    expect(events).toContain('rejected');
    expect(events).toContain('confirmation_refused');
  });

  it('undo is refused for actions that cannot be undone', async () => {
    const a = await pendingExport();
    await confirmProposal(s.store, s.keys, { id: a.id, argsHash: a.argsHash }, ports);
    expect(await codeOf(undoAction(s.store, s.keys, { id: a.id }, ports))).toBe('UNSUPPORTED');
  });

  it('guided rotation for a Bitwarden item proposes copy and open steps (each needing its own confirmation)', async () => {
    const { refs } = await importBitwarden(s);
    const ref = refs.get('bitwarden-json:Bank')!;
    const p = (await createProposal(s.store, { action: 'rotate_password', args: { itemId: ref.id } }, { actor: 'user' }, { keys: s.keys, ports })).proposal;
    const done = await confirmProposal(s.store, s.keys, { id: p.id, argsHash: p.argsHash }, ports);
    expect(done.result?.guided).toBe(true);
    const next = done.result?.next as string[];
    expect(next.map((id) => getProposal(s.store, id)!.action)).toEqual(['copy_to_clipboard', 'open_change_password_page']);
    expect(next.map((id) => getProposal(s.store, id)!.status)).toEqual(['pending', 'pending']);
  });
});
