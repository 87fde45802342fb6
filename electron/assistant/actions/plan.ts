// The deterministic request → proposal mapping: slots from the message, targets from the names it used, the
// previous answer ("the first one", "them") or the finding it names, and sensible defaults (30-day snooze, CSV, a
// dated file name in a named folder). What cannot be done gets an explanation instead of a proposal.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ActionName } from '../../permissions';
import type { Finding, FindingKind, ItemSummary, Report } from '../../vault';
import { cleanTitle } from '../facts';
import type { ActionSpec, ConversationState } from '../understanding';

export interface PlannedRequest {
  action: ActionName;
  args: Record<string, unknown>;
}

export interface Plan {
  requests: PlannedRequest[];
  /** Why nothing (or less than asked) is proposed; null when the plan is complete. */
  note: string | null;
  /** The request needs an item the message did not pin down (a model may fill it in). */
  unresolved: boolean;
  /** Findings the answer should show (finding-state requests), and the items it is about. */
  findings: Finding[];
  itemIds: string[];
  kind: FindingKind | null;
}

export interface PlanContext {
  report: () => Report;
  state: ConversationState | null;
  items: Map<string, ItemSummary>;
  maxBatch: number;
  now: Date;
  home?: string;
}

const empty = (note: string | null, extra: Partial<Plan> = {}): Plan => ({ requests: [], note, unresolved: false, findings: [], itemIds: [], kind: null, ...extra });

const localDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function expandHome(path: string, home = homedir()): string {
  return path === '~' ? home : path.startsWith('~/') || path.startsWith('~\\') ? join(home, path.slice(2)) : path;
}

export function planAction(spec: ActionSpec, ctx: PlanContext): Plan {
  switch (spec.action) {
    case 'generate_password':
      return empty(null, { requests: [{ action: 'generate_password', args: generateArgs(spec) }] });
    case 'copy_to_clipboard':
      return empty('Copying needs a password Bastion generated: ask me to "generate a password", then use Copy on the generated result (it is copied only after you confirm, and cleared from the clipboard after 30 s). Stored passwords cannot be copied: Bastion does not have them.');
    case 'export_report': {
      const format = spec.format ?? 'csv';
      const name = `bastion-report-${localDate(ctx.now)}.${format}`;
      const home = ctx.home ?? homedir();
      const path = spec.path ? (spec.path.folder ? join(expandHome(spec.path.path, home), name) : expandHome(spec.path.path, home)) : join(home, name);
      return empty(null, { requests: [{ action: 'export_report', args: { format, path } }] });
    }
    case 'snooze_finding':
    case 'mark_resolved':
      return findingState(spec, ctx);
    case 'open_change_password_page':
    case 'rotate_password':
    case 'move_to_recycle_bin':
      return perItem(spec, ctx);
    case 'fix_file_permissions':
    case 'delete_plaintext_export':
    case 'open_settings_page':
      // Device fixes start from the Device health report, where the path is the checks', never the question's.
      return empty('File and system fixes start from Device health (`bastion device`, or the Device health screen), where each one names the exact file or setting.');
    default:
      spec.action satisfies never;
      return empty(null);
  }
}

function generateArgs(spec: ActionSpec): Record<string, unknown> {
  // A passphrase is words ("a 20 char passphrase" still gets words: length is a property of character passwords).
  if (spec.words !== null || spec.passphrase) return { words: Math.min(12, Math.max(4, spec.words ?? 5)) };
  const args: Record<string, unknown> = {};
  if (spec.length !== null) args.length = Math.min(128, Math.max(12, spec.length));
  if (spec.symbols !== null) args.symbols = spec.symbols;
  return args;
}

/** Items the previous answer pointed at: "the first one", "it", "them". */
function fromPrevious(spec: ActionSpec, state: ConversationState | null): string[] {
  if (!state || spec.previous === null) return [];
  if (spec.previous === 'all') return state.itemIds;
  if (spec.previous === 'it') return state.itemId ? [state.itemId] : state.itemIds.slice(0, 1);
  const i = spec.previous < 0 ? state.itemIds.length + spec.previous : spec.previous;
  const id = state.itemIds[i];
  return id ? [id] : [];
}

function titles(ids: string[], ctx: PlanContext): string {
  return ids.map((id) => cleanTitle(ctx.items.get(id)?.title ?? id)).join(', ');
}

function findingState(spec: ActionSpec, ctx: PlanContext): Plan {
  const report = ctx.report();
  const previous = fromPrevious(spec, ctx.state);
  const named = spec.itemIds;
  let kind = spec.kind ?? (spec.previous !== null || spec.every || named.length === 0 ? ctx.state?.kind ?? null : null);
  if (!kind && named.length) {
    const kinds = [...new Set(report.findings.filter((f) => f.items.some((i) => named.includes(i.id))).map((f) => f.kind))];
    if (kinds.length === 1) kind = kinds[0]!;
    else return empty(kinds.length ? `Which finding of ${titles(named, ctx)}? It has: ${kinds.join(', ')}. Say, for example, "mark the ${kinds[0]} finding for ${titles(named, ctx)} resolved".` : `${titles(named, ctx)} has no open findings.`);
  }
  if (!kind) return empty('Which finding? Name it, for example "snooze the old password findings for a week".');
  const pool = report.findings.filter((f) => f.kind === kind);
  const poolIds = [...new Set(pool.flatMap((f) => f.items.map((i) => i.id)))];
  const wanted = named.length ? named : previous.length ? previous : poolIds;
  const ids = wanted.filter((id) => poolIds.includes(id));
  const shown = pool.filter((f) => f.items.some((i) => ids.includes(i.id)));
  if (ids.length === 0) return empty(named.length ? `${titles(named, ctx)} has no open "${kind}" finding.` : `There is no open "${kind}" finding.`, { kind });
  // Over the batch limit: explained, not split. A snooze or resolve may run without a prompt (local state), so a
  // request that covers more than the limit — e.g. a vault padded with planted entries — must not go through piecemeal.
  if (ids.length > ctx.maxBatch) {
    return empty(
      `That covers ${ids.length} items, and one proposal may touch at most ${ctx.maxBatch} (your batch limit), so nothing was proposed. Name the items you mean (for example "${spec.action === 'snooze_finding' ? 'snooze' : 'mark resolved'} the ${kind} finding for ${titles([ids[0]!], ctx)}").`,
      { findings: shown, itemIds: ids, kind },
    );
  }
  const args: Record<string, unknown> = { kind, itemIds: ids };
  if (spec.action === 'snooze_finding') args.days = spec.days ?? 30;
  return { requests: [{ action: spec.action, args }], note: null, unresolved: false, findings: shown, itemIds: ids, kind };
}

function perItem(spec: ActionSpec, ctx: PlanContext): Plan {
  const action = spec.action;
  if (spec.ambiguous.length && spec.itemIds.length === 0) {
    const options = spec.ambiguous[0]!;
    return empty(`Which one: ${options.map((id, i) => `${i + 1}. ${titles([id], ctx)}`).join('; ')}? Say "the first one" or name it.`, { itemIds: options });
  }
  let ids = spec.itemIds.length ? spec.itemIds : fromPrevious(spec, ctx.state);
  let kind: FindingKind | null = null;
  const bulk = spec.itemIds.length === 0 && (spec.previous === 'all' || (spec.previous === null && spec.kind !== null && spec.every) || (spec.previous === null && spec.kind !== null));
  if (ids.length === 0 && spec.kind) {
    kind = spec.kind;
    const report = ctx.report();
    ids = [...new Set(report.findings.filter((f) => f.kind === kind).flatMap((f) => f.items.map((i) => i.id)))];
    if (ids.length === 0) return empty(`There is no open "${kind}" finding.`);
  }
  if (ids.length === 0) return empty(`Which login? Name it, for example "${action === 'move_to_recycle_bin' ? 'delete the Shop (old entry) entry' : 'open the change-password page for Spotify'}".`, { unresolved: true });
  if (action === 'move_to_recycle_bin' && (bulk || ids.length > 1)) {
    return empty(
      `I won't propose deleting ${ids.length} entries at once: moving an entry to the recycle bin is destructive, each one is confirmed by typing its title, and deleting a login does not fix its password — the account still exists at the site. Name one entry to delete (for example "delete ${titles([ids[0]!], ctx)}")${kind && kind !== 'duplicate' ? `, or ask me to open the change-password pages to fix the ${kind} passwords` : ''}.`,
      { itemIds: ids, kind },
    );
  }
  const notLogins = ids.filter((id) => ctx.items.get(id)?.kind !== 'login');
  if (action !== 'move_to_recycle_bin' && notLogins.length) return empty(`${titles(notLogins, ctx)} is not a login, so it has no password page.`);
  if (action === 'open_change_password_page') {
    const noUrl = ids.filter((id) => (ctx.items.get(id)?.urls.length ?? 0) === 0);
    if (noUrl.length) return empty(`${titles(noUrl, ctx)} has no web address saved, so there is no page to open.`);
  }
  const batch = ids.slice(0, ctx.maxBatch);
  const requests = batch.map((itemId) => ({ action, args: action === 'rotate_password' && spec.length !== null ? { itemId, length: Math.min(128, Math.max(12, spec.length)) } : { itemId } }));
  const note = ids.length > batch.length ? `That is ${ids.length} logins; I proposed the first ${batch.length} (at most ${ctx.maxBatch} at a time). Ask again for the rest.` : null;
  return { requests, note, unresolved: false, findings: [], itemIds: batch, kind };
}
