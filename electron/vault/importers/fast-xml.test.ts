import { DOMParser } from '@xmldom/xmldom';
import kdbxweb from 'kdbxweb';
import { describe, expect, it } from 'vitest';
import { installArgon2 } from './argon2';
import { parseXmlLite, withFastXml } from './fast-xml';

interface Shape {
  tag: string;
  protectedAttr: string | null;
  text: string;
  children: Shape[];
}

// Reduce both DOMs to what kdbxweb reads: element names, the Protected attribute, and leaf text.
function shape(node: { tagName?: string; childNodes: ArrayLike<unknown>; textContent: string | null; getAttribute?: (n: string) => string | null }): Shape {
  const children: Shape[] = [];
  for (let i = 0; i < node.childNodes.length; i++) {
    const c = node.childNodes[i] as typeof node;
    if (c.tagName) children.push(shape(c));
  }
  // xmldom 0.7 answers '' for a missing attribute, the lite DOM null: kdbxweb treats both as false.
  // Text is compared on leaves, the only place kdbxweb reads it (the lite DOM drops whitespace between elements).
  return { tag: node.tagName ?? '', protectedAttr: node.getAttribute?.('Protected') || null, text: children.length ? '' : (node.textContent ?? ''), children };
}

describe('parseXmlLite', () => {
  it('reads a KeePass XML document exactly as xmldom does (entities, unicode, newlines, empty values)', async () => {
    installArgon2();
    const db = kdbxweb.Kdbx.create(new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString('x')), 'A & B <db>');
    const tricky = ['Tom & Jerry <cartoon> "quoted" \'apos\'', 'ünïcødé 日本語 🔐', 'line1\nline2\r\n\tindent', '', '   ', '&amp; literal', ']]> <![CDATA[ x ]]>'];
    for (const t of tricky) {
      const e = db.createEntry(db.getDefaultGroup());
      e.fields.set('Title', t);
      e.fields.set('Notes', t);
      e.fields.set('Password', kdbxweb.ProtectedValue.fromString(t));
      e.fields.set(`Custom ${t.slice(0, 3)}`, t);
    }
    const xml = await db.saveXml(true);
    const reference = new DOMParser().parseFromString(xml, 'application/xml');
    const lite = parseXmlLite(xml);
    expect(shape(lite.documentElement! as never)).toEqual(shape(reference.documentElement as never));
  });

  it('rejects unbalanced XML, DOCTYPEs, unknown entities and stray text', () => {
    expect(() => parseXmlLite('<a><b></a>')).toThrow(/unexpected <\/a>/);
    expect(() => parseXmlLite('<a>')).toThrow(/unclosed/);
    expect(() => parseXmlLite('')).toThrow(/no root/);
    expect(() => parseXmlLite('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')).toThrow(/DOCTYPE/);
    expect(() => parseXmlLite('<a>&x;</a>')).toThrow(/unknown entity/);
    expect(() => parseXmlLite('<a>fish & chips</a>')).toThrow(/bare/);
    expect(() => parseXmlLite('<a/><b/>')).toThrow(/more than one root/);
    expect(() => parseXmlLite('junk<a/>')).toThrow(/outside the root/);
    expect(() => parseXmlLite('<a x="1" junk></a>')).toThrow(/bad attribute/);
  });

  it('decodes entities and character references in text and attributes; keeps CDATA and leaf whitespace', () => {
    const doc = parseXmlLite('<?xml version="1.0"?><!-- c --><r a="&quot;1&amp;2&#x3C;">\n\t<v>&lt;&#233;&#x1F510;&gt;</v>\n\t<w>  </w><c><![CDATA[<raw>&amp;]]></c><e/></r>');
    const r = doc.documentElement!;
    expect(r.getAttribute('a')).toBe('"1&2<');
    expect(r.childNodes.map((c) => c.tagName)).toEqual(['v', 'w', 'c', 'e']);
    expect(r.childNodes.map((c) => c.textContent)).toEqual(['<é🔐>', '  ', '<raw>&amp;', '']);
  });

  it('withFastXml swaps kdbxweb’s reader only while work runs, even when work overlaps or fails', async () => {
    const before = kdbxweb.XmlUtils.parse;
    let inside: unknown;
    await Promise.all([
      withFastXml(async () => {
        inside = kdbxweb.XmlUtils.parse;
        await new Promise((r) => setTimeout(r, 5));
      }),
      withFastXml(async () => {
        await new Promise((r) => setTimeout(r, 1));
      }),
    ]);
    expect(inside).not.toBe(before);
    expect(kdbxweb.XmlUtils.parse).toBe(before);
    await expect(withFastXml(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(kdbxweb.XmlUtils.parse).toBe(before);
  });
});
