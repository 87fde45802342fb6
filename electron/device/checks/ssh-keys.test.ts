import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture, type Fixture } from '../testing';
import { KEY_HEADER_BYTES, parseKeyHeader } from './ssh-key-header';
import { checkSshKeys } from './ssh-keys';

// Keys are made with ssh-keygen at test time, with and without a passphrase, in the three formats it writes.
const hasKeygen = spawnSync('sh', ['-c', 'command -v ssh-keygen']).status === 0;

let keys = '';
const key = (name: string): string => join(keys, name);

function keygen(args: string[]): void {
  execFileSync('ssh-keygen', ['-q', ...args], { stdio: 'ignore' });
}

beforeAll(() => {
  if (!hasKeygen) return;
  keys = mkdtempSync(join(tmpdir(), 'bastion-keys-'));
  keygen(['-t', 'ed25519', '-N', '', '-C', 'bare', '-f', key('ed25519_bare')]);
  keygen(['-t', 'ed25519', '-N', 'correct horse', '-C', 'enc', '-f', key('ed25519_enc')]);
  keygen(['-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', '', '-f', key('rsa_pem_bare')]);
  keygen(['-t', 'ecdsa', '-m', 'PKCS8', '-N', '', '-f', key('ecdsa_pkcs8_bare')]);
  // Re-encrypt copies in the legacy formats: PEM (Proc-Type header) and PKCS#8 (ENCRYPTED PRIVATE KEY).
  copyFileSync(key('rsa_pem_bare'), key('rsa_pem_enc'));
  keygen(['-p', '-m', 'PEM', '-P', '', '-N', 'correct horse', '-f', key('rsa_pem_enc')]);
  copyFileSync(key('ecdsa_pkcs8_bare'), key('ecdsa_pkcs8_enc'));
  keygen(['-p', '-m', 'PKCS8', '-P', '', '-N', 'correct horse', '-f', key('ecdsa_pkcs8_enc')]);
});
afterAll(() => {
  if (keys) rmSync(keys, { recursive: true, force: true });
});

let fx: Fixture | null = null;
afterEach(() => fx?.cleanup());

it.skipIf(hasKeygen)('SKIPPED: ssh-keygen is missing (apt-get install openssh-client) — the key-file tests below did not run', () => {});

describe.skipIf(!hasKeygen)('SSH key headers from ssh-keygen', () => {
  it.each([
    ['ed25519_bare', { format: 'openssh', encrypted: false, cipher: 'none', keyType: 'ssh-ed25519' }],
    ['ed25519_enc', { format: 'openssh', encrypted: true, cipher: 'aes256-ctr', keyType: 'ssh-ed25519' }],
    ['rsa_pem_bare', { format: 'pem', encrypted: false, cipher: 'none', keyType: 'rsa' }],
    ['rsa_pem_enc', { format: 'pem', encrypted: true, keyType: 'rsa' }],
    ['ecdsa_pkcs8_bare', { format: 'pkcs8', encrypted: false }],
    ['ecdsa_pkcs8_enc', { format: 'pkcs8', encrypted: true }],
  ])('%s', (name, expected) => {
    const head = readFileSync(key(name)).subarray(0, KEY_HEADER_BYTES);
    expect(parseKeyHeader(head)).toMatchObject(expected);
  });

  it('public keys, known_hosts and config are not private keys', () => {
    expect(parseKeyHeader(readFileSync(key('ed25519_bare.pub')))).toBeNull();
    expect(parseKeyHeader(new TextEncoder().encode('Host *\n  IdentityFile ~/.ssh/id_ed25519\n'))).toBeNull();
  });
});

describe.skipIf(!hasKeygen)('the ssh_keys check on a fixture home', () => {
  function home(files: Record<string, { from: string; mode: number }>): Fixture {
    const f = (fx = makeFixture());
    f.mkdir('/home/alice/.ssh', 0o700);
    for (const [name, { from, mode }] of Object.entries(files)) f.write(`/home/alice/.ssh/${name}`, readFileSync(from), mode);
    f.write('/home/alice/.ssh/known_hosts', 'github.com ssh-ed25519 AAAAC3Nza...\n', 0o644);
    f.write('/home/alice/.ssh/config', 'Host *\n', 0o644);
    return f;
  }

  it('passes when every key has a passphrase and is private (whatever the names)', async () => {
    const f = home({
      work_key: { from: key('ed25519_enc'), mode: 0o600 },
      'work_key.pub': { from: key('ed25519_enc.pub'), mode: 0o644 },
      legacy: { from: key('rsa_pem_enc'), mode: 0o600 },
      other: { from: key('ecdsa_pkcs8_enc'), mode: 0o400 },
    });
    const r = await checkSshKeys(f.host);
    expect(r.status).toBe('pass');
    expect(r.evidence).toContain('/home/alice/.ssh/work_key: OpenSSH ssh-ed25519 key, passphrase (aes256-ctr), mode 0600');
    expect(r.evidence.filter((e) => / key, /.test(e))).toHaveLength(3);
  });

  it('fails for a key without a passphrase (a renamed one too), telling how to add one', async () => {
    const f = home({ id_ed25519: { from: key('ed25519_enc'), mode: 0o600 }, 'backup.txt': { from: key('rsa_pem_bare'), mode: 0o600 } });
    const r = await checkSshKeys(f.host);
    expect(r.status).toBe('fail');
    expect(r.severity).toBe('high');
    expect(r.reason).toMatch(/1 key has no passphrase/);
    expect(r.fix).toContain('ssh-keygen -p -f /home/alice/.ssh/backup.txt');
    expect(r.actions).toEqual([]);
  });

  it('fails as critical for a key file others can read, offering fix_file_permissions', async () => {
    const f = home({ id_ed25519: { from: key('ed25519_enc'), mode: 0o644 } });
    const r = await checkSshKeys(f.host);
    expect(r.status).toBe('fail');
    expect(r.severity).toBe('critical');
    expect(r.actions).toEqual([{ action: 'fix_file_permissions', path: '/home/alice/.ssh/id_ed25519' }]);
  });

  it('reads only the header of each file, and no key material reaches the result', async () => {
    const f = home({ id_ed25519: { from: key('ed25519_bare'), mode: 0o640 }, id_rsa: { from: key('rsa_pem_bare'), mode: 0o600 } });
    const asked: number[] = [];
    const readHead = f.host.fs.readHead;
    f.host.fs.readHead = (p, max) => (asked.push(max), readHead(p, max));
    const r = await checkSshKeys(f.host);
    expect(r.status).toBe('fail');
    // Less than the smallest key file: the whole of a key is never read.
    expect(Math.max(...asked)).toBeLessThan(readFileSync(key('ed25519_bare')).length);
    const out = JSON.stringify(r);
    for (const name of ['ed25519_bare', 'rsa_pem_bare']) {
      const body = readFileSync(key(name), 'utf8').split('\n').slice(1, -2).join('');
      const chunks = body.slice(120).match(/.{24}/g) ?? [];
      expect(chunks.length).toBeGreaterThan(5);
      // Positive control: the same probe finds the material in the file itself.
      expect(chunks.some((c) => readFileSync(key(name), 'utf8').replace(/\n/g, '').includes(c))).toBe(true);
      expect(chunks.filter((c) => out.includes(c))).toEqual([]);
    }
  });
});

describe('ssh key headers (synthetic)', () => {
  const str = (s: string): Buffer => Buffer.concat([u32(Buffer.byteLength(s)), Buffer.from(s)]);
  const u32 = (n: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const pem = (bytes: Buffer): Uint8Array =>
    new TextEncoder().encode(`-----BEGIN OPENSSH PRIVATE KEY-----\n${bytes.toString('base64').replace(/.{70}/g, '$&\n')}\n-----END OPENSSH PRIVATE KEY-----\n`);

  it('a FIDO security-key handle is recognised by its public key type', () => {
    const pub = Buffer.concat([str('sk-ssh-ed25519@openssh.com'), str('x'.repeat(32)), str('ssh:')]);
    const bytes = Buffer.concat([Buffer.from('openssh-key-v1\0'), str('none'), str('none'), str(''), u32(1), u32(pub.length), pub]);
    expect(parseKeyHeader(pem(bytes))).toMatchObject({ encrypted: false, keyType: 'sk-ssh-ed25519@openssh.com' });
  });

  it('a truncated or foreign body is not taken for a key; PuTTY files are read from their header', () => {
    expect(parseKeyHeader(new TextEncoder().encode('-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n'))).toBeNull();
    expect(parseKeyHeader(pem(Buffer.from('not-openssh-at-all')))).toBeNull();
    expect(parseKeyHeader(new TextEncoder().encode('PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: x\n'))).toMatchObject({ format: 'putty', encrypted: false });
    expect(parseKeyHeader(new TextEncoder().encode('PuTTY-User-Key-File-2: ssh-rsa\r\nEncryption: aes256-cbc\r\n'))).toMatchObject({ encrypted: true });
  });
});
