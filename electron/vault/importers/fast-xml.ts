import kdbxweb from 'kdbxweb';
import { Parser } from 'htmlparser2';

// A minimal read-only DOM for kdbxweb's KDBX reader, built with htmlparser2's streaming XML mode. kdbxweb's default
// (@xmldom/xmldom 0.7) spends most of a 10,000-entry import building its DOM; kdbxweb only walks `childNodes`,
// reads `tagName`, `textContent` and attributes, and sets `protectedValue` — which this provides, several times
// faster. It is used only to *read* a decrypted (integrity-checked) payload; writing still uses xmldom.

class TextNode {
  readonly nodeType = 3;
  readonly tagName = undefined;
  readonly childNodes: never[] = [];
  constructor(public data: string) {}
  get textContent(): string {
    return this.data;
  }
  set textContent(v: string) {
    this.data = v;
  }
}

class ElementNode {
  readonly nodeType = 1;
  childNodes: (ElementNode | TextNode)[] = [];
  protectedValue: unknown = undefined;
  lineNumber = 0;
  constructor(
    readonly tagName: string,
    private attrs: Record<string, string>,
    readonly ownerDocument: DocumentNode,
  ) {}
  get nodeName(): string {
    return this.tagName;
  }
  get textContent(): string {
    const c = this.childNodes;
    if (c.length === 1) return c[0]!.textContent;
    let s = '';
    for (const n of c) s += n.textContent;
    return s;
  }
  set textContent(v: string) {
    this.childNodes = [new TextNode(v)];
  }
  getAttribute(name: string): string | null {
    return Object.prototype.hasOwnProperty.call(this.attrs, name) ? this.attrs[name]! : null;
  }
  hasAttribute(name: string): boolean {
    return this.getAttribute(name) !== null;
  }
  setAttribute(name: string, value: string): void {
    this.attrs[name] = String(value);
  }
  removeAttribute(name: string): void {
    delete this.attrs[name];
  }
  getElementsByTagName(name: string): ElementNode[] {
    const out: ElementNode[] = [];
    const walk = (n: ElementNode) => {
      for (const c of n.childNodes) {
        if (c instanceof ElementNode) {
          if (c.tagName === name) out.push(c);
          walk(c);
        }
      }
    };
    walk(this);
    return out;
  }
}

class DocumentNode {
  readonly nodeType = 9;
  readonly TEXT_NODE = 3;
  readonly PROCESSING_INSTRUCTION_NODE = 7;
  documentElement: ElementNode | null = null;
  get childNodes(): ElementNode[] {
    return this.documentElement ? [this.documentElement] : [];
  }
  getElementsByTagName(name: string): ElementNode[] {
    const root = this.documentElement;
    if (!root) return [];
    return root.tagName === name ? [root, ...root.getElementsByTagName(name)] : root.getElementsByTagName(name);
  }
}

/** Parses XML into the minimal DOM above; throws on unbalanced tags or text outside the root element. */
export function parseXmlLite(xml: string): DocumentNode {
  const doc = new DocumentNode();
  const stack: ElementNode[] = [];
  let error: string | null = null;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const el = new ElementNode(name, attribs, doc);
        const parent = stack[stack.length - 1];
        if (parent) parent.childNodes.push(el);
        else if (doc.documentElement) error ??= 'more than one root element';
        else doc.documentElement = el;
        stack.push(el);
      },
      ontext(text) {
        const parent = stack[stack.length - 1];
        if (!parent) {
          if (text.trim() !== '') error ??= 'text outside the root element';
          return;
        }
        const last = parent.childNodes[parent.childNodes.length - 1];
        if (last instanceof TextNode) last.data += text; // htmlparser2 may split text at entities
        else parent.childNodes.push(new TextNode(text));
      },
      oncdatastart() {
        /* CDATA text arrives through ontext */
      },
      onclosetag(name, isImplied) {
        // htmlparser2 closes unbalanced elements itself and says so ("implied"): for XML that is an error —
        // except a self-closing tag, which it also reports as implied (the tag then ends in "/>").
        if (isImplied && !(xml[parser.endIndex] === '>' && xml[parser.endIndex - 1] === '/')) error ??= `unclosed <${name}>`;
        const top = stack.pop();
        if (!top || top.tagName !== name) error ??= `unexpected </${name}>`;
      },
      onerror(e) {
        error ??= e.message;
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true, recognizeSelfClosing: true },
  );
  parser.write(xml);
  parser.end();
  if (error) throw new Error(`bad xml: ${error}`);
  if (!doc.documentElement) throw new Error('bad xml: no root element');
  return doc;
}

type XmlParse = (xml: string) => unknown;
const utils = (kdbxweb as unknown as { XmlUtils: { parse: XmlParse } }).XmlUtils;
let active = 0;
let original: XmlParse | null = null;

/**
 * Runs `work` with kdbxweb's XML *reader* swapped for parseXmlLite (ref-counted, so overlapping loads are safe;
 * kdbxweb's writer builds fresh documents through its own internal parser and is never affected). Malformed XML
 * falls back to xmldom, so error behaviour stays kdbxweb's own.
 */
export async function withFastXml<T>(work: () => Promise<T>): Promise<T> {
  if (active++ === 0) {
    original = utils.parse;
    const fallback = original;
    utils.parse = (xml: string) => {
      try {
        // kdbxweb strips control characters before parsing; do the same.
        // eslint-disable-next-line no-control-regex
        return parseXmlLite(xml.replace(/[\x00-\x09\x0B-\x0C\x0E-\x1F]/g, ''));
      } catch {
        return fallback(xml);
      }
    };
  }
  try {
    return await work();
  } finally {
    if (--active === 0 && original) {
      utils.parse = original;
      original = null;
    }
  }
}
