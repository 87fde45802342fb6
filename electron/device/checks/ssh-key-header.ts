// Reads only the header of a private-key file to tell whether it is encrypted: the OpenSSH format's cipher name
// (right after the openssh-key-v1 magic) and public key type, PEM's Proc-Type / ENCRYPTED label, PuTTY's Encryption
// line. The private key material comes after these fields and is never decoded; callers pass only the file's first
// bytes and wipe them afterwards.

export interface KeyHeader {
  format: 'openssh' | 'pem' | 'pkcs8' | 'putty';
  encrypted: boolean;
  /** The cipher named in the header ('none' when unencrypted), where the format names one. */
  cipher: string | null;
  /** The key type (ssh-ed25519, rsa…) where the header says it, else null. */
  keyType: string | null;
}

/**
 * How much of a key file is read: the OpenSSH header fields and the public key type fit in the first ~150 decoded
 * bytes; an ed25519 key's private part starts near byte 180, past what is decoded (and past this read but a few chars).
 */
export const KEY_HEADER_BYTES = 256;
/** Base64 characters decoded: 150 bytes. */
const DECODED_CHARS = 200;

const OPENSSH_BEGIN = '-----BEGIN OPENSSH PRIVATE KEY-----';
const MAGIC = 'openssh-key-v1\0';

export function parseKeyHeader(head: Uint8Array): KeyHeader | null {
  const text = new TextDecoder('latin1').decode(head).replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith(OPENSSH_BEGIN)) return openssh(text.slice(OPENSSH_BEGIN.length));
  const pem = /^-----BEGIN ((?:RSA|DSA|EC) )?(ENCRYPTED )?PRIVATE KEY-----\r?\n/.exec(text);
  if (pem) {
    if (!pem[1]) return { format: 'pkcs8', encrypted: Boolean(pem[2]), cipher: null, keyType: null };
    const headers = text.slice(pem[0].length).split(/\r?\n\r?\n/)[0] ?? '';
    const encrypted = /^Proc-Type:\s*4,ENCRYPTED\s*$/m.test(headers);
    const cipher = encrypted ? (/^DEK-Info:\s*([A-Za-z0-9-]+)/m.exec(headers)?.[1] ?? null) : 'none';
    return { format: 'pem', encrypted, cipher, keyType: pem[1].trim().toLowerCase() };
  }
  const putty = /^PuTTY-User-Key-File-\d+:\s*(\S+)\r?\nEncryption:\s*(\S+)/.exec(text);
  if (putty) return { format: 'putty', encrypted: putty[2] !== 'none', cipher: putty[2]!, keyType: putty[1]! };
  return null;
}

function openssh(rest: string): KeyHeader | null {
  const b64 = rest.replace(/[^A-Za-z0-9+/=]/g, '').split('=')[0]!.slice(0, DECODED_CHARS);
  // Whole base64 quanta only: a partial last group would decode to garbage.
  const bytes = Buffer.from(b64.slice(0, b64.length - (b64.length % 4)), 'base64');
  try {
    if (bytes.length < MAGIC.length || bytes.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return null;
    const r = new Reader(bytes, MAGIC.length);
    const cipher = r.string();
    if (cipher === null) return null;
    r.skipString(); // kdfname
    r.skipString(); // kdfoptions (salt and rounds: not secret, not needed)
    r.uint32(); // number of keys
    r.uint32(); // length of the first public key blob
    const keyType = r.string();
    return { format: 'openssh', encrypted: cipher !== 'none', cipher, keyType };
  } finally {
    bytes.fill(0);
  }
}

/** SSH wire-format reader over a prefix: returns null (not throws) when the prefix ends early. */
class Reader {
  constructor(
    private readonly bytes: Buffer,
    private pos: number,
  ) {}

  uint32(): number | null {
    if (this.pos + 4 > this.bytes.length) return null;
    const v = this.bytes.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  string(): string | null {
    const len = this.uint32();
    if (len === null || len > 256 || this.pos + len > this.bytes.length) return null;
    const s = this.bytes.subarray(this.pos, this.pos + len).toString('latin1');
    this.pos += len;
    return /^[\x20-\x7e]*$/.test(s) ? s : null;
  }

  skipString(): void {
    const len = this.uint32();
    this.pos = len === null ? this.bytes.length : this.pos + len;
  }
}

/** FIDO security-key types: the file holds a handle, the secret stays on the token. */
export function isSecurityKeyType(keyType: string | null): boolean {
  return keyType !== null && keyType.startsWith('sk-');
}
