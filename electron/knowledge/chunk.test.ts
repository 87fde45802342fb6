import { describe, expect, it } from 'vitest';
import { chunkText, sentences } from './chunk';

const doc = `---
id: x
---
Intro sentence one. Intro sentence two.

## Passwords
Long passwords are better. Short ones fall fast.

### Length
Use sixteen characters or more.

## Two factor
Turn it on everywhere.
`;

describe('chunkText', () => {
  it('keeps heading paths and never crosses a heading', () => {
    const chunks = chunkText(doc, { bodyStart: doc.indexOf('Intro') });
    expect(chunks.map((c) => c.heading)).toEqual(['', 'Passwords', 'Passwords > Length', 'Two factor']);
    expect(chunks[1]!.text).toBe('Long passwords are better. Short ones fall fast.');
    expect(chunks.some((c) => c.text.includes('##'))).toBe(false);
  });

  it('skips front matter and makes every chunk an exact slice of the source', () => {
    const chunks = chunkText(doc, { bodyStart: doc.indexOf('Intro') });
    expect(chunks.some((c) => c.text.includes('id: x'))).toBe(false);
    for (const c of chunks) expect(doc.slice(c.start, c.end)).toBe(c.text);
  });

  it('splits long sections at sentence boundaries, within the size limit', () => {
    const sents = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} talks about passwords and keys.`);
    const text = `# Title\n\n${sents.join(' ')}\n`;
    const chunks = chunkText(text, { maxChars: 200 });
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(200);
      expect(c.text).toMatch(/^Sentence number \d+/);
      expect(c.text).toMatch(/keys\.$/);
      expect(text.slice(c.start, c.end)).toBe(c.text);
      expect(c.heading).toBe('Title');
    }
    // Nothing lost: every sentence appears in exactly one chunk.
    for (const s of sents) expect(chunks.filter((c) => c.text.includes(s))).toHaveLength(1);
  });

  it('packs short paragraphs together but not across headings', () => {
    const text = 'a one.\n\nb two.\n\nc three.\n\n# H\n\nd four.';
    const chunks = chunkText(text, { maxChars: 100 });
    expect(chunks).toHaveLength(2);
    expect(chunks[0]!.text).toBe('a one.\n\nb two.\n\nc three.');
    expect(chunks[1]).toMatchObject({ heading: 'H', text: 'd four.' });
  });

  it('hard-splits a single sentence longer than the limit at whitespace', () => {
    const long = `${'word '.repeat(100).trim()}.`;
    const chunks = chunkText(long, { maxChars: 120, markdownHeadings: false });
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(120);
      expect(long.slice(c.start, c.end)).toBe(c.text);
      expect(c.text.startsWith(' ')).toBe(false);
    }
  });

  it('treats # lines as text when headings are off (plain text, PDF)', () => {
    const chunks = chunkText('# not a heading\nmore text.', { markdownHeadings: false });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.heading).toBe('');
  });

  it('returns no chunks for blank input', () => {
    expect(chunkText('\n\n   \n')).toEqual([]);
  });
});

describe('sentences', () => {
  it('does not split on abbreviations like e.g. and keeps offsets', () => {
    const text = 'Use a manager, e.g. KeePassXC. Then relax!';
    const s = sentences(text, { start: 0, end: text.length });
    expect(s.map((x) => text.slice(x.start, x.end))).toEqual(['Use a manager, e.g. KeePassXC.', 'Then relax!']);
  });
});
