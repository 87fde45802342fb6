import type { Store } from '../db';
import { BastionError } from '../core';
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

/** Vault text is untrusted: a title carrying a newline or an ANSI escape must not be able to redraw the prompt. */
function itemLabel(ref: ItemRef | null, id: string): string {
  return ref ? `"${displayPath(ref.title)}"${ref.username ? ` (${displayPath(ref.username)})` : ''} [${id}]` : `[${id}] (no longer in the vault)`;
}

export interface EffectContext {
  store: Store;
  vault: VaultAccess;
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
      const a = proposal.args as ActionArgs<'copy_to_clipboard'>;
      return `Copy generated password ${a.generatedId} to the clipboard; it is cleared after 30 seconds if still there.`;
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
      return `Hide the "${a.kind}" finding for ${a.itemIds.map((id) => itemLabel(ref(id), id)).join(', ')} for ${a.days} days.`;
    }
    case 'mark_resolved': {
      const a = proposal.args as ActionArgs<'mark_resolved'>;
      return `Mark the "${a.kind}" finding resolved for ${a.itemIds.map((id) => itemLabel(ref(id), id)).join(', ')}.`;
    }
    default:
      action satisfies never;
      throw new BastionError('INTERNAL', `No effect text for ${String(action)}.`);
  }
}

/** The file an action writes (its `path` argument), or null: every such target goes through inspectTarget. */
export function fileTargetOf(proposal: { action: ActionName; args: Record<string, unknown> }): string | null {
  return ACTION_INFO[proposal.action].writesFile && typeof proposal.args.path === 'string' ? proposal.args.path : null;
}

/** The vault item ids a request names (for existence checks and batch size). */
export function itemIdsOf(proposal: { action: ActionName; args: Record<string, unknown> }): string[] {
  const a = proposal.args;
  if (Array.isArray(a.itemIds)) return a.itemIds as string[];
  if (typeof a.itemId === 'string') return [a.itemId];
  return [];
}

export function actionTitle(action: ActionName): string {
  return ACTION_INFO[action].title;
}
