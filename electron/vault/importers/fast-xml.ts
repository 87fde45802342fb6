import kdbxweb from 'kdbxweb';

// A minimal read-only DOM for kdbxweb's KDBX reader, built by a small dedicated XML scanner. kdbxweb's default
// (@xmldom/xmldom 0.7) spends most of a 10,000-entry import building its DOM; kdbxweb only walks `childNodes`,
// reads `tagName`, `textContent` and attributes, and sets `protectedValue` — which this provides, about 6× faster on
// a 10,000-entry vault's 16 MB of XML. It only *reads* a decrypted, integrity-checked payload; writing uses xmldom.

const NO_CHILDREN: readonly ElementNode[] = Object.freeze([]);

/**
 * An element. To keep a 10,000-entry vault (~750k elements) cheap, a leaf's text is a field rather than a text-node
 * child, whitespace between elements is not kept, and attributes/children are allocated only when present.
 * `textContent` of a leaf is its exact text (whitespace included); kdbxweb reads text only from leaves.
 */
class ElementNode {
  childNodes: readonly ElementNode[] = NO_CHILDREN;
  text = '';
  protectedValue: unknown = undefined;
  constructor(
    readonly tagName: string,
    private attrs: Record<string, string> | null,
  ) {}
  // Constant DOM properties live on the prototype: three fewer fields on ~750k objects.
  get nodeType(): number {
    return 1;
  }
  get lineNumber(): number {
    return 0;
  }
  /** Read-only DOM: there is no document to create nodes with (kdbxweb writes through its own xmldom). */
  get ownerDocument(): null {
    return null;
  }
  get nodeName(): string {
    return this.tagName;
  }
  get textContent(): string {
    if (this.childNodes.length === 0) return this.text;
    let s = '';
    for (const n of this.childNodes) s += n.textContent;
    return s;
  }
  set textContent(v: string) {
    this.text = String(v);
    this.childNodes = NO_CHILDREN;
  }
  appendChildElement(el: ElementNode): void {
    if (this.childNodes === NO_CHILDREN) this.childNodes = [el];
    else (this.childNodes as ElementNode[]).push(el);
  }
  getAttribute(name: string): string | null {
    return this.attrs && Object.prototype.hasOwnProperty.call(this.attrs, name) ? this.attrs[name]! : null;
  }
  hasAttribute(name: string): boolean {
    return this.getAttribute(name) !== null;
  }
  setAttribute(name: string, value: string): void {
    (this.attrs ??= {})[name] = String(value);
  }
  removeAttribute(name: string): void {
    if (this.attrs) delete this.attrs[name];
  }
  getElementsByTagName(name: string): ElementNode[] {
    const out: ElementNode[] = [];
    const walk = (n: ElementNode) => {
      for (const c of n.childNodes) {
        if (c.tagName === name) out.push(c);
        walk(c);
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

const ENTITY = /&(?:(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);)?/g;
function decode(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (m, e: string | undefined) => {
    switch (e) {
      case undefined:
        throw new Error(`bad xml: unknown entity or bare "&" near ${JSON.stringify(m)}`);
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        if (!(cp >= 0 && cp <= 0x10ffff)) throw new Error(`bad xml: bad character reference ${m}`);
        return String.fromCodePoint(cp);
      }
    }
  });
}

function isBlank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return true;
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*$/;
const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Parses XML into the minimal DOM above. Deliberately small: elements, attributes, text, CDATA, comments and
 * processing instructions. A DOCTYPE (KeePass never writes one; it is where entity tricks live), an unknown entity,
 * unbalanced tags or text outside the root are errors.
 */
export function parseXmlLite(xml: string): DocumentNode {
  const doc = new DocumentNode();
  const stack: ElementNode[] = [];
  const fail = (what: string, at: number): never => {
    throw new Error(`bad xml: ${what} at offset ${at}`);
  };
  const addText = (text: string) => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      if (text.trim() !== '') fail('text outside the root element', pos);
      return;
    }
    parent.text += text;
  };
  const knownNames = new Set<string>();
  let pos = 0;
  const n = xml.length;
  while (pos < n) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0) {
      addText(decode(xml.slice(pos)));
      break;
    }
    if (lt > pos) {
      // Whitespace between elements is dropped without slicing; other text (or a leaf's) is kept exactly.
      const parent = stack[stack.length - 1];
      if (!(parent && parent.childNodes.length && isBlank(xml, pos, lt))) addText(decode(xml.slice(pos, lt)));
    }
    const c1 = xml.charCodeAt(lt + 1);
    if (c1 === 0x3f /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) fail('unterminated processing instruction', lt);
      pos = end + 2;
    } else if (c1 === 0x21 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end < 0) fail('unterminated comment', lt);
        pos = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) fail('unterminated CDATA', lt);
        if (!stack.length) fail('CDATA outside the root element', lt);
        addText(xml.slice(lt + 9, end));
        pos = end + 3;
      } else return fail('DOCTYPE or declaration', lt);
    } else if (c1 === 0x2f /* / */) {
      const end = xml.indexOf('>', lt + 2);
      if (end < 0) fail('unterminated end tag', lt);
      const name = xml.slice(lt + 2, end).trim();
      const top = stack.pop();
      if (!top || top.tagName !== name) fail(`unexpected </${name}>`, lt);
      pos = end + 1;
    } else {
      const end = xml.indexOf('>', lt + 1);
      if (end < 0) fail('unterminated tag', lt);
      const selfClosing = xml.charCodeAt(end - 1) === 0x2f;
      const bodyEnd = selfClosing ? end - 1 : end;
      let sp = lt + 1;
      for (let c = xml.charCodeAt(sp); sp < bodyEnd && c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d; c = xml.charCodeAt(++sp));
      const name = xml.slice(lt + 1, sp);
      if (!knownNames.has(name)) {
        if (!NAME.test(name)) fail(`bad tag name ${JSON.stringify(name.slice(0, 40))}`, lt);
        knownNames.add(name);
      }
      let attrs: Record<string, string> | null = null;
      if (sp < bodyEnd) {
        const rest = xml.slice(sp, bodyEnd);
        let consumed = 0;
        ATTR.lastIndex = 0;
        for (let m = ATTR.exec(rest); m; m = ATTR.exec(rest)) {
          if (rest.slice(consumed, m.index).trim() !== '') fail('bad attribute', lt);
          (attrs ??= {})[m[1]!] = decode(m[2] ?? m[3] ?? '');
          consumed = m.index + m[0].length;
        }
        if (rest.slice(consumed).trim() !== '') fail('bad attribute', lt);
      }
      const el = new ElementNode(name, attrs);
      const parent = stack[stack.length - 1];
      if (parent) {
        parent.appendChildElement(el);
        parent.text = ''; // whitespace between elements is not content
      } else if (doc.documentElement) fail('more than one root element', lt);
      else doc.documentElement = el;
      if (!selfClosing) stack.push(el);
      pos = end + 1;
    }
  }
  if (stack.length) fail(`unclosed <${stack[stack.length - 1]!.tagName}>`, n);
  if (!doc.documentElement) fail('no root element', n);
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
