import { basename } from 'node:path';
import type { Store } from '../db';
import { BastionError } from '../core';
import { FINDING_TITLES, isFindingKind, itemIdsOf as idsIn } from '../vocabulary';
import { ACTION_INFO, type ActionArgs, type ActionName } from './catalog';
import { displayPath, inspectTarget, replacementNote } from './file-target';
import type { ItemRef, VaultAccess } from './ports';

// What a proposal will do, in words a user can check: which item, which field, which URL, which file.

/** KDBX sources can be written; exports (Bitwarden, 1Password, browser CSV) cannot — they get a guided rotation. */
export function isWritableSource(ref: ItemRef): boolean {
  return ref.format === 'kdbx';
}

/**
 * The change-password page for an item: `/.well-known/change-password` (W3C) on the origin of the item's first
 * http(s) URL. Only the item's own URLs are considered — never text from notes or from the model.
 */
export function changePasswordUrl(ref: ItemRef): URL | null {
  for (const raw of ref.urls) {
    let u: URL;
    try {
      u = new URL(raw.includes('://') ? raw : `https://${raw}`);
    } catch {
      continue;
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') continue;
    if (!u.hostname || u.username || u.password) continue;
    return new URL('/.well-known/change-password', u.origin);
  }
  return null;
}

/** Non-ASCII (punycode) labels can imitate another site: the dialog says so. */
export function lookalikeWarning(url: URL): string | null {
  return url.hostname.split('.').some((l) => l.startsWith('xn--'))
    ? ` Warning: ${url.hostname} contains non-Latin look-alike characters; check it is the site you expect.`
    : null;
}

/** An item as a person knows it (its title and username, never its internal id); vault text is untrusted, so a
 * title carrying a newline or an ANSI escape is shown escaped and cannot redraw the prompt. */
function itemLabel(ref: ItemRef | null, _id: string): string {
  return ref ? `"${displayPath(ref.title)}"${ref.username ? ` (${displayPath(ref.username)})` : ''}` : 'an entry that is no longer in the vault';
}

function kindWords(kind: string): string {
  return isFindingKind(kind) ? FINDING_TITLES[kind].one.toLowerCase() : kind;
}

export interface EffectContext {
  store: Store;
  vault: VaultAccess;
  /** Seconds before a copied password is cleared (the user's setting; default 30). */
  clipboardClearSeconds?: number;
}

export function describeEffect(proposal: { action: ActionName; args: Record<string, unknown> }, ctx: EffectContext): string {
  const ref = (id: string) => ctx.vault.getItemRef(ctx.store, id);
  const action = proposal.action;
  switch (action) {
    case 'generate_password': {
      const a = proposal.args as ActionArgs<'generate_password'>;
      return a.words !== undefined
        ? `Generate a ${a.words}-word passphrase in memory (not saved anywhere).`
        : `Generate a ${a.length ?? 20}-character password${a.symbols === false ? ' without symbols' : ''} in memory (not saved anywhere).`;
    }
    case 'copy_to_clipboard': {
      return `Copy the generated password to the clipboard; it is cleared after ${ctx.clipboardClearSeconds ?? 30} seconds if still there.`;
    }
    case 'open_change_password_page': {
      const a = proposal.args as ActionArgs<'open_change_password_page'>;
      const r = ref(a.itemId);
      const url = r ? changePasswordUrl(r) : null;
      if (!url) return `Open the change-password page of ${itemLabel(r, a.itemId)} — but it has no http(s) URL, so nothing can be opened.`;
      return `Open ${url.href} in your browser (the change-password page of ${itemLabel(r, a.itemId)}).${lookalikeWarning(url) ?? ''}`;
    }
    case 'rotate_password': {
      const a = proposal.args as ActionArgs<'rotate_password'>;
      const r = ref(a.itemId);
      if (r && !isWritableSource(r)) {
        return `Guided rotation for ${itemLabel(r, a.itemId)}: ${r.format} exports cannot be written, so Bastion will generate a ${a.length ?? 20}-character password, then propose copying it and opening the change-password page; you change it on the site and in your password manager, then mark the finding resolved.`;
      }
      return `Replace the Password field of ${itemLabel(r, a.itemId)} in ${r ? displayPath(r.sourcePath) : 'its KeePass file'} with a new ${a.length ?? 20}-character password. A backup copy is written first and the old password is kept in the entry's KeePass history (undo restores it).`;
    }
    case 'move_to_recycle_bin': {
      const a = proposal.args as ActionArgs<'move_to_recycle_bin'>;
      const r = ref(a.itemId);
      return `Move the entry ${itemLabel(r, a.itemId)} to the recycle bin of ${r ? displayPath(r.sourcePath) : 'its KeePass file'} (a backup copy is written first; undo moves it back). Type the entry title to confirm.`;
    }
    case 'export_report': {
      const a = proposal.args as ActionArgs<'export_report'>;
      const head = `Write the findings report as ${a.format.toUpperCase()} to ${displayPath(a.path)} (titles, finding kinds and reasons only; no passwords).`;
      // Described as things stand now (at the prompt, not when proposed): a file may have appeared since.
      try {
        return head + replacementNote(inspectTarget(ctx.store, a.path).existing);
      } catch (e) {
        if (e instanceof BastionError) return `${head} It will be refused: ${e.message}`;
        throw e;
      }
    }
    case 'snooze_finding': {
      const a = proposal.args as ActionArgs<'snooze_finding'>;
      return `Hide the "${kindWords(a.kind)}" finding for ${a.itemIds.map((id) => itemLabel(ref(id), id)).join(', ')} for ${a.days} days.`;
    }
    case 'mark_resolved': {
      const a = proposal.args as ActionArgs<'mark_resolved'>;
      return `Mark the "${kindWords(a.kind)}" finding resolved for ${a.itemIds.map((id) => itemLabel(ref(id), id)).join(', ')}.`;
    }
    case 'fix_file_permissions': {
      const a = proposal.args as ActionArgs<'fix_file_permissions'>;
      return `Make ${displayPath(a.path)} readable and writable by you only (mode 600); undo puts the old permissions back.`;
    }
    case 'delete_plaintext_export': {
      const a = proposal.args as ActionArgs<'delete_plaintext_export'>;
      return (a.mode ?? 'trash') === 'trash'
        ? `Move ${displayPath(a.path)} — a plain-text vault export holding every password in it — to the trash (undo puts it back). Type the file name to confirm.`
        : `Overwrite ${displayPath(a.path)} — a plain-text vault export — with random bytes and delete it. This cannot be undone, and on SSDs and copy-on-write file systems old copies may survive elsewhere on the disk. Type the file name to confirm.`;
    }
    case 'open_settings_page': {
      const a = proposal.args as ActionArgs<'open_settings_page'>;
      return `Open the system settings for ${a.checkId.replace(/_/g, ' ')} (or show the command to run yourself); Bastion changes nothing itself.`;
    }
    default:
      action satisfies never;
      throw new BastionError('INTERNAL', `No effect text for ${String(action)}.`);
  }
}

/**
 * What a person types to confirm a destructive action: the entry's title, or the file's name for a file deletion.
 * Null when there is nothing to type it against (the entry is gone).
 */
export function typedConfirmationText(proposal: { action: ActionName; args: Record<string, unknown> }, ref: ItemRef | null): string | null {
  if (proposal.action === 'delete_plaintext_export') return typeof proposal.args.path === 'string' ? basename(proposal.args.path) : null;
  return ref?.title ?? null;
}

/** The file an action writes (its `path` argument), or null: every such target goes through inspectTarget. */
export function fileTargetOf(proposal: { action: ActionName; args: Record<string, unknown> }): string | null {
  return ACTION_INFO[proposal.action].writesFile && typeof proposal.args.path === 'string' ? proposal.args.path : null;
}

/** The vault item ids a request names (for existence checks and batch size). */
export function itemIdsOf(proposal: { action: ActionName; args: Record<string, unknown> }): string[] {
  return idsIn(proposal.args);
}
