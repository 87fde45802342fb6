import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../audit';
import { BastionError } from '../core';
import { buildReport } from '../vault';
import { changePasswordUrl, describeEffect } from './effects';
import { neutraliseCsvCell, reportToCsv } from './executors/export';
import { generatePasswordText } from './executors/generate';
import { entryPassword, entryTitle, findEntry, openKdbx } from './executors/kdbx';
import { WORDS } from './executors/wordlist';
import { confirmProposal, createProposal, undoAction, type ItemRef } from './index';
import { getProposal } from './proposals';
import { clipboardClearsSettled } from './clipboard';
import { FIXTURE_ITEMS, importBitwarden, importKdbx, KDBX_PASSWORD, memoryClipboard, scratchStore, vaultAccess, type Scratch } from './testing';
import type { ExecutionPorts } from './ports';

let s: Scratch;
let opened: string[];
let clip: ReturnType<typeof memoryClipboard>;
let ports: ExecutionPorts;
beforeEach(() => {
  s = scratchStore();
  opened = [];
  clip = memoryClipboard();
  ports = { vault: vaultAccess, clipboard: clip, openExternal: async (u) => void opened.push(u), clipboardClearMs: 10 };
});
afterEach(() => s.cleanup());

async function propose(request: unknown) {
  return (await createProposal(s.store, request, { actor: 'user' }, { keys: s.keys, ports })).proposal;
}
async function proposeAndConfirm(request: unknown, extra: { typedTitle?: string; vaultPassword?: string } = {}) {
  const p = await propose(request);
  expect(p.status).toBe('pending');
  return confirmProposal(s.store, s.keys, { id: p.id, argsHash: p.argsHash, ...extra }, ports);
}

describe('generate_password', () => {
  it('makes passwords of the asked length with every class, and passphrases from the built-in list', () => {
    for (let i = 0; i < 50; i++) {
      const { text } = generatePasswordText({ length: 16 });
      expect(text).toHaveLength(16);
      expect(text).toMatch(/[a-z]/);
      expect(text).toMatch(/[A-Z]/);
      expect(text).toMatch(/[0-9]/);
      expect(text).toMatch(/[^A-Za-z0-9]/);
    }
    expect(generatePasswordText({ length: 30, symbols: false }).text).toMatch(/^[A-Za-z0-9]{30}$/);
    const words = generatePasswordText({ words: 6 });
    expect(words.text.split('-').every((w) => WORDS.includes(w))).toBe(true);
    expect(words.bits).toBeCloseTo(66, 5);
    expect(new Set(WORDS).size).toBe(2048);
    const many = new Set(Array.from({ length: 200 }, () => generatePasswordText({ length: 12 }).text));
    expect(many.size).toBe(200);
  });

  it('holds the result in memory by id; nothing of it reaches the database', async () => {
    const p = await propose({ action: 'generate_password', args: { length: 40 } });
    const { takeGeneratedText } = await import('./executors/generate');
    const text = takeGeneratedText(String(p.result?.generatedId))!;
    expect(text).toHaveLength(40);
    s.store.close();
    const db = readFileSync(join(s.dir, 'data', 'bastion.db')).toString('latin1');
    expect(db).not.toContain(text);
    s.store = (await import('../db')).openStore({ dataDir: join(s.dir, 'data') });
  });
});

describe('copy_to_clipboard', () => {
  it('copies after confirmation and clears only if the clipboard still holds our value', async () => {
    const gen = await propose({ action: 'generate_password', args: { length: 20 } });
    const done = await proposeAndConfirm({ action: 'copy_to_clipboard', args: { generatedId: gen.result!.generatedId } });
    expect(done.status).toBe('executed');
    const value = clip.writes[0]!;
    expect(value).toHaveLength(20);
    await clipboardClearsSettled();
    expect(clip.value).toBe('');

    await proposeAndConfirm({ action: 'copy_to_clipboard', args: { generatedId: gen.result!.generatedId } });
    clip.value = 'something the user copied since';
    await clipboardClearsSettled();
    expect(clip.value).toBe('something the user copied since');
  });
});

describe('open_change_password_page', () => {
  const ref = (urls: string[]): ItemRef => ({ id: 'it_x', title: 't', username: null, urls, kind: 'login', group: null, sourceId: 's', sourcePath: '/p', format: 'kdbx', externalId: 'e' });

  it('uses /.well-known/change-password on the origin of the item\'s own http(s) URL only', () => {
    expect(changePasswordUrl(ref(['https://mail.example.org/login?x=1']))?.href).toBe('https://mail.example.org/.well-known/change-password');
    expect(changePasswordUrl(ref(['javascript:alert(1)', 'ftp://x.example', 'http://forum.example.net/a']))?.href).toBe('http://forum.example.net/.well-known/change-password');
    expect(changePasswordUrl(ref(['https://user:pw@evil.example/']))).toBeNull();
    expect(changePasswordUrl(ref(['file:///etc/passwd']))).toBeNull();
    expect(changePasswordUrl(ref([]))).toBeNull();
  });

  it('opens the page of the vault item, and warns about look-alike (punycode) hosts', async () => {
    const { refs } = await importKdbx(s);
    const mail = refs.get('kdbx:Mail')!;
    const done = await proposeAndConfirm({ action: 'open_change_password_page', args: { itemId: mail.id } });
    expect(done.status).toBe('executed');
    expect(opened).toEqual(['https://mail.example.org/.well-known/change-password']);
    const shop = refs.get('kdbx:Shop')!;
    expect(describeEffect({ action: 'open_change_password_page', args: { itemId: shop.id } }, { store: s.store, vault: vaultAccess })).toMatch(/look-alike/);
  });
});

describe('export_report', () => {
  it('neutralises formula cells', () => {
    for (const bad of ['=HYPERLINK("http://evil")', '+1+1', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseCsvCell(bad).replace(/^"/, '')).toMatch(/^'/);
    expect(neutraliseCsvCell('plain')).toBe('plain');
    expect(neutraliseCsvCell('a,b')).toBe('"a,b"');
    const csv = reportToCsv({ counts: { items: 1, logins: 1 }, score: 0, excluded: [], findings: [{ kind: 'weak', severity: 'high', reason: 'r', items: [{ id: 'it_1', title: '=cmd|calc' }] }] });
    expect(csv).toContain(`"'=cmd|calc"`);
  });

  it('writes CSV/HTML/JSON after confirmation, with titles but never a password', async () => {
    await importKdbx(s, [...FIXTURE_ITEMS, { id: 'a5', kind: 'login', title: '=HYPERLINK("http://x")', username: 'u', password: 'CANARY-pw-123', urls: ['http://x.example'] }]);
    for (const format of ['csv', 'html', 'json'] as const) {
      const path = join(s.dir, `report.${format}`);
      const done = await proposeAndConfirm({ action: 'export_report', args: { format, path } });
      expect(done.status).toBe('executed');
      const text = readFileSync(path, 'utf8');
      expect(text).toContain('Mail');
      expect(text).not.toContain('CANARY-pw-123');
      expect(text).not.toContain('password1');
      if (format === 'csv') expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
      if (format === 'html') expect(text).not.toContain('<td>=HYPERLINK("http');
    }
    expect(readdirSync(s.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('snooze_finding / mark_resolved', () => {
  it('change finding state at once (local state, audited) and undo clears it', async () => {
    const { refs } = await importKdbx(s);
    const id = refs.get('kdbx:Shop')!.id;
    const isOpen = () => buildReport(s.store).findings.some((f) => f.kind === 'weak' && f.items.some((i) => i.id === id));
    expect(isOpen()).toBe(true);
    const p = await propose({ action: 'snooze_finding', args: { kind: 'weak', itemIds: [id], days: 7 } });
    expect(p.status).toBe('executed');
    expect(isOpen()).toBe(false);
    await undoAction(s.store, s.keys, { id: p.id }, ports);
    expect(isOpen()).toBe(true);
    const m = await propose({ action: 'mark_resolved', args: { kind: 'weak', itemIds: [id] } });
    expect(isOpen()).toBe(false);
    expect((await undoAction(s.store, s.keys, { id: m.id }, ports)).status).toBe('undone');
    expect(isOpen()).toBe(true);
    expect(listAudit(s.store).filter((r) => r.event === 'undone')).toHaveLength(2);
  });
});

describe('KDBX executors', { timeout: 120_000 }, () => {
  it('rotate_password: backup first, old password into history, undo restores it (re-opened with kdbxweb)', async () => {
    const { path, refs } = await importKdbx(s);
    const mail = refs.get('kdbx:Mail')!;
    const p = await propose({ action: 'rotate_password', args: { itemId: mail.id, length: 24 } });
    // Without the database password nothing happens and the proposal stays pending.
    await expect(confirmProposal(s.store, s.keys, { id: p.id, argsHash: p.argsHash }, ports)).rejects.toBeInstanceOf(BastionError);
    await expect(confirmProposal(s.store, s.keys, { id: p.id, argsHash: p.argsHash, vaultPassword: 'wrong' }, ports)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(getProposal(s.store, p.id)!.status).toBe('pending');

    const done = await confirmProposal(s.store, s.keys, { id: p.id, argsHash: p.argsHash, vaultPassword: KDBX_PASSWORD }, ports);
    expect(done.status).toBe('executed');
    expect(existsSync(String(done.result?.backup))).toBe(true);
    let db = await openKdbx(path, KDBX_PASSWORD);
    let entry = findEntry(db, mail.externalId)!;
    const rotated = entryPassword(entry);
    expect(rotated).toHaveLength(24);
    expect(rotated).not.toBe('password1');
    expect(entry.history.map(entryPassword)).toContain('password1');
    const backup = await openKdbx(String(done.result?.backup), KDBX_PASSWORD);
    expect(entryPassword(findEntry(backup, mail.externalId)!)).toBe('password1');
    // The new password is in the KDBX only: not in the audit log or the proposal row.
    expect(JSON.stringify(listAudit(s.store))).not.toContain(rotated);

    const undone = await undoAction(s.store, s.keys, { id: p.id, vaultPassword: KDBX_PASSWORD }, ports);
    expect(undone.status).toBe('undone');
    db = await openKdbx(path, KDBX_PASSWORD);
    entry = findEntry(db, mail.externalId)!;
    expect(entryPassword(entry)).toBe('password1');
    expect(entry.history.map(entryPassword)).toContain(rotated);
    expect(verifyAudit(s.store, s.keys).ok).toBe(true);
  });

  it('move_to_recycle_bin: typed title required; undo moves the entry back', async () => {
    const { path, refs } = await importKdbx(s);
    const bank = refs.get('kdbx:Bank')!;
    const p = await propose({ action: 'move_to_recycle_bin', args: { itemId: bank.id } });
    await expect(confirmProposal(s.store, s.keys, { id: p.id, argsHash: p.argsHash, typedTitle: 'bank', vaultPassword: KDBX_PASSWORD }, ports)).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    const done = await confirmProposal(s.store, s.keys, { id: p.id, argsHash: p.argsHash, typedTitle: 'Bank', vaultPassword: KDBX_PASSWORD }, ports);
    expect(done.status).toBe('executed');
    let db = await openKdbx(path, KDBX_PASSWORD);
    let entry = findEntry(db, bank.externalId)!;
    expect(entry.parentGroup?.uuid.equals(db.meta.recycleBinUuid!)).toBe(true);
    expect(entryTitle(entry)).toBe('Bank');
    await undoAction(s.store, s.keys, { id: p.id, vaultPassword: KDBX_PASSWORD }, ports);
    db = await openKdbx(path, KDBX_PASSWORD);
    entry = findEntry(db, bank.externalId)!;
    expect(entry.parentGroup?.name).toBe('Finance');
  });

  it('recycle bin is refused for a non-writable source', async () => {
    const { refs } = await importBitwarden(s);
    const bank = refs.get('bitwarden-json:Bank')!;
    const p = await propose({ action: 'move_to_recycle_bin', args: { itemId: bank.id } });
    await expect(confirmProposal(s.store, s.keys, { id: p.id, argsHash: p.argsHash, typedTitle: 'Bank' }, ports)).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    expect(getProposal(s.store, p.id)!.status).toBe('failed');
  });
});
