import { rmSync } from 'node:fs';
import { appendAudit } from '../audit';
import { BastionError } from '../core';
import type { InstallKeys, Store } from '../db';
import type { ActionArgs, ActionName } from './catalog';
import { changePasswordUrl, isWritableSource } from './effects';
import { deletePlaintextExport, makeFilePrivate, openSettingsPage, undoDeviceFix } from './executors/device';
import { writeFileAtomically, renderReport } from './executors/export';
import { generateAndHold, generatePasswordText, takeGeneratedText } from './executors/generate';
import * as kdbx from './executors/kdbx';
import { scheduleClipboardClear } from './clipboard';
import type { ExecutionPorts, FindingKind, ItemRef } from './ports';
import { getProposal, recordProposal, updateProposal, type ProposalRecord } from './proposals';

// The gate: the ONLY code that executes an action. Callers (createProposal for policy-allowed proposals,
// confirmProposal for confirmed ones) have already decided; the gate only acts and records.
// File writes are ordered for crash safety: intent record (committed) → backup → temp → rename → done record.
// `recoverInterrupted` completes or aborts an execution a crash left between the intent and the done record.

export interface VaultSecrets {
  vaultPassword?: string;
  keyFile?: Uint8Array;
}

type Actor = 'user' | 'policy';

function refOrThrow(store: Store, ports: ExecutionPorts, itemId: string): ItemRef {
  const ref = ports.vault.getItemRef(store, itemId);
  if (!ref) throw new BastionError('NOT_FOUND', `Vault item ${itemId} no longer exists.`);
  return ref;
}

function finish(store: Store, keys: InstallKeys, p: ProposalRecord, actor: Actor, result: Record<string, unknown>, undo: unknown, now: number): ProposalRecord {
  store.db.transaction(() => {
    updateProposal(store, p.id, { status: 'executed', result, undo: undo ?? null, now });
    appendAudit(store, keys, { actor, event: 'executed', action: p.action, proposalId: p.id, outcome: 'ok', detail: result }, now);
  })();
  return getProposal(store, p.id)!;
}

function fail(store: Store, keys: InstallKeys, p: ProposalRecord, actor: Actor, e: unknown, now: number): never {
  const message = e instanceof Error ? e.message : String(e);
  // A wrong or missing database password leaves the proposal pending: the user may confirm again.
  const retryable = e instanceof BastionError && (e.code === 'WRONG_PASSWORD' || e.code === 'CONFIRMATION_REQUIRED');
  store.db.transaction(() => {
    if (!retryable) updateProposal(store, p.id, { status: 'failed', result: { error: message }, now });
    appendAudit(store, keys, { actor, event: 'execution_failed', action: p.action, proposalId: p.id, outcome: 'failed', reason: message }, now);
  })();
  throw e instanceof BastionError ? e : new BastionError('INTERNAL', message, { cause: e });
}

interface FilePlan {
  path: string;
  bytes: Uint8Array;
  backup: string | null;
  result: Record<string, unknown>;
  undo: Record<string, unknown> | null;
}

/** intent → file → done. `undoing` switches the events and statuses to the undo flavour. */
function writeWithIntent(store: Store, keys: InstallKeys, p: ProposalRecord, actor: Actor, plan: FilePlan, ports: ExecutionPorts, undoing: boolean): ProposalRecord {
  const now = ports.now?.() ?? Date.now();
  const detail = { path: plan.path, beforeHash: kdbx.sha256File(plan.path), afterHash: kdbx.sha256Bytes(plan.bytes), backup: plan.backup, result: plan.result, undo: plan.undo };
  store.db.transaction(() => {
    updateProposal(store, p.id, { status: undoing ? 'undoing' : 'executing', now });
    appendAudit(store, keys, { actor, event: undoing ? 'undo_started' : 'execution_started', action: p.action, proposalId: p.id, detail }, now);
  })();
  ports.onStep?.('intent-recorded');
  try {
    if (plan.backup) kdbx.replaceFileAtomically(plan.path, plan.bytes, plan.backup, ports.onStep);
    else writeFileAtomically(plan.path, Buffer.from(plan.bytes).toString('utf8'));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    store.db.transaction(() => {
      updateProposal(store, p.id, { status: undoing ? 'executed' : 'failed', now });
      appendAudit(store, keys, { actor, event: undoing ? 'undo_failed' : 'execution_failed', action: p.action, proposalId: p.id, outcome: 'failed', reason: message }, now);
    })();
    throw e instanceof BastionError ? e : new BastionError('INTERNAL', message, { cause: e });
  }
  store.db.transaction(() => {
    if (undoing) updateProposal(store, p.id, { status: 'undone', now });
    else updateProposal(store, p.id, { status: 'executed', result: plan.result, undo: plan.undo, now });
    appendAudit(store, keys, { actor, event: undoing ? 'undone' : 'executed', action: p.action, proposalId: p.id, outcome: 'ok', detail: plan.result }, now);
  })();
  ports.onStep?.('done-recorded');
  return getProposal(store, p.id)!;
}

export async function execute(store: Store, keys: InstallKeys, p: ProposalRecord, ports: ExecutionPorts, actor: Actor, secrets: VaultSecrets = {}): Promise<ProposalRecord> {
  const now = ports.now?.() ?? Date.now();
  const action = p.action as ActionName;
  try {
    switch (action) {
      case 'generate_password': {
        const g = generateAndHold(p.args as ActionArgs<'generate_password'>, now);
        return finish(store, keys, p, actor, { generatedId: g.id, bits: g.bits, length: g.length, kind: g.kind }, null, now);
      }
      case 'copy_to_clipboard': {
        const { generatedId } = p.args as ActionArgs<'copy_to_clipboard'>;
        const text = takeGeneratedText(generatedId, now);
        if (text === null) throw new BastionError('NOT_FOUND', `Generated password ${generatedId} has expired; generate a new one.`);
        if (!ports.clipboard) throw new BastionError('UNSUPPORTED', 'No clipboard is available here (install xclip, wl-clipboard or use the desktop app).');
        await ports.clipboard.write(text);
        const clearMs = ports.clipboardClearMs ?? 30_000;
        scheduleClipboardClear(ports.clipboard, text, clearMs);
        return finish(store, keys, p, actor, { generatedId, clearsAfterMs: clearMs }, null, now);
      }
      case 'open_change_password_page': {
        const ref = refOrThrow(store, ports, (p.args as ActionArgs<'open_change_password_page'>).itemId);
        const url = changePasswordUrl(ref);
        if (!url) throw new BastionError('UNSUPPORTED', `"${ref.title}" has no http(s) URL to open.`);
        if (!ports.openExternal) throw new BastionError('UNSUPPORTED', 'Opening a browser is not available here.');
        await ports.openExternal(url.href);
        return finish(store, keys, p, actor, { url: url.href }, null, now);
      }
      case 'rotate_password': {
        const args = p.args as ActionArgs<'rotate_password'>;
        const ref = refOrThrow(store, ports, args.itemId);
        if (!isWritableSource(ref)) return guidedRotation(store, keys, p, actor, ref, args, ports, now);
        const db = await kdbx.openKdbx(ref.sourcePath, needPassword(secrets), secrets.keyFile);
        const entry = kdbx.findEntry(db, ref.externalId);
        if (!entry) throw new BastionError('CONFLICT', `The entry "${ref.title}" is no longer in ${ref.sourcePath}; re-import the vault.`);
        const newPassword = generatePasswordText({ length: args.length ?? 20 }).text;
        const historyIndex = kdbx.rotateEntry(entry, newPassword);
        const bytes = await kdbx.saveKdbx(db);
        const backup = kdbx.backupPath(ref.sourcePath, now);
        return writeWithIntent(store, keys, p, actor, { path: ref.sourcePath, bytes, backup, result: { path: ref.sourcePath, backup, entry: entry.uuid.id, historyIndex }, undo: { path: ref.sourcePath, entry: entry.uuid.id, historyIndex } }, ports, false);
      }
      case 'move_to_recycle_bin': {
        const ref = refOrThrow(store, ports, (p.args as ActionArgs<'move_to_recycle_bin'>).itemId);
        if (!isWritableSource(ref)) throw new BastionError('UNSUPPORTED', `${ref.format} exports cannot be written; delete "${ref.title}" in your password manager.`);
        const db = await kdbx.openKdbx(ref.sourcePath, needPassword(secrets), secrets.keyFile);
        const entry = kdbx.findEntry(db, ref.externalId);
        if (!entry) throw new BastionError('CONFLICT', `The entry "${ref.title}" is no longer in ${ref.sourcePath}; re-import the vault.`);
        const { fromGroup } = kdbx.recycleEntry(db, entry);
        const bytes = await kdbx.saveKdbx(db);
        const backup = kdbx.backupPath(ref.sourcePath, now);
        return writeWithIntent(store, keys, p, actor, { path: ref.sourcePath, bytes, backup, result: { path: ref.sourcePath, backup, entry: entry.uuid.id }, undo: { path: ref.sourcePath, entry: entry.uuid.id, fromGroup } }, ports, false);
      }
      case 'export_report': {
        const args = p.args as ActionArgs<'export_report'>;
        const text = renderReport(ports.vault.buildReport(store), args.format, new Date(now));
        return writeWithIntent(store, keys, p, actor, { path: args.path, bytes: Buffer.from(text, 'utf8'), backup: null, result: { path: args.path, format: args.format, bytes: Buffer.byteLength(text) }, undo: null }, ports, false);
      }
      case 'snooze_finding':
      case 'mark_resolved': {
        const args = p.args as ActionArgs<'snooze_finding'> | ActionArgs<'mark_resolved'>;
        return store.db.transaction(() => {
          if (action === 'snooze_finding') ports.vault.snoozeFinding(store, args.kind, args.itemIds, now + (args as ActionArgs<'snooze_finding'>).days * 86_400_000);
          else ports.vault.markResolved(store, args.kind, args.itemIds);
          return finish(store, keys, p, actor, { kind: args.kind, items: args.itemIds.length }, { kind: args.kind, itemIds: args.itemIds }, now);
        })();
      }
      case 'fix_file_permissions': {
        const r = makeFilePrivate(ports, p.args as ActionArgs<'fix_file_permissions'>);
        return finish(store, keys, p, actor, r.result, r.undo, now);
      }
      case 'delete_plaintext_export': {
        const r = await deletePlaintextExport(ports, p.args as ActionArgs<'delete_plaintext_export'>);
        return finish(store, keys, p, actor, r.result, r.undo, now);
      }
      case 'open_settings_page': {
        const r = await openSettingsPage(ports, p.args as ActionArgs<'open_settings_page'>);
        return finish(store, keys, p, actor, r.result, null, now);
      }
      default:
        action satisfies never;
        throw new BastionError('INTERNAL', `No executor for ${String(action)}.`);
    }
  } catch (e) {
    const current = getProposal(store, p.id);
    if (current && (current.status === 'executed' || current.status === 'failed')) throw e;
    return fail(store, keys, p, actor, e, now);
  }
}

function needPassword(secrets: VaultSecrets): string {
  if (secrets.vaultPassword === undefined) throw new BastionError('CONFIRMATION_REQUIRED', 'Writing to a KeePass file needs its database password (--password-env VAR).');
  return secrets.vaultPassword;
}

/** Non-writable sources: generate now, and propose the next steps (each confirmed on its own). */
function guidedRotation(store: Store, keys: InstallKeys, p: ProposalRecord, actor: Actor, ref: ItemRef, args: ActionArgs<'rotate_password'>, ports: ExecutionPorts, now: number): ProposalRecord {
  const g = generateAndHold({ length: args.length ?? 20 }, now);
  const prov = { ...p.provenance, parentId: p.id };
  const copy = recordProposal(store, { action: 'copy_to_clipboard', args: { generatedId: g.id } }, prov, { keys, vault: ports.vault, now });
  const open = recordProposal(store, { action: 'open_change_password_page', args: { itemId: ref.id } }, prov, { keys, vault: ports.vault, now });
  const steps = [
    `1. Generated a ${g.length}-character password (${g.id}, held in memory for 10 minutes).`,
    `2. Confirm ${copy.proposal.id} to copy it to the clipboard.`,
    `3. Confirm ${open.proposal.id} to open the change-password page; change it there and in your password manager.`,
    `4. Then: bastion propose mark_resolved --args '{"kind":"weak","itemIds":["${ref.id}"]}' (or the finding kind it had).`,
  ];
  return finish(store, keys, p, actor, { guided: true, generatedId: g.id, steps, next: [copy.proposal.id, open.proposal.id] }, null, now);
}

export async function undo(store: Store, keys: InstallKeys, p: ProposalRecord, ports: ExecutionPorts, secrets: VaultSecrets = {}): Promise<ProposalRecord> {
  const now = ports.now?.() ?? Date.now();
  const action = p.action as ActionName;
  const u = p.undo;
  if (p.status !== 'executed' || !u) throw new BastionError('CONFLICT', `Proposal ${p.id} (${p.status}) has nothing to undo.`);
  switch (action) {
    case 'snooze_finding':
    case 'mark_resolved':
      store.db.transaction(() => {
        ports.vault.clearFindingState(store, u.kind as FindingKind, u.itemIds as string[]);
        updateProposal(store, p.id, { status: 'undone', now });
        appendAudit(store, keys, { actor: 'user', event: 'undone', action, proposalId: p.id, outcome: 'ok' }, now);
      })();
      return getProposal(store, p.id)!;
    case 'rotate_password':
    case 'move_to_recycle_bin': {
      const path = String(u.path);
      const db = await kdbx.openKdbx(path, needPassword(secrets), secrets.keyFile);
      const entry = kdbx.findEntry(db, String(u.entry));
      if (!entry) throw new BastionError('CONFLICT', `The entry is no longer in ${path}; restore the backup instead.`);
      if (action === 'rotate_password') kdbx.restoreFromHistory(entry, Number(u.historyIndex));
      else kdbx.restoreEntry(db, entry, String(u.fromGroup));
      const bytes = await kdbx.saveKdbx(db);
      const backup = kdbx.backupPath(path, now);
      return writeWithIntent(store, keys, p, 'user', { path, bytes, backup, result: { path, backup, undone: true }, undo: null }, ports, true);
    }
    case 'fix_file_permissions':
    case 'delete_plaintext_export': {
      const result = undoDeviceFix(ports, action, u);
      store.db.transaction(() => {
        updateProposal(store, p.id, { status: 'undone', now });
        appendAudit(store, keys, { actor: 'user', event: 'undone', action, proposalId: p.id, outcome: 'ok', detail: result }, now);
      })();
      return getProposal(store, p.id)!;
    }
    case 'generate_password':
    case 'copy_to_clipboard':
    case 'open_change_password_page':
    case 'export_report':
    case 'open_settings_page':
      throw new BastionError('UNSUPPORTED', `${action} cannot be undone.`);
    default:
      action satisfies never;
      throw new BastionError('INTERNAL', 'unreachable');
  }
}

/** After a crash: finish executions whose file change landed, abort those whose change did not. */
export function recoverInterrupted(store: Store, keys: InstallKeys, now = Date.now()): { completed: string[]; aborted: string[] } {
  const completed: string[] = [];
  const aborted: string[] = [];
  const stuck = store.db.prepare<{ id: string; status: string; action: string }>("select id, status, action from proposals where status in ('executing', 'undoing')").all();
  for (const s of stuck) {
    const undoing = s.status === 'undoing';
    const intent = store.db
      .prepare<{ body: string }>('select body from audit_log where proposal_id = ? and event = ? order by seq desc limit 1')
      .get(s.id, undoing ? 'undo_started' : 'execution_started');
    const detail = intent ? ((JSON.parse(intent.body) as { detail?: Record<string, unknown> }).detail ?? {}) : {};
    const path = String(detail.path ?? '');
    const landed = path !== '' && kdbx.sha256File(path) === detail.afterHash;
    if (path) rmSync(kdbx.tempPath(path), { force: true });
    store.db.transaction(() => {
      if (landed) {
        if (undoing) updateProposal(store, s.id, { status: 'undone', now });
        else updateProposal(store, s.id, { status: 'executed', result: detail.result ?? {}, undo: detail.undo ?? null, now });
        appendAudit(store, keys, { actor: 'system', event: undoing ? 'undone' : 'executed', action: s.action, proposalId: s.id, outcome: 'ok', reason: 'recovered after a crash: the file change had landed', detail: detail.result }, now);
        completed.push(s.id);
      } else {
        updateProposal(store, s.id, { status: undoing ? 'executed' : 'failed', now });
        appendAudit(store, keys, { actor: 'system', event: undoing ? 'undo_failed' : 'execution_aborted', action: s.action, proposalId: s.id, outcome: 'aborted', reason: 'recovered after a crash: the file was not changed' }, now);
        aborted.push(s.id);
      }
    })();
  }
  return { completed, aborted };
}
