import { rmSync } from 'node:fs';
import { appendAudit } from '../audit';
import { BastionError } from '../core';
import { readRegularFile, type InstallKeys, type Store } from '../db';
import type { ActionArgs, ActionName } from './catalog';
import { changePasswordUrl, isWritableSource } from './effects';
import { deletePlaintextExport, makeFilePrivate, openSettingsPage, undoDeviceFix } from './executors/device';
import { displayPath, inspectTarget } from './file-target';
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
    // The claim (pending → executing) is released again: nothing ran, the user may confirm with the right password.
    if (retryable) updateProposal(store, p.id, { status: 'pending', result: null, now });
    else updateProposal(store, p.id, { status: 'failed', result: { error: message }, now });
    appendAudit(store, keys, { actor, event: 'execution_failed', action: p.action, proposalId: p.id, outcome: 'failed', reason: message }, now);
  })();
  throw e instanceof BastionError ? e : new BastionError('INTERNAL', message, { cause: e });
}

/** Who is running a claimed proposal: recovery leaves a live executor alone (it may be another process, mid-write). */
interface Executor {
  pid: number;
  at: number;
}

const CLAIMS = { execute: ['pending', 'executing'], undo: ['executed', 'undoing'] } as const;

/**
 * Execute (or undo) at most once: a compare-and-set from pending to executing (executed to undoing) inside an IMMEDIATE
 * transaction, so of two confirmations at the same moment — two processes, or a double click in one — exactly one
 * wins. `alsoRecord` runs in the same transaction for the winner only (the 'confirmed' audit record, a grant).
 * The loser gets CONFLICT.
 */
export function claim(store: Store, p: ProposalRecord, kind: keyof typeof CLAIMS, now: number, alsoRecord?: () => void): void {
  const [from, to] = CLAIMS[kind];
  const executor: Executor = { pid: process.pid, at: now };
  const won = store.db.transaction(() => {
    // The executor goes in the result column until the result replaces it (no schema change for a transient fact).
    const r = store.db.prepare('update proposals set status = ?, updated_at = ?, result = ? where id = ? and status = ?').run(to, now, JSON.stringify({ ...(kind === 'undo' ? p.result : {}), executor }), p.id, from);
    if (r.changes === 0) return false;
    alsoRecord?.();
    return true;
  })();
  if (!won) {
    const status = getProposal(store, p.id)?.status ?? 'gone';
    throw new BastionError('CONFLICT', kind === 'execute' ? `Proposal ${p.id} was already confirmed (it is ${status}); it runs at most once.` : `Proposal ${p.id} is ${status}; it can be undone once, after it ran.`);
  }
}

/** Gives a claim back when nothing was done (a pre-check failed before any effect). */
export function releaseClaim(store: Store, p: ProposalRecord, kind: keyof typeof CLAIMS, now: number): void {
  const [from, to] = CLAIMS[kind];
  store.db.prepare('update proposals set status = ?, updated_at = ?, result = ? where id = ? and status = ?').run(from, now, kind === 'undo' ? JSON.stringify(p.result) : null, p.id, to);
}

function withoutExecutor(raw: string | null): Record<string, unknown> | null {
  try {
    const { executor: _, ...rest } = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
    return Object.keys(rest).length ? rest : null;
  } catch {
    return null;
  }
}

function executorAlive(raw: string | null): boolean {
  let pid: number | undefined;
  try {
    pid = raw ? (JSON.parse(raw) as { executor?: Executor }).executor?.pid : undefined;
  } catch {
    pid = undefined;
  }
  if (typeof pid !== 'number') return false;
  if (pid === process.pid) return true; // this process is running it right now (an async execution in flight)
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
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
    else writeFileAtomically(plan.path, plan.bytes);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    store.db.transaction(() => {
      if (undoing) updateProposal(store, p.id, { status: 'executed', result: p.result, now });
      else updateProposal(store, p.id, { status: 'failed', now });
      appendAudit(store, keys, { actor, event: undoing ? 'undo_failed' : 'execution_failed', action: p.action, proposalId: p.id, outcome: 'failed', reason: message }, now);
    })();
    throw e instanceof BastionError ? e : new BastionError('INTERNAL', message, { cause: e });
  }
  store.db.transaction(() => {
    if (undoing) updateProposal(store, p.id, { status: 'undone', result: p.result, now });
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
        // Checked again now: the target may have become a FIFO, a link or a vault since it was proposed.
        const target = inspectTarget(store, args.path);
        const bytes = Buffer.from(renderReport(ports.vault.buildReport(store), args.format, new Date(now)), 'utf8');
        const backup = target.existing ? kdbx.backupPath(args.path, now) : null;
        const result = { path: args.path, format: args.format, bytes: bytes.length, replaced: target.existing, backup };
        const undo = backup ? { path: args.path, backup, afterHash: kdbx.sha256Bytes(bytes) } : null;
        return writeWithIntent(store, keys, p, actor, { path: args.path, bytes, backup, result, undo }, ports, false);
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

/** Undo at most once: claims executed → undoing first; a failure before any change gives the claim back. */
export async function undo(store: Store, keys: InstallKeys, p: ProposalRecord, ports: ExecutionPorts, secrets: VaultSecrets = {}): Promise<ProposalRecord> {
  const now = ports.now?.() ?? Date.now();
  const u = p.undo;
  if (p.status !== 'executed' || !u) throw new BastionError('CONFLICT', `Proposal ${p.id} (${p.status}) has nothing to undo.`);
  claim(store, p, 'undo', now);
  try {
    return await undoClaimed(store, keys, p, u, ports, secrets, now);
  } catch (e) {
    releaseClaim(store, p, 'undo', now); // a no-op when writeWithIntent already settled it
    throw e;
  }
}

/** Largest earlier file an export's undo puts back (it is read into memory). */
const MAX_RESTORE_BYTES = 256 * 2 ** 20;

async function undoClaimed(store: Store, keys: InstallKeys, p: ProposalRecord, u: Record<string, unknown>, ports: ExecutionPorts, secrets: VaultSecrets, now: number): Promise<ProposalRecord> {
  const action = p.action as ActionName;
  switch (action) {
    case 'snooze_finding':
    case 'mark_resolved':
      store.db.transaction(() => {
        ports.vault.clearFindingState(store, u.kind as FindingKind, u.itemIds as string[]);
        updateProposal(store, p.id, { status: 'undone', result: p.result, now });
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
    case 'export_report': {
      const path = String(u.path);
      const earlier = String(u.backup);
      inspectTarget(store, path);
      // Only the file the export wrote is put back: a report the user has changed since is theirs now.
      if (kdbx.sha256File(path) !== u.afterHash) {
        throw new BastionError('CONFLICT', `${displayPath(path)} changed after the export; the file it replaced is still at ${displayPath(earlier)}.`);
      }
      const bytes = readRegularFile(earlier, { maxBytes: MAX_RESTORE_BYTES, what: 'backup' });
      return writeWithIntent(store, keys, p, 'user', { path, bytes, backup: null, result: { path, restoredFrom: earlier, undone: true }, undo: null }, ports, true);
    }
    case 'generate_password':
    case 'copy_to_clipboard':
    case 'open_change_password_page':
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
  const stuck = store.db
    .prepare<{ id: string; status: string; action: string; result: string | null }>("select id, status, action, result from proposals where status in ('executing', 'undoing')")
    .all()
    // Another process (or this one) may be running it right now: only a dead executor's work is settled here.
    .filter((s) => !executorAlive(s.result));
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
        if (undoing) updateProposal(store, s.id, { status: 'undone', result: withoutExecutor(s.result), now });
        else updateProposal(store, s.id, { status: 'executed', result: detail.result ?? {}, undo: detail.undo ?? null, now });
        appendAudit(store, keys, { actor: 'system', event: undoing ? 'undone' : 'executed', action: s.action, proposalId: s.id, outcome: 'ok', reason: 'recovered after a crash: the file change had landed', detail: detail.result }, now);
        completed.push(s.id);
      } else {
        updateProposal(store, s.id, { status: undoing ? 'executed' : 'failed', result: withoutExecutor(s.result), now });
        appendAudit(store, keys, { actor: 'system', event: undoing ? 'undo_failed' : 'execution_aborted', action: s.action, proposalId: s.id, outcome: 'aborted', reason: 'recovered after a crash: the file was not changed' }, now);
        aborted.push(s.id);
      }
    })();
  }
  return { completed, aborted };
}
