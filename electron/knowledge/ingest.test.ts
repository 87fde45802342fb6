import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BastionError } from '../core';
import { openStore, type Store } from '../db';
import { addDocuments, checkFolder, listDocuments, removeDocument, removeFolderDocuments, syncFolders } from './ingest';
import { writeDoc } from './kb-store';
import { makePdf } from './pdf-fixture';
import { search } from './search';

let dir: string;
let docs: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-kbi-'));
  docs = join(dir, 'docs');
  mkdirSync(join(docs, 'sub'), { recursive: true });
  store = openStore({ dataDir: join(dir, 'data') });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (sql: string) => (store.db.prepare<{ n: number }>(sql).get()!.n);
const chunkRowids = (docId: string) => store.db.prepare<{ rowid: number }>('select rowid from kb_chunks where doc_id = ? order by rowid').all(docId).map((r) => r.rowid);

describe('addDocuments', () => {
  it('indexes Markdown, text, HTML and PDF from a folder, recursively', async () => {
    writeFileSync(join(docs, 'policy.md'), '# Remote work policy\n\n## VPN\nStaff must use the company VPN on hotel networks.\n');
    writeFileSync(join(docs, 'notes.txt'), 'Quarterly phishing drill results were good.');
    writeFileSync(
      join(docs, 'sub', 'page.html'),
      '<html><head><title>Badge rules</title><style>.x{color:red}</style></head><body><h1>Badges</h1><p>Wear your badge &amp; escort visitors.</p><script>alert("nope")</script></body></html>',
    );
    writeFileSync(join(docs, 'sub', 'guide.pdf'), makePdf('Printers must be patched monthly.', { title: 'Printer guide' }));
    const s = await addDocuments(store, [docs]);
    expect(s.skipped).toEqual([]);
    expect(s.added.map((d) => d.title).sort()).toEqual(['Badge rules', 'Printer guide', 'Remote work policy', 'notes']);

    const html = await search(store, 'escort visitors badge', { noEmbed: true });
    expect(html.results[0]).toMatchObject({ title: 'Badge rules', heading: 'Badges', untrusted: true });
    expect(html.results[0]!.snippet).not.toMatch(/alert|color:red/);
    expect((await search(store, 'alert nope', { noEmbed: true })).results).toEqual([]);
    expect((await search(store, 'printers patched', { noEmbed: true })).results[0]?.title).toBe('Printer guide');
    expect((await search(store, 'hotel VPN', { noEmbed: true })).results[0]).toMatchObject({ title: 'Remote work policy', heading: 'Remote work policy > VPN' });
  });

  it('never reads a FIFO, a device or a folder given as a document (bounded reads: fstat on the opened file)', async () => {
    if (process.platform === 'win32') return;
    const fifo = join(docs, 'pipe.md');
    execFileSync('mkfifo', [fifo]); // a blocking open or read of this would hang the test
    symlinkSync('/dev/zero', join(docs, 'zero.txt')); // a read of this would never end
    mkdirSync(join(dir, 'folder.md'));
    symlinkSync(join(dir, 'folder.md'), join(docs, 'folder-link.md'));
    const s = await addDocuments(store, [fifo, docs]);
    const reason = (name: string) => s.skipped.find((k) => k.path.endsWith(name))?.reason;
    expect(reason('pipe.md')).toMatch(/FIFO.*not a regular file/);
    expect(reason('zero.txt')).toMatch(/device.*not a regular file/);
    expect(reason('folder-link.md')).toMatch(/directory.*not a regular file/);
    expect(s.added).toEqual([]);
  });

  it('skips each kind of bad input with a reason and still indexes the rest', async () => {
    writeFileSync(join(docs, 'good.md'), 'Good document about passkeys.');
    writeFileSync(join(docs, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x10]));
    writeFileSync(join(docs, 'latin1.txt'), Buffer.from('caf\xe9 cr\xe8me', 'latin1'));
    writeFileSync(join(docs, 'locked.pdf'), makePdf('top secret', { encrypted: true }));
    writeFileSync(join(docs, 'broken.pdf'), '%PDF-1.4 this is not really a pdf');
    writeFileSync(join(docs, 'empty.md'), '   \n\n');
    writeFileSync(join(docs, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const huge = join(docs, 'huge.txt');
    writeFileSync(huge, '');
    truncateSync(huge, 51 * 1024 * 1024); // sparse: no real disk use
    symlinkSync(join(docs, 'missing-target.md'), join(docs, 'dangling.md'));

    const s = await addDocuments(store, [docs, join(dir, 'does-not-exist')]);
    const reason = (name: string) => s.skipped.find((k) => k.path.endsWith(name))?.reason;
    expect(s.added.map((d) => d.title)).toEqual(['good']);
    expect(reason('binary.txt')).toMatch(/binary/);
    expect(reason('latin1.txt')).toMatch(/UTF-8/);
    expect(reason('locked.pdf')).toMatch(/encrypted PDF/);
    expect(reason('broken.pdf')).toMatch(/PDF/);
    expect(reason('empty.md')).toMatch(/no readable text/);
    expect(reason('image.png')).toMatch(/unsupported file type/);
    expect(reason('huge.txt')).toMatch(/too large.*50 MB/);
    expect(reason('dangling.md')).toMatch(/cannot read/);
    expect(reason('does-not-exist')).toMatch(/no such file/);
    expect(s.skipped).toHaveLength(9);
    // Skipped files leave nothing behind.
    expect(count('select count(*) as n from kb_documents')).toBe(1);
    expect(count('select count(*) as n from kb_fts')).toBe(count('select count(*) as n from kb_chunks'));
  });

  it('re-indexes only the file that changed', async () => {
    writeFileSync(join(docs, 'a.md'), 'Alpha document about backups.');
    writeFileSync(join(docs, 'b.md'), 'Beta document about routers.');
    const first = await addDocuments(store, [docs]);
    const [a, b] = first.added.sort((x, y) => x.title.localeCompare(y.title));
    const aRows = chunkRowids(a!.id);
    const bRows = chunkRowids(b!.id);

    writeFileSync(join(docs, 'b.md'), 'Beta document now about printers.');
    const second = await addDocuments(store, [docs]);
    expect(second.added).toEqual([]);
    expect(second.unchanged.map((d) => d.id)).toEqual([a!.id]);
    expect(second.updated.map((d) => d.id)).toEqual([b!.id]);
    expect(chunkRowids(a!.id)).toEqual(aRows); // untouched
    expect(chunkRowids(b!.id)).not.toEqual(bRows); // rewritten
    expect((await search(store, 'routers', { noEmbed: true })).results).toEqual([]);
    expect((await search(store, 'printers', { noEmbed: true })).results[0]?.doc).toBe(b!.id);
    expect(count('select count(*) as n from kb_fts')).toBe(count('select count(*) as n from kb_chunks'));
  });

  it('writes a document all or nothing', () => {
    const bad = { id: 'doc_x', source: 'user' as const, path: '/x', title: 'X', kind: 'text' as const, tags: [], hash: 'h', bytes: 1, folder: null };
    const chunks = [
      { heading: '', text: 'fine', start: 0, end: 4 },
      { heading: '', text: null as unknown as string, start: 5, end: 9 }, // violates NOT NULL mid-document
    ];
    expect(() => writeDoc(store, { ...bad, chunks })).toThrow();
    expect(count('select count(*) as n from kb_documents')).toBe(0);
    expect(count('select count(*) as n from kb_chunks')).toBe(0);
    expect(count('select count(*) as n from kb_fts')).toBe(0);
  });
});

describe('removeDocument and listDocuments', () => {
  it('removes a document by id or path from every index', async () => {
    writeFileSync(join(docs, 'a.md'), 'Alpha about backups.');
    writeFileSync(join(docs, 'b.md'), 'Beta about backups.');
    await addDocuments(store, [docs]);
    const [a, b] = listDocuments(store).sort((x, y) => x.title.localeCompare(y.title));
    removeDocument(store, a!.id);
    removeDocument(store, b!.path!);
    expect(listDocuments(store)).toEqual([]);
    expect(count('select count(*) as n from kb_chunks')).toBe(0);
    expect(count('select count(*) as n from kb_fts')).toBe(0);
    expect((await search(store, 'backups', { noEmbed: true })).results).toEqual([]);
    expect(() => removeDocument(store, a!.id)).toThrow(BastionError);
  });

  it('refuses to remove a built-in article', () => {
    writeDoc(store, { id: 'sms-2fa', source: 'builtin', path: null, title: 'SMS', kind: 'markdown', tags: ['2fa'], hash: 'h', bytes: 1, folder: null, chunks: [{ heading: '', text: 'x', start: 0, end: 1 }] });
    expect(() => removeDocument(store, 'sms-2fa')).toThrow(/built-in/);
  });
});

describe('knowledge folders', () => {
  it('syncs folders (new, changed and deleted files) and drops the documents of a folder', async () => {
    writeFileSync(join(docs, 'a.md'), 'Alpha policy on laptops.');
    writeFileSync(join(docs, 'b.md'), 'Beta policy on phones.');
    expect(checkFolder(docs)).toBe(docs);
    const first = await syncFolders(store, [docs]);
    expect(first.added).toHaveLength(2);

    unlinkSync(join(docs, 'a.md'));
    writeFileSync(join(docs, 'c.md'), 'Gamma policy on tablets.');
    const second = await syncFolders(store, [docs]);
    expect(second.added.map((d) => d.title)).toEqual(['c']);
    expect(second.unchanged.map((d) => d.title)).toEqual(['b']);
    expect(second.removed.map((d) => d.title)).toEqual(['a']);

    expect(removeFolderDocuments(store, docs)).toBe(2);
    expect(listDocuments(store)).toEqual([]);
    expect(() => checkFolder(join(dir, 'nope'))).toThrow(/not a folder/);
  });
});
