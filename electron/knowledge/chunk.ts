// Splits a document into retrieval chunks that never cross a heading and never cut a sentence (unless a single
// sentence is longer than a chunk). Every chunk is an exact slice of the source: source.slice(start, end) === text.

export interface Chunk {
  /** Heading path, outermost first, joined with " > " ('' before the first heading). */
  heading: string;
  text: string;
  start: number;
  end: number;
}

export interface ChunkOptions {
  /** Soft upper bound on a chunk's length in characters. */
  maxChars?: number;
  /** Offset where the body starts (e.g. after Markdown front matter). */
  bodyStart?: number;
  /** Whether lines starting with '#' are headings (Markdown, and HTML converted to it). */
  markdownHeadings?: boolean;
}

interface Span {
  start: number;
  end: number;
}

const HEADING = /^(#{1,6})[ \t]+(.+?)[ \t#]*$/;

export function chunkText(source: string, opts: ChunkOptions = {}): Chunk[] {
  const maxChars = opts.maxChars ?? 700;
  const chunks: Chunk[] = [];
  const stack: string[] = [];
  let section: Span[] = [];

  const flush = () => {
    const heading = stack.filter(Boolean).join(' > ');
    for (const span of packSections(source, section, maxChars)) {
      chunks.push({ heading, text: source.slice(span.start, span.end), start: span.start, end: span.end });
    }
    section = [];
  };

  // Walk the body line by line: headings close the current section, blank lines close a paragraph.
  let pos = opts.bodyStart ?? 0;
  let para: Span | null = null;
  while (pos <= source.length) {
    const nl = source.indexOf('\n', pos);
    const lineEnd = nl === -1 ? source.length : nl;
    const line = source.slice(pos, lineEnd);
    const m = opts.markdownHeadings !== false ? HEADING.exec(line) : null;
    if (m) {
      if (para) section.push(para), (para = null);
      flush();
      const level = m[1]!.length;
      stack.length = level - 1;
      stack[level - 1] = m[2]!.trim();
    } else if (line.trim() === '') {
      if (para) section.push(para), (para = null);
    } else {
      const lead = line.length - line.trimStart().length;
      const trail = line.length - line.trimEnd().length;
      if (!para) para = { start: pos + lead, end: lineEnd - trail };
      else para.end = lineEnd - trail;
    }
    if (nl === -1) break;
    pos = nl + 1;
  }
  if (para) section.push(para);
  flush();
  return chunks;
}

/** Packs paragraphs (and, when one is too long, its sentences) into spans of at most ~maxChars. */
function packSections(source: string, paragraphs: Span[], maxChars: number): Span[] {
  const units: Span[] = [];
  for (const p of paragraphs) {
    if (p.end - p.start <= maxChars) units.push(p);
    else units.push(...sentences(source, p, maxChars));
  }
  const out: Span[] = [];
  let cur: Span | null = null;
  for (const u of units) {
    if (cur && u.end - cur.start <= maxChars) cur.end = u.end;
    else {
      if (cur) out.push(cur);
      cur = { ...u };
    }
  }
  if (cur) out.push(cur);
  return out;
}

// Built on first use: creating it loads ICU's sentence rules (16–43 ms), which every CLI command would pay otherwise.
let segmenter: Intl.Segmenter | undefined;
const ABBREVIATION = /(?:\b(?:e\.g|i\.e|etc|vs|cf|approx|Mr|Mrs|Ms|Dr|St|No|Fig)\.|\b[A-Za-z]\.)$/;

/** Sentence spans inside a paragraph (trimmed); a sentence longer than maxChars is split at whitespace. */
export function sentences(source: string, p: Span, maxChars = Number.POSITIVE_INFINITY): Span[] {
  const text = source.slice(p.start, p.end);
  const raw: Span[] = [];
  for (const seg of (segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' })).segment(text)) {
    const s = seg.segment;
    const lead = s.length - s.trimStart().length;
    const body = s.trim();
    if (!body) continue;
    const start = p.start + seg.index + lead;
    const prev = raw[raw.length - 1];
    // ICU ends a sentence after "e.g." and friends; glue those back on.
    if (prev && ABBREVIATION.test(source.slice(prev.start, prev.end))) prev.end = start + body.length;
    else raw.push({ start, end: start + body.length });
  }
  const out: Span[] = [];
  for (const r of raw) {
    let span = r;
    while (span.end - span.start > maxChars) {
      const cut = source.lastIndexOf(' ', span.start + maxChars);
      const at = cut > span.start ? cut : span.start + maxChars;
      out.push({ start: span.start, end: trimEnd(source, span.start, at) });
      let next = at;
      while (next < span.end && /\s/.test(source[next]!)) next++;
      span = { start: next, end: span.end };
    }
    if (span.end > span.start) out.push(span);
  }
  return out;
}

function trimEnd(source: string, start: number, end: number): number {
  while (end > start && /\s/.test(source[end - 1]!)) end--;
  return end;
}
