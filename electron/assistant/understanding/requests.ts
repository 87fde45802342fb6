// Requests for an action, with their slots. The action FAMILY is decided by the words of the request: anything that
// mentions opening or a page is "open the change-password page" — never a vault write — and only a plain imperative
// "change/rotate/reset X's password" is a rotation.
import type { ActionName } from '../../permissions';
import type { Analysis } from './analysis';
import { findingKind } from './kinds';
import { durationDays, formatSlot, lengthSlot, ordinal, pathSlot, symbolsSlot, wordsSlot } from './slots';
import type { ActionSpec, PreviousRef } from './types';

const POLITE = /^((please|pls|plz|kindly|ok|okay|hey|so|now|then|and|also|bastion|just|go ahead and|can you|could you|would you|will you|can u|could u|would u|i want you to|id like you to|i would like you to|i need you to|i want to|id like to|i would like to|lets|let s|let us|time to)\s+)*/;

/** The message with politeness stripped: "could you please open…" → "open…". */
function core(plain: string): string {
  return plain.replace(POLITE, '');
}

function startsWith(plain: string, re: RegExp): boolean {
  return re.test(core(plain));
}

/** "it", "that", "them", "the first one"… → what the request points at in the previous answer. */
export function previousRef(a: Analysis): PreviousRef | null {
  const n = ordinal(a.tokens);
  if (n !== null) return n;
  if (/\b(them|those|these|they|all of them|all of those|both|each of them|the ones|these ones|those ones|that list)\b/.test(a.plain)) return 'all';
  if (/\b(it|its|that|this|that one|this one|the one|same one)\b/.test(a.plain)) return 'it';
  return null;
}

function every(a: Analysis): boolean {
  return a.concepts.has('EVERY') || /\b(ones|them|those|these|both)\b/.test(a.plain);
}

const ROTATE_START = /^(change|rotate|reset|update|replace|renew|refresh|regenerate|fix)\b/;
const GENERATE_START = /^(generate|create|make|give|gimme|suggest|come up|i need|i want|need|want|new|get me|i d like|id like)\b|^(an? )?(new|strong|random|secure|long|fresh|good|safe) (password|passphrase|pw)\b/;
const HOW_OR_WHERE = /^(how|where) (do|can|should|would|could) (i|we|u|you)\b|^(how|where) to\b/;

function actionOf(a: Analysis): ActionName | null {
  const has = (c: Parameters<Analysis['concepts']['has']>[0]) => a.concepts.has(c);
  const p = a.plain;
  const q = core(p);
  const ref = previousRef(a);
  const itemish = a.mentions.length > 0 || ref !== null;
  const question = /^(how|what|why|when|where|which|who|is|are|do|does|did|should|can i|could i|would|will)\b/.test(q);
  if (has('COPY')) return 'copy_to_clipboard';
  if (has('EXPORT') && (has('REPORT') || /\bexport\b/.test(p)) && !has('PASSWORD') && !question) return 'export_report';
  if (has('SNOOZE') && (findingKind(a) || has('REPORT') || itemish) && !question) return 'snooze_finding';
  if ((has('MARK') && has('RESOLVED')) || /\bi (have |ve |already |just |now )*(fixed|changed|updated|resolved|sorted|rotated|handled) (it|them|those|that|these|the|my|all)\b.*\b(mark|done|resolved)\b/.test(p)) return 'mark_resolved';
  if (has('DELETE') && (has('ENTRY') || has('LOGIN') || has('DUPLICATE') || itemish || every(a) || findingKind(a)) && !question) return 'move_to_recycle_bin';
  if (has('OPEN') && (has('PAGE') || has('CHANGE') || itemish || has('SITE'))) return 'open_change_password_page';
  if (has('PAGE') && has('CHANGE') && (has('PASSWORD') || itemish)) return 'open_change_password_page';
  if (HOW_OR_WHERE.test(q) && has('CHANGE') && has('PASSWORD') && a.mentions.length > 0) return 'open_change_password_page';
  if (has('CHANGE') && (has('PASSWORD') || ref !== null) && startsWith(p, ROTATE_START)) return 'rotate_password';
  if (a.mentions.length && startsWith(p, /^(rotate|reset|regenerate)\b/)) return 'rotate_password';
  const asksForOne = has('GENERATE') || /\bneed a (new |strong |random )?(password|passphrase)\b/.test(p) || /^(an? )?(new|strong|random|secure|long|fresh|good|safe) (password|passphrase|pw)\b/.test(q);
  // "generate one for me": a password is the only thing Bastion generates.
  if (startsWith(p, /^(generate|make|create|gimme|give me)\b/) && /\b(one|something)\b/.test(q) && a.tokens.length <= 6 && !has('REPORT')) return 'generate_password';
  if (asksForOne && (has('PASSWORD') || has('PASSPHRASE')) && startsWith(p, GENERATE_START) && !has('CHANGE') && !has('OVERVIEW') && !has('REPORT') && !has('COUNT')) return 'generate_password';
  return null;
}

export function actionRequest(a: Analysis, loginIds: Set<string>): ActionSpec | null {
  const action = actionOf(a);
  if (!action) return null;
  const named = a.mentions.map((m) => m.itemIds.filter((id) => loginIds.has(id) || action === 'move_to_recycle_bin'));
  const path = pathSlot(a.text);
  return {
    action,
    itemIds: [...new Set(named.filter((ids) => ids.length === 1).flat())],
    ambiguous: named.filter((ids) => ids.length > 1),
    kind: findingKind(a),
    previous: a.mentions.length ? null : previousRef(a),
    every: every(a),
    days: durationDays(a.tokens),
    length: lengthSlot(a.tokens),
    words: wordsSlot(a.tokens),
    symbols: symbolsSlot(a.text),
    passphrase: a.concepts.has('PASSPHRASE'),
    format: formatSlot(a.text, path),
    path,
  };
}
