import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SAMPLE_ITEMS, writeFixture } from '../fixtures';
import { IMPORT_FORMATS } from '../types';
import { detectFormat, readVaultFile } from './index';
import { expectBastionError, useTempDir } from './test-helpers';

const tmp = useTempDir();
const PW = 'detect';
// Every file gets a name that suggests a different format: detection must ignore names.
const MISLEADING: Record<(typeof IMPORT_FORMATS)[number], string> = {
  kdbx: 'export.csv',
  'bitwarden-json': 'passwords.kdbx',
  '1pux': 'bitwarden.json',
  '1password-csv': 'chrome.1pux',
  'chrome-csv': 'firefox.json',
  'firefox-csv': 'keepass.kdbx',
};

describe('format detection from content', () => {
  it.each(IMPORT_FORMATS)('%s is detected under a misleading name and imports with --format auto', async (format) => {
    const path = tmp(`${format}-${MISLEADING[format]}`);
    await writeFixture(format, SAMPLE_ITEMS, path, { password: PW });
    expect(detectFormat(new Uint8Array(await readFile(path)))).toBe(format);
    const result = await readVaultFile(path, { format: 'auto', password: PW });
    expect(result.format).toBe(format);
    expect(result.items.length).toBeGreaterThan(0);
  });

  it('a Bitwarden export whose folders push "items" past the sniffed head is still detected', async () => {
    const folders = Array.from({ length: 3000 }, (_, i) => ({ id: `f${i}`, name: `Folder number ${i}` }));
    const text = JSON.stringify({ folders, items: [{ id: 'x', type: 1, name: 'L', login: { password: 'p' } }] });
    expect(text.indexOf('"items"')).toBeGreaterThan(64 * 1024);
    expect(detectFormat(new TextEncoder().encode(text))).toBe('bitwarden-json');
  });

  it.each([
    ['some JSON', '{"hello": "world"}'],
    ['plain text', 'just some notes\nnothing else\n'],
    ['a KeePass 1 header', '\x03\xd9\xa2\x9a\x65\xfb\x4b\xb5'],
  ])('%s is not detected', (_name, text) => {
    expect(detectFormat(new Uint8Array([...text].map((c) => c.charCodeAt(0))))).toBeNull();
  });

  it('unknown content is BAD_FILE "FILE is not a supported vault export (…)"', async () => {
    const path = tmp('notes.kdbx');
    await writeFile(path, 'just some notes\n');
    const e = await expectBastionError(readVaultFile(path), 'BAD_FILE');
    expect(e.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a supported vault export \\(`));
  });

  it('a KeePass 1.x file named .kdbx is refused as UNSUPPORTED with advice', async () => {
    const path = tmp('old.kdbx');
    await writeFile(path, new Uint8Array([0x03, 0xd9, 0xa2, 0x9a, 0x65, 0xfb, 0x4b, 0xb5, 0, 0, 0, 0]));
    for (const format of ['kdbx', 'auto'] as const) {
      const e = await expectBastionError(readVaultFile(path, { format, password: 'x' }), 'UNSUPPORTED');
      expect(e.message).toMatch(/KeePass 1\.x/);
    }
  });

  it('an unknown --format value is BAD_INPUT', async () => {
    const path = tmp('x.csv');
    await writeFile(path, 'name,url,username,password\n');
    await expectBastionError(readVaultFile(path, { format: 'lastpass' as never }), 'BAD_INPUT');
  });
});
