// Vault items named in a question, by fuzzy title or site: "my spotify", "the Spotify entry", "my spotfy acount".
// Item titles are vault text (untrusted): they are only ever compared with the user's own words, and a match needs
// the whole name or its distinctive part, so a long hostile title cannot be "mentioned" by accident. A name that is
// an everyday word ("Bank", "Steam", "Work") only counts with a cue around it ("my bank", "the Steam entry").
import type { ItemKind } from '../../vault';
import { closeTo, tolerance } from './distance';
import { stem, tokenize, type Token } from './text';
import { isEverydayWord, isKnownWord } from './vocabulary';

export interface NamedItem {
  id: string;
  title: string;
  kind: ItemKind;
  site: string | null;
}

export interface ItemMention {
  start: number;
  end: number;
  itemIds: string[];
}

interface Variant {
  itemId: string;
  words: string[];
  joined: string;
  /** Made only of everyday words: needs a cue. */
  everyday: boolean;
}

// Words that describe an entry rather than name it ("Shop account", "Old webmail", "Shop (old entry)").
const DESCRIPTIVE = new Set(['account', 'accounts', 'login', 'logins', 'entry', 'entries', 'site', 'website', 'app', 'the', 'my', 'old', 'new', 'page', 'portal', 'online', 'home', 'personal', 'main', 'a', 'of', 'for', 'and', 'server', 'local']);
const CUE_BEFORE = new Set(['my', 'the', 'our', 'about', 'check', 'and', 'for', 'of', 'on', 'in', 'to', 'with']);
const CUE_AFTER = new Set(['account', 'accounts', 'acct', 'acount', 'login', 'logins', 'entry', 'password', 'passwords', 'pw', 'pws', 'pwd', 'one', 'item', 'app', 'site', 'ok', 'okay', 'fine', 'safe', 'secure', 'alright', 'good', 'doing', 'set', 'status', '2fa', 'mfa', 'note', 'card']);
const CONTEXT_BEFORE_WEAK = new Set(['for', 'of', 'on', 'in', 'to', 'with']);

function variantsOf(item: NamedItem): Variant[] {
  const title = tokenize(item.title).map((t) => t.norm);
  const bare = tokenize(item.title.replace(/\([^)]*\)/g, ' ')).map((t) => t.norm).filter((w) => !DESCRIPTIVE.has(w));
  const label = item.site && !item.site.includes('-') && item.site !== 'localhost' ? item.site.split('.')[0]! : null;
  const forms: string[][] = [title, bare];
  if (label && label.length >= 3) forms.push([label]);
  // In a short name (not a sentence: titles are untrusted), a distinctive word names it too ("webmail" for "Old
  // webmail"), and so does its first word with a cue ("chase" for "Chase Bank").
  if (bare.length > 1 && bare.length <= 3) {
    for (const w of bare) if (w.length >= 4 && !isEverydayWord(w)) forms.push([w]);
    if (bare[0]!.length >= 4) forms.push([bare[0]!]);
  }
  const seen = new Set<string>();
  const out: Variant[] = [];
  for (const words of forms) {
    if (words.length === 0 || words.length > 6) continue;
    const key = words.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ itemId: item.id, words, joined: words.join(''), everyday: words.every((w) => isEverydayWord(w) || w.length <= 3) });
  }
  return out;
}

export interface ItemIndex {
  items: Map<string, NamedItem>;
  variants: Variant[];
  /** Variants by first word and by run-together spelling: exact lookups before any fuzzy scan. */
  byFirst: Map<string, Variant[]>;
  /** The distinct keys of byFirst by length, for the fuzzy scan of a misspelt word. */
  keysByLength: Map<number, string[]>;
}

export function indexItems(items: NamedItem[]): ItemIndex {
  const variants = items.flatMap(variantsOf);
  const byFirst = new Map<string, Variant[]>();
  const add = (k: string, v: Variant) => {
    const list = byFirst.get(k);
    if (list) list.push(v);
    else byFirst.set(k, [v]);
  };
  for (const v of variants) {
    add(v.words[0]!, v);
    if (stem(v.words[0]!) !== v.words[0]) add(stem(v.words[0]!), v);
    if (v.words.length > 1) add(v.joined, v);
  }
  const keysByLength = new Map<number, string[]>();
  for (const k of byFirst.keys()) {
    const list = keysByLength.get(k.length);
    if (list) list.push(k);
    else keysByLength.set(k.length, [k]);
  }
  return { items: new Map(items.map((i) => [i.id, i])), variants, byFirst, keysByLength };
}

/** Variants that could start at token i: exact first words; for an unknown word (a typo), the keys within its typo budget. */
function candidates(tokens: Token[], i: number, index: ItemIndex, strong: boolean): Variant[] {
  const w = tokens[i]!.norm;
  const out = new Set<Variant>([...(index.byFirst.get(w) ?? []), ...(w.length > 3 ? (index.byFirst.get(stem(w)) ?? []) : [])]);
  const next = tokens[i + 1]?.norm;
  if (next) for (const v of index.byFirst.get(w + next) ?? []) out.add(v);
  if ((strong || !isKnownWord(w)) && w.length >= 4) {
    const max = tolerance(w.length);
    for (let len = w.length - max; len <= w.length + max; len++) {
      for (const k of index.keysByLength.get(len) ?? []) if (closeTo(w, k)) for (const v of index.byFirst.get(k)!) out.add(v);
    }
  }
  return [...out];
}

function same(typed: string, word: string, strong = false): boolean {
  if (typed === word) return true;
  if (typed.length > 3 && stem(typed) === stem(word)) return true;
  return (strong || !isKnownWord(typed)) && closeTo(typed, word);
}

const STRONG_BEFORE = new Set(['my', 'the']);
const ACCOUNT_NOUN = new Set(['account', 'accounts', 'acct', 'acount', 'login', 'entry', 'password', 'pw', 'pwd']);

/** How many tokens from i spell the variant (word by word, or run together: "wifi" for "Wi-Fi", "git hub"). */
function spell(tokens: Token[], i: number, v: Variant, strong = false): number {
  if (v.words.length === 1 && same(tokens[i]!.norm, v.words[0]!, strong)) return 1;
  if (v.words.every((w, k) => tokens[i + k] && same(tokens[i + k]!.norm, w))) return v.words.length;
  if (v.words.length > 1 && tokens[i] && same(tokens[i]!.norm, v.joined)) return 1;
  if (v.words.length === 1 && tokens[i + 1] && v.joined.length >= 6 && same(tokens[i]!.norm + tokens[i + 1]!.norm, v.joined)) return 2;
  return 0;
}

function cued(tokens: Token[], start: number, end: number, actionContext: boolean): boolean {
  const before = tokens[start - 1]?.norm;
  const after = tokens[end]?.norm;
  if (before && CUE_BEFORE.has(before) && (actionContext || !CONTEXT_BEFORE_WEAK.has(before))) return true;
  if (after && CUE_AFTER.has(after)) return true;
  // In a question about a check, "does steam have 2fa" names Steam too.
  if (actionContext && after && /^(have|has|got|use|uses|is|was)$/.test(after)) return true;
  const raw = tokens[start]!.raw;
  if (start > 0 && raw[0] !== raw[0]!.toLowerCase()) return true;
  return tokens.length <= 3;
}

/**
 * Non-overlapping mentions, longest first; one span may name several items ("shop" → both shop entries).
 * `actionContext`: the message asks for an action, so "for X" / "of X" are cues too.
 */
export function findItems(tokens: Token[], index: ItemIndex, actionContext = false): ItemMention[] {
  const found: { start: number; end: number; itemId: string }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    // "my stem account": a real word typed for a name, between a possessive and an account noun, may be a typo too.
    const strong = STRONG_BEFORE.has(tokens[i - 1]?.norm ?? '') && ACCOUNT_NOUN.has(tokens[i + 1]?.norm ?? '');
    for (const v of candidates(tokens, i, index, strong)) {
      const n = spell(tokens, i, v, strong);
      if (!n) continue;
      if (v.everyday && !cued(tokens, i, i + n, actionContext)) continue;
      found.push({ start: i, end: i + n, itemId: v.itemId });
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: ItemMention[] = [];
  for (const f of found) {
    const same = taken.find((t) => t.start === f.start && t.end === f.end);
    if (same) {
      if (!same.itemIds.includes(f.itemId)) same.itemIds.push(f.itemId);
      continue;
    }
    if (taken.some((t) => f.start < t.end && t.start < f.end)) continue;
    if (taken.some((t) => t.itemIds.includes(f.itemId))) continue;
    taken.push({ start: f.start, end: f.end, itemIds: [f.itemId] });
  }
  return taken.sort((a, b) => a.start - b.start);
}
