// A small, safe Markdown subset for answers: paragraphs, headings, lists, quotes, code, rules; bold, italic, code,
// links and images. It parses into plain data that the renderer turns into React elements, so text can never become
// HTML: raw tags stay literal text, a link is shown as its text and address (never an <a>, never navigation) and an
// image as its description (never loaded). Why not a library: `marked` and friends produce an HTML string, which would
// need dangerouslySetInnerHTML plus a sanitizer; `markdown-to-jsx` renders raw HTML as elements unless configured
// otherwise and builds real <a>/<img> that we would have to override one by one. This subset has no such path at
// all, and adds no dependency to the renderer that runs under the app's strict CSP.

export type Inline =
  | { t: 'text'; v: string }
  | { t: 'code'; v: string }
  | { t: 'strong'; c: Inline[] }
  | { t: 'em'; c: Inline[] }
  | { t: 'link'; c: Inline[]; href: string }
  | { t: 'image'; alt: string };

export type Block =
  | { t: 'p'; c: Inline[] }
  | { t: 'h'; level: number; c: Inline[] }
  | { t: 'code'; v: string }
  | { t: 'quote'; c: Block[] }
  | { t: 'ul'; items: Inline[][] }
  | { t: 'ol'; start: number; items: Inline[][] }
  | { t: 'hr' };

const FENCE = /^\s{0,3}(```|~~~)/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,9})[.)]\s+(.*)$/;

const startsBlock = (line: string) => FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || BULLET.test(line) || NUMBERED.test(line);

export function parseMarkdown(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!)) body.push(lines[i++]!);
      i++; // the closing fence (or the end of an answer still streaming)
      out.push({ t: 'code', v: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      out.push({ t: 'h', level: heading[1]!.length, c: parseInline(heading[2]!) });
      i++;
      continue;
    }
    // Before lists: "* * *" is a rule, not an item.
    if (RULE.test(line)) {
      out.push({ t: 'hr' });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const body: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) body.push(QUOTE.exec(lines[i++]!)![1]!);
      out.push({ t: 'quote', c: parseMarkdown(body.join('\n')) });
      continue;
    }
    const list = BULLET.test(line) ? BULLET : NUMBERED.test(line) ? NUMBERED : null;
    if (list) {
      const start = list === NUMBERED ? Number(NUMBERED.exec(line)![1]) : 1;
      const items: string[] = [];
      while (i < lines.length) {
        const l = lines[i]!;
        const m = list.exec(l);
        if (m) items.push(list === NUMBERED ? m[2]! : m[1]!);
        // An indented line under an item continues it; a blank line or another kind of block ends the list.
        else if (l.trim() && /^\s+/.test(l) && !startsBlock(l)) items[items.length - 1] += `\n${l.trim()}`;
        else break;
        i++;
      }
      const parsed = items.map(parseInline);
      out.push(list === NUMBERED ? { t: 'ol', start, items: parsed } : { t: 'ul', items: parsed });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i]!.trim() && (para.length === 0 || !startsBlock(lines[i]!))) para.push(lines[i++]!.trim());
    out.push({ t: 'p', c: parseInline(para.join('\n')) });
  }
  return out;
}

const PUNCT = /[!-/:-@[-`{-~]/;
const WORD = /[\p{L}\p{N}]/u;

export function parseInline(s: string): Inline[] {
  const out: Inline[] = [];
  let buf = '';
  const flush = () => {
    if (buf) out.push({ t: 'text', v: buf });
    buf = '';
  };
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === '\\' && i + 1 < s.length && PUNCT.test(s[i + 1]!)) {
      buf += s[i + 1];
      i += 2;
      continue;
    }
    if (ch === '`') {
      const n = runLength(s, i, '`');
      const close = s.indexOf('`'.repeat(n), i + n);
      if (close > i) {
        flush();
        out.push({ t: 'code', v: s.slice(i + n, close).replace(/^ (.*) $/s, '$1') });
        i = close + n;
      } else {
        buf += '`'.repeat(n);
        i += n;
      }
      continue;
    }
    const link = ch === '[' || (ch === '!' && s[i + 1] === '[') ? linkAt(s, ch === '!' ? i + 1 : i) : null;
    if (link) {
      flush();
      out.push(ch === '!' ? { t: 'image', alt: plainText(parseInline(link.text)) } : { t: 'link', c: parseInline(link.text), href: link.href });
      i = link.end;
      continue;
    }
    if (ch === '<') {
      const auto = /^<((?:https?|mailto):[^\s<>]+)>/i.exec(s.slice(i));
      if (auto) {
        flush();
        out.push({ t: 'link', c: [{ t: 'text', v: auto[1]! }], href: auto[1]! });
        i += auto[0].length;
        continue;
      }
    }
    if (ch === '*' || ch === '_') {
      const em = emphasisAt(s, i);
      if (em) {
        flush();
        out.push(em.strong ? { t: 'strong', c: parseInline(em.inner) } : { t: 'em', c: parseInline(em.inner) });
        i = em.end;
        continue;
      }
      const n = runLength(s, i, ch);
      buf += ch.repeat(n);
      i += n;
      continue;
    }
    buf += ch;
    i++;
  }
  flush();
  return out;
}

function runLength(s: string, i: number, ch: string): number {
  let n = 0;
  while (s[i + n] === ch) n++;
  return n;
}

/** `[text](href)` starting at `i` (the "["), with nested brackets in the text; null when it is not one. */
function linkAt(s: string, i: number): { text: string; href: string; end: number } | null {
  let depth = 0;
  let j = i;
  for (; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === '[') depth++;
    else if (s[j] === ']' && --depth === 0) break;
  }
  if (j >= s.length || s[j + 1] !== '(') return null;
  const m = /^\(\s*<?([^\s()<>]*)>?(?:\s+"[^"]*")?\s*\)/.exec(s.slice(j + 1));
  if (!m) return null;
  return { text: s.slice(i + 1, j), href: m[1]!, end: j + 1 + m[0].length };
}

/** `*x*`, `_x_`, `**x**` or `__x__` at `i`; underscores only between words' edges (snake_case stays as it is). */
function emphasisAt(s: string, i: number): { strong: boolean; inner: string; end: number } | null {
  const ch = s[i]!;
  const n = Math.min(runLength(s, i, ch), 2);
  if (ch === '_' && i > 0 && WORD.test(s[i - 1]!)) return null;
  const open = i + n;
  if (open >= s.length || /\s/.test(s[open]!)) return null;
  const delim = ch.repeat(n);
  for (let j = s.indexOf(delim, open + 1); j !== -1; j = s.indexOf(delim, j + 1)) {
    if (/\s/.test(s[j - 1]!) || s[j - 1] === '\\') continue;
    // A single delimiter must not be half of a double one; an underscore must close at a word's edge.
    if (n === 1 && (s[j + 1] === ch || s[j - 1] === ch)) continue;
    if (ch === '_' && j + n < s.length && WORD.test(s[j + n]!)) continue;
    return { strong: n === 2, inner: s.slice(open, j), end: j + n };
  }
  return null;
}

/** The text a person reads, without the markup (copying, image descriptions). */
export function plainText(nodes: Inline[]): string {
  return nodes
    .map((n) => {
      switch (n.t) {
        case 'text':
        case 'code':
          return n.v;
        case 'strong':
        case 'em':
          return plainText(n.c);
        case 'link': {
          const text = plainText(n.c);
          return text === n.href || !n.href ? text : `${text} (${n.href})`;
        }
        case 'image':
          return n.alt;
        default:
          n satisfies never;
          return '';
      }
    })
    .join('');
}

/**
 * Splits the "Sources:" list the engine appends to a model's answer (for the command line) from the answer: the app
 * lists the sources itself, once. Returns each cited source's number as the answer's text uses it ([2] stays 2).
 */
export function splitSources(text: string, citations: number): { body: string; numbers: number[] } {
  const fallback = { body: text, numbers: Array.from({ length: citations }, (_, i) => i + 1) };
  if (citations === 0) return { body: text, numbers: [] };
  const m = /\n+Sources:\n((?:\[\d+\][^\n]*(?:\n|$))+)\s*$/.exec(text);
  if (!m) return fallback;
  const numbers = [...m[1]!.matchAll(/^\[(\d+)\]/gm)].map((x) => Number(x[1]));
  if (numbers.length !== citations) return fallback;
  return { body: text.slice(0, m.index), numbers };
}
