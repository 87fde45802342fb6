// Turns a user file into indexable text. Every failure is a SkipError with a reason a user can act on.
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { BastionError } from '../core';
import { readRegularFileAsync } from '../db';

export type DocKind = 'markdown' | 'text' | 'html' | 'pdf';

export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export const EXTENSIONS: Record<string, DocKind> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.text': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
};

export class SkipError extends Error {}

export interface Extracted {
  kind: DocKind;
  title: string;
  /** The text chunk offsets point into. */
  text: string;
  /** Where the body starts (Markdown front matter is skipped). */
  bodyStart: number;
  /** Whether '#' lines are headings (Markdown, HTML converted to Markdown-style headings). */
  markdownHeadings: boolean;
  hash: string;
  bytes: number;
}

export function kindFor(path: string): DocKind | null {
  return EXTENSIONS[extname(path).toLowerCase()] ?? null;
}

/**
 * Reads and extracts one file. Unknown extensions are treated as plain text (binary content is still refused). The
 * read is bounded: opened without blocking, fstat on the descriptor, regular files of at most 50 MB only — a FIFO,
 * a device (/dev/zero) or a directory is skipped with a reason before a byte is read.
 */
export async function extractFile(path: string): Promise<Extracted> {
  let bytes: Buffer;
  try {
    bytes = await readRegularFileAsync(path, { maxBytes: MAX_FILE_BYTES, what: 'document' });
  } catch (e) {
    throw new SkipError(skipReason(e));
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  const kind = kindFor(path) ?? 'text';
  const fallbackTitle = basename(path, extname(path));
  const base = { kind, hash, bytes: bytes.length };
  switch (kind) {
    case 'pdf': {
      const { title, text } = await extractPdf(bytes);
      return { ...base, title: title || fallbackTitle, text, bodyStart: 0, markdownHeadings: false };
    }
    case 'html': {
      const { title, text } = await extractHtml(decodeUtf8(bytes));
      return { ...base, title: title || fallbackTitle, text, bodyStart: 0, markdownHeadings: true };
    }
    case 'markdown': {
      const text = decodeUtf8(bytes);
      const fm = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text);
      const bodyStart = fm ? fm[0].length : 0;
      const fmTitle = fm ? /^title:\s*["']?(.+?)["']?\s*$/m.exec(fm[0])?.[1] : undefined;
      const h1 = /^#[ \t]+(.+?)[ \t#]*$/m.exec(text.slice(bodyStart))?.[1];
      return { ...base, title: fmTitle ?? h1 ?? fallbackTitle, text, bodyStart, markdownHeadings: true };
    }
    case 'text':
      return { ...base, title: fallbackTitle, text: decodeUtf8(bytes), bodyStart: 0, markdownHeadings: false };
    default:
      kind satisfies never;
      throw new SkipError('unsupported type');
  }
}

function skipReason(e: unknown): string {
  if (!(e instanceof BastionError)) return `cannot read: ${(e as Error).message}`;
  if (e.code === 'NOT_FOUND') return 'cannot read: no such file';
  if (e.code === 'TOO_LARGE') return `too large (the limit is ${MAX_FILE_BYTES / 2 ** 20} MB)`;
  const m = / is (a [^,]+|not a regular file)(, not a regular file)?; refusing/.exec(e.message);
  if (m) return `${m[1]}${m[2] ?? ''}`; // "a FIFO (named pipe), not a regular file"
  const at = e.message.indexOf('cannot be read');
  return at >= 0 ? `cannot read${e.message.slice(at + 'cannot be read'.length).replace(/\.$/, '')}` : e.message;
}

/** Refuses binary data and invalid UTF-8 rather than indexing mojibake. */
export function decodeUtf8(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) throw new SkipError('binary file (contains NUL bytes), not text');
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (head.length > 0 && control / head.length > 0.1) throw new SkipError('binary file (mostly control characters), not text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SkipError('not valid UTF-8 text (convert it to UTF-8 and add it again)');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const BLOCK = new Set(['p', 'div', 'section', 'article', 'li', 'tr', 'br', 'table', 'ul', 'ol', 'blockquote', 'pre', 'header', 'footer', 'main', 'dd', 'dt']);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'iframe', 'object']);

/**
 * Readable text only: script/style and friends are dropped; h1–h6 become Markdown-style heading lines.
 * htmlparser2 loads on first use so commands that never read HTML start without it.
 */
export async function extractHtml(html: string): Promise<{ title: string; text: string }> {
  const { Parser } = await import('htmlparser2');
  let out = '';
  let title = '';
  let skipDepth = 0;
  let inTitle = false;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'title') inTitle = true;
        if (SKIP.has(name) && name !== 'head') skipDepth++;
        const h = /^h([1-6])$/.exec(name);
        if (h) out += `\n\n${'#'.repeat(Number(h[1]))} `;
        else if (BLOCK.has(name)) out += '\n\n';
      },
      ontext(text) {
        if (inTitle) title += text;
        else if (skipDepth === 0) out += text.replace(/\s+/g, ' ');
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (SKIP.has(name) && name !== 'head') skipDepth = Math.max(0, skipDepth - 1);
        if (/^h[1-6]$/.test(name) || BLOCK.has(name)) out += '\n\n';
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  const text = out
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { title: title.replace(/\s+/g, ' ').trim(), text };
}

/** The PDF's text layer, page by page. Encrypted and image-only PDFs are refused with a reason. */
export async function extractPdf(bytes: Uint8Array): Promise<{ title: string; text: string }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'PasswordException') throw new SkipError('encrypted PDF (password protected); save an unprotected copy to add it');
    if (name === 'InvalidPDFException') throw new SkipError('not a valid PDF file');
    throw new SkipError(`cannot read PDF: ${(e as Error).message}`);
  }
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let s = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        s += item.str + (item.hasEOL ? '\n' : ' ');
      }
      pages.push(s.replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n').trim());
      page.cleanup();
    }
    const text = pages.filter(Boolean).join('\n\n');
    if (!text.trim()) throw new SkipError('PDF has no text layer (a scan?); run OCR on it first');
    const meta = await doc.getMetadata().catch(() => null);
    const info = (meta?.info ?? {}) as { Title?: unknown };
    return { title: typeof info.Title === 'string' ? info.Title.trim() : '', text };
  } finally {
    await doc.destroy();
  }
}
