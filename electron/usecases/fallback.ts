import type { ManagedPolicyState } from '../managed';
import type { FallbackReason } from '../vocabulary';

// One field, the same everywhere, for "Bastion fell back to a safer, plainer path": answers (no model, a model output
// dropped, a locked-down policy), imports and knowledge summaries (entries or documents that could not be read) and
// the policy status. Null when nothing fell back. The CLI prints it; the app shows it; support reads it in --json.

export interface Fallback {
  reason: FallbackReason;
  /** One line for a person: what happened and what to do. */
  message: string;
}

export const fallback = (reason: FallbackReason, message: string): Fallback => ({ reason, message });

/** Several reasons at once: the first (most important) names the field, the message says all of them. */
export function combine(parts: (Fallback | null)[]): Fallback | null {
  const present = parts.filter((p): p is Fallback => p !== null);
  if (present.length === 0) return null;
  return { reason: present[0]!.reason, message: present.map((p) => p.message).join(' ') };
}

export function lockedDown(state: Pick<ManagedPolicyState, 'locked' | 'path'>): Fallback | null {
  if (!state.locked) return null;
  return fallback(
    'locked_down',
    `The managed policy ${state.path} is invalid, so Bastion runs locked down: no model downloads, only read-only actions, no chat history. An administrator fixes it with \`bastion policy check FILE\` and redeploys.`,
  );
}

/** Knowledge documents skipped because they could not be read (missing, unsupported, damaged, too large). */
export function unreadableDocuments(skipped: readonly { path: string; reason: string }[]): Fallback | null {
  if (skipped.length === 0) return null;
  const n = skipped.length;
  return fallback('document_unreadable', `${n} document${n === 1 ? ' was' : 's were'} skipped and will not be used in answers (first: ${skipped[0]!.path}: ${skipped[0]!.reason}).`);
}

/** Vault entries an import skipped (each with its reason in `skipped`). */
export function skippedEntries(summary: { skipped: readonly unknown[]; warning?: string | undefined }): Fallback | null {
  const n = summary.skipped.length;
  if (n === 0) return null;
  return fallback('entries_skipped', summary.warning ?? `${n} entr${n === 1 ? 'y was' : 'ies were'} not imported; each is listed under "skipped" with its reason.`);
}
