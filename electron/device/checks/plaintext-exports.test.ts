import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { IMPORT_FORMATS, type ImportFormat } from '../../vault';
import { SAMPLE_ITEMS, writeFixture } from '../../vault/fixtures';
import { makeFixture, type Fixture } from '../testing';
import { EXPORT_SCAN_LIMITS } from './export-scan';
import { checkPlaintextExports, exportFolders } from './plaintext-exports';

let fx: Fixture | null = null;
afterEach(() => fx?.cleanup());
const fixture = (): Fixture => (fx = makeFixture());
const H = '/home/alice';

/** Writes an export in `format` at a host path (the writer needs a real path under the fixture root). */
async function exportAt(f: Fixture, path: string, format: ImportFormat, password?: string): Promise<void> {
  f.mkdir(path.slice(0, path.lastIndexOf('/')));
  await writeFixture(format, SAMPLE_ITEMS, f.real(path), password === undefined ? {} : { password });
}

const PLAINTEXT = IMPORT_FORMATS.filter((x) => x !== 'kdbx');

describe('leftover plaintext exports', () => {
  it('passes on a home with ordinary files, and on a home without the folders', async () => {
    const f = fixture();
    expect((await checkPlaintextExports(f.host)).status).toBe('pass');
    f.write(`${H}/Downloads/notes.txt`, 'name,url,username\nshopping list\n');
    f.write(`${H}/Documents/data.json`, JSON.stringify({ people: [{ name: 'a' }] }));
    f.write(`${H}/Desktop/bitwarden_export_2024.json`, '{"title": "named like an export, but it is not one"}');
    f.write(`${H}/Downloads/archive.zip`, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64)]));
    const r = await checkPlaintextExports(f.host);
    expect(r.status).toBe('pass');
    expect(r.evidence.join('\n')).toMatch(/scanned 3 folders .*: 4 files, by content/);
  });

  it.each(PLAINTEXT)('finds a renamed %s export by content, in each folder', async (format) => {
    const f = fixture();
    await exportAt(f, `${H}/Downloads/stuff.dat`, format);
    await exportAt(f, `${H}/Desktop/old/things`, format);
    await exportAt(f, `${H}/Documents/a/b/notes.txt`, format);
    const r = await checkPlaintextExports(f.host);
    expect(r.status).toBe('fail');
    expect(r.severity).toBe('critical');
    expect(r.actions).toEqual([
      { action: 'delete_plaintext_export', path: `${H}/Downloads/stuff.dat`, format },
      { action: 'delete_plaintext_export', path: `${H}/Desktop/old/things`, format },
      { action: 'delete_plaintext_export', path: `${H}/Documents/a/b/notes.txt`, format },
    ]);
  });

  it('does not report encrypted exports: a KDBX database and an encrypted Bitwarden export', async () => {
    const f = fixture();
    await exportAt(f, `${H}/Downloads/vault.kdbx`, 'kdbx', 'master password');
    f.write(`${H}/Downloads/bw-encrypted.json`, JSON.stringify({ encrypted: true, passwordProtected: true, salt: 's', kdfType: 0, kdfIterations: 600000, data: 'ciphertext', items: [] }));
    const r = await checkPlaintextExports(f.host);
    expect(r.status).toBe('pass');
  });

  it('scans the folder a vault was just imported from, and localised XDG folders', async () => {
    const f = fixture();
    await exportAt(f, '/mnt/usb/export.csv', 'chrome-csv');
    await exportAt(f, `${H}/Téléchargements/x.csv`, 'firefox-csv');
    f.write(`${H}/.config/user-dirs.dirs`, '# xdg\nXDG_DOWNLOAD_DIR="$HOME/Téléchargements"\nXDG_DESKTOP_DIR="$HOME"\n');
    expect(await exportFolders(f.host, ['/mnt/usb/'])).toEqual([`${H}/Téléchargements`, `${H}/Desktop`, `${H}/Documents`, '/mnt/usb']);
    const r = await checkPlaintextExports(f.host, { extraDirs: ['/mnt/usb'] });
    expect(r.actions.map((a) => (a.action === 'delete_plaintext_export' ? a.path : ''))).toEqual([`${H}/Téléchargements/x.csv`, '/mnt/usb/export.csv']);
  });

  it('stays within its bounds: depth, file count and size, and says when it stopped', async () => {
    const f = fixture();
    await exportAt(f, `${H}/Downloads/1/2/3/deep.csv`, 'chrome-csv');
    expect((await checkPlaintextExports(f.host)).status).toBe('pass');
    for (let i = 0; i < 5; i++) f.write(`${H}/Downloads/file${i}.txt`, 'hello there, nothing to see\n');
    const few = await checkPlaintextExports(f.host, { limits: { ...EXPORT_SCAN_LIMITS, maxFiles: 3 } });
    expect(few.status).toBe('unknown');
    expect(few.reason).toMatch(/stopped after 3 files/);
    await exportAt(f, `${H}/Documents/big.json`, 'bitwarden-json');
    const small = await checkPlaintextExports(f.host, { limits: { ...EXPORT_SCAN_LIMITS, maxFileBytes: 100 } });
    expect(small.status).toBe('pass');
    expect(small.evidence.join('\n')).toMatch(/big\.json: larger than 100 bytes, not inspected/);
  });

  it('skips unreadable files with a reason, and does not follow symlinks', async () => {
    const f = fixture();
    await exportAt(f, '/srv/elsewhere.json', 'bitwarden-json');
    f.link(`${H}/Downloads/link.json`, '/srv/elsewhere.json');
    await exportAt(f, `${H}/Downloads/locked.csv`, 'chrome-csv');
    const readHead = f.host.fs.readHead;
    // Running as root, chmod 000 would not stop a read: the port refuses instead, as the kernel would for a user.
    f.host.fs.readHead = (p, max) => (p.endsWith('locked.csv') ? Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' })) : readHead(p, max));
    const r = await checkPlaintextExports(f.host);
    expect(r.status).toBe('pass');
    expect(r.evidence).toContain(`${H}/Downloads/locked.csv: cannot be read (EACCES)`);
  });

  it('reads no more than its caps from a file', async () => {
    const f = fixture();
    await exportAt(f, `${H}/Downloads/a.csv`, '1password-csv');
    const asked: number[] = [];
    const readHead = f.host.fs.readHead;
    f.host.fs.readHead = (p, max) => (asked.push(max), readHead(p, max));
    await checkPlaintextExports(f.host);
    expect(asked).toEqual([EXPORT_SCAN_LIMITS.headBytes]);
    expect(readFileSync(f.real(`${H}/Downloads/a.csv`)).length).toBeGreaterThan(0);
  });
});
