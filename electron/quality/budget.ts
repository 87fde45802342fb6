// Context budgets: whatever a vault holds, the facts given to a model fit its window. Counts always go in; items go
// in by risk, highest first, while they fit; the rest is one line ("and 4,600 more — see Vault health").

/**
 * Tokens `text` will take, over-estimated for the BPE/SentencePiece vocabularies of small models: letters cost about
 * one token per 3 (a short word is one), while digits, punctuation and non-ASCII characters (accents, emoji through
 * byte fallback) cost one or more each — ids, URLs and titles are made of those. Use the model's own count when it
 * is loaded (LlmRuntime.countTokens); this is for planning before a model is, or when none is.
 */
export function tokenEstimate(text: string): number {
  let n = 0;
  for (const run of text.match(/\p{L}+|\s+|./gsu) ?? []) {
    if (/^\s/.test(run)) n += run.includes('\n') ? run.split('\n').length - 1 : 0;
    else if (/^[A-Za-z]/.test(run)) n += Math.ceil(run.length / 3);
    else if (/^\p{L}/u.test(run)) n += [...run].reduce((t, c) => t + (c.charCodeAt(0) < 128 ? 0.34 : 1.5), 0);
    else n += (run.codePointAt(0) ?? 0) > 0xffff ? 4 : (run.codePointAt(0) ?? 0) >= 128 ? 2 : 1;
  }
  return Math.ceil(n * 1.1);
}

export interface PackItem {
  text: string;
  /** Higher goes first (the engine's risk score, or a retrieval score). */
  risk: number;
  /** Counted per group in the counts line (e.g. "reused"), when given. */
  group?: string;
}

export interface PackOptions {
  /** Lines kept before any item (the engine's summary); dropped from the end only if they alone overflow. */
  header?: readonly string[];
  /** Add a counts line per group ("Counts: reused 4,602 · weak 310"). Default true when items have groups. */
  counts?: boolean;
  /** The model's tokenizer when it is loaded; default tokenEstimate. */
  countTokens?: (text: string) => number;
  /** The tail line for what was left out. Default "and N more — see Vault health". */
  more?: (omitted: number) => string;
}

export interface Packed {
  /** The lines joined by newlines: what goes in the prompt. */
  text: string;
  lines: string[];
  /** Items kept, highest risk first. */
  kept: PackItem[];
  omitted: number;
  /** Tokens of `text` by the counter used; never more than the budget unless even the tail alone does not fit. */
  tokens: number;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Packs `items` into `budgetTokens`: header, counts, the top items by risk, and a tail naming how many were left. */
export function packToBudget(items: readonly PackItem[], budgetTokens: number, opts: PackOptions = {}): Packed {
  const count = opts.countTokens ?? tokenEstimate;
  const more = opts.more ?? ((n: number) => `and ${fmt(n)} more — see Vault health`);
  const sorted = [...items].sort((a, b) => b.risk - a.risk);
  const groups = new Map<string, number>();
  for (const i of items) if (i.group) groups.set(i.group, (groups.get(i.group) ?? 0) + 1);
  const head = [...(opts.header ?? [])];
  if ((opts.counts ?? groups.size > 0) && groups.size > 0) {
    head.push(`Counts: ${[...groups].sort((a, b) => b[1] - a[1]).map(([g, n]) => `${g} ${fmt(n)}`).join(' · ')} (${fmt(items.length)} in all)`);
  }
  // Per-line costs plus one token per line break: a close, cheap proxy; the final text is counted for real below.
  const cost = (line: string) => count(line) + 1;
  const tailCost = (omitted: number) => (omitted > 0 ? cost(more(omitted)) : 0);

  while (head.length && head.reduce((t, l) => t + cost(l), 0) + tailCost(sorted.length) > budgetTokens) head.pop();
  let used = head.reduce((t, l) => t + cost(l), 0);
  const kept: PackItem[] = [];
  for (const item of sorted) {
    const c = cost(item.text);
    if (used + c + tailCost(sorted.length - kept.length - 1) > budgetTokens) break;
    kept.push(item);
    used += c;
  }
  for (;;) {
    const omitted = sorted.length - kept.length;
    const lines = [...head, ...kept.map((k) => k.text), ...(omitted > 0 ? [more(omitted)] : [])];
    const text = lines.join('\n');
    const tokens = count(text);
    // The joined text can tokenise a little differently from its lines; give back items until it fits.
    if (tokens <= budgetTokens || kept.length === 0) return { text, lines, kept, omitted, tokens };
    kept.pop();
  }
}
