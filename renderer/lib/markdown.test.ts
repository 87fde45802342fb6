import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, plainText, splitSources, type Block, type Inline } from './markdown';

const text = (v: string): Inline => ({ t: 'text', v });

/** Every string value anywhere in the tree (what could reach the screen). */
function strings(x: unknown): string[] {
  if (typeof x === 'string') return [x];
  if (Array.isArray(x)) return x.flatMap(strings);
  if (x && typeof x === 'object') return Object.values(x).flatMap(strings);
  return [];
}
const kinds = (blocks: Block[]): string[] => blocks.map((b) => b.t);

describe('markdown subset: blocks', () => {
  it('paragraphs, headings, lists, quotes, code and rules', () => {
    const md = ['# Reused passwords', '', 'Two items **share** a password.', 'Change one of them.', '', '- GitHub', '- Work mail', '  (the older one)', '', '3. First', '4. Second', '', '> quoted', '> text', '', '```', 'code <b>x</b>', '```', '', '* * *'].join('\n');
    const blocks = parseMarkdown(md);
    expect(kinds(blocks)).toEqual(['h', 'p', 'ul', 'ol', 'quote', 'code', 'hr']);
    expect(blocks[0]).toEqual({ t: 'h', level: 1, c: [text('Reused passwords')] });
    expect(blocks[1]).toEqual({ t: 'p', c: [text('Two items '), { t: 'strong', c: [text('share')] }, text(' a password.\nChange one of them.')] });
    expect(blocks[2]).toEqual({ t: 'ul', items: [[text('GitHub')], [text('Work mail\n(the older one)')]] });
    expect(blocks[3]).toMatchObject({ t: 'ol', start: 3, items: [[text('First')], [text('Second')]] });
    expect(blocks[4]).toEqual({ t: 'quote', c: [{ t: 'p', c: [text('quoted\ntext')] }] });
    expect(blocks[5]).toEqual({ t: 'code', v: 'code <b>x</b>' });
  });

  it('an answer still streaming: an open code fence runs to the end', () => {
    expect(parseMarkdown('Try:\n```\nbastion report')).toEqual([
      { t: 'p', c: [text('Try:')] },
      { t: 'code', v: 'bastion report' },
    ]);
  });

  it('a list right under a paragraph starts a list', () => {
    expect(kinds(parseMarkdown('These are reused:\n- A\n- B'))).toEqual(['p', 'ul']);
  });
});

describe('markdown subset: inline', () => {
  it('bold, italic, code, and snake_case left alone', () => {
    expect(parseInline('a *b* __c__ `d*e*` snake_case_name _f_')).toEqual([
      text('a '),
      { t: 'em', c: [text('b')] },
      text(' '),
      { t: 'strong', c: [text('c')] },
      text(' '),
      { t: 'code', v: 'd*e*' },
      text(' snake_case_name '),
      { t: 'em', c: [text('f')] },
    ]);
    expect(parseInline('*a **b** c*')).toEqual([{ t: 'em', c: [text('a '), { t: 'strong', c: [text('b')] }, text(' c')] }]);
    expect(parseInline('2 * 3 * 4 and a*')).toEqual([text('2 * 3 * 4 and a*')]);
    expect(parseInline('\\*not emphasis\\*')).toEqual([text('*not emphasis*')]);
  });

  it('links are kept as text and address; images as their description; citations stay text', () => {
    expect(parseInline('see [the guide](https://example.org/x "t") now')).toEqual([text('see '), { t: 'link', c: [text('the guide')], href: 'https://example.org/x' }, text(' now')]);
    expect(parseInline('![a tracking pixel](https://evil.example/p.png)')).toEqual([{ t: 'image', alt: 'a tracking pixel' }]);
    expect(parseInline('<https://example.org>')).toEqual([{ t: 'link', c: [text('https://example.org')], href: 'https://example.org' }]);
    expect(parseInline('as [1] and [2] say')).toEqual([text('as [1] and [2] say')]);
    expect(plainText(parseInline('[guide](https://e.org) and [https://e.org](https://e.org) ![x](y)'))).toBe('guide (https://e.org) and https://e.org x');
  });

  it('HTML is never markup: tags stay literal text in the tree, nothing else carries them', () => {
    const md = '<img src=x onerror=alert(1)> <script>alert(1)</script> [x](javascript:void) <a href="https://e.org">y</a>';
    const blocks = parseMarkdown(md);
    expect(kinds(blocks)).toEqual(['p']);
    // The only node types are the subset's: no "html" node exists to render.
    const types = JSON.stringify(blocks).match(/"t":"[a-z]+"/g)!;
    expect(new Set(types)).toEqual(new Set(['"t":"p"', '"t":"text"', '"t":"link"']));
    expect(strings(blocks).join('')).toContain('<script>alert(1)</script>');
  });
});

describe('sources listed once', () => {
  it('splits the engine\'s trailing Sources list, keeping the numbers the answer cites', () => {
    const answer = 'Use a manager [2] and 2FA [4].\n\nSources:\n[2] Password managers\n[4] Two-factor';
    expect(splitSources(answer, 2)).toEqual({ body: 'Use a manager [2] and 2FA [4].', numbers: [2, 4] });
  });
  it('leaves text alone when there are no citations or the list does not match them', () => {
    const stored = 'Answer.\n\nSources:\n[1] A';
    expect(splitSources(stored, 0)).toEqual({ body: stored, numbers: [] });
    expect(splitSources(stored, 2)).toEqual({ body: stored, numbers: [1, 2] });
    expect(splitSources('From the knowledge base:\n\n[1] A\nsnippet', 1)).toEqual({ body: 'From the knowledge base:\n\n[1] A\nsnippet', numbers: [1] });
  });
});
