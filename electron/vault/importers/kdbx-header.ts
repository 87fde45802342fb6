import { BastionError } from '../../core';
import { LIMITS } from './limits';

// Reads just enough of a KDBX outer header to learn the key-derivation cost, so a hostile file cannot make us run
// a 64 GiB Argon2 or a billion AES rounds: kdbxweb would start the KDF as soon as it has parsed the header.

export const KDBX_MAGIC = [0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb, 0x4b, 0xb5] as const;
const KDB1_SIG2 = 0xb54bfb65;

const KDF_ARGON2D = 'ef636ddf8c29444b91f7a9a403e30a0c';
const KDF_ARGON2ID = '9e298b1956db4773b23dfc3ec6f0a1e6';
const KDF_AES = 'c9d9f39a628a4460bf740d08c18a4fea';

export type KdbxKdf =
  | { kind: 'aes'; rounds: number }
  | { kind: 'argon2d' | 'argon2id'; memoryBytes: number; iterations: number; parallelism: number; version: number };

// Outer-header cipher ids (field 2). KeePass 2 ships AES-256 and ChaCha20; Twofish comes from a KeePass plugin (and
// KeePassXC), and kdbxweb cannot decrypt it.
const CIPHER_AES = '31c1f2e6bf714350be5805216afc5aff';
const CIPHER_CHACHA20 = 'd6038a2b8b6f4cb5a524339a31dbb59a';
const CIPHER_TWOFISH = 'ad68f29f576f4bb9a36ad47af965346c';

export interface KdbxHeaderInfo {
  major: number;
  minor: number;
  kdf: KdbxKdf;
  cipher: 'aes' | 'chacha20';
  /** Offset just past the outer header (KDBX 4: where its SHA-256 and HMAC-SHA-256 follow). */
  headerEnd: number;
}

/** KeePass 1.x (.kdb): same first signature word, different second. */
export function isKdb1(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && [0x03, 0xd9, 0xa2, 0x9a, 0x65, 0xfb, 0x4b, 0xb5].every((b, i) => bytes[i] === b);
}

export function hasKdbxMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && KDBX_MAGIC.every((b, i) => bytes[i] === b);
}

function corrupt(file: string, what: string): BastionError {
  return new BastionError('BAD_FILE', `${file} is a damaged KeePass file (${what}).`);
}

/** Parses the outer header and the KDF parameters; throws BAD_FILE if malformed, TOO_LARGE if the KDF is hostile. */
export function readKdbxHeader(bytes: Uint8Array, file: string): KdbxHeaderInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12) throw corrupt(file, 'truncated header');
  if (view.getUint32(0, true) !== 0x9aa2d903) throw new BastionError('BAD_FILE', `${file} is not a KeePass KDBX file.`);
  const sig2 = view.getUint32(4, true);
  if (sig2 === KDB1_SIG2) {
    throw new BastionError('UNSUPPORTED', `${file} is a KeePass 1.x .kdb file; convert it to KDBX with KeePass 2 or KeePassXC first.`);
  }
  if (sig2 !== 0xb54bfb67) throw new BastionError('BAD_FILE', `${file} is not a KeePass KDBX file.`);
  const minor = view.getUint16(8, true);
  const major = view.getUint16(10, true);
  // kdbxweb would read a KDBX 3.0 file as 3.1; KeePass 2.20+ writes 3.1, and 3.0 is refused as the message says.
  if (!((major === 3 && minor === 1) || (major === 4 && minor <= 1))) {
    throw new BastionError('UNSUPPORTED', `${file} is KDBX version ${major}.${minor}; only KDBX 3.1 and 4.x (4.0, 4.1) are supported.`);
  }
  let pos = 12;
  let rounds: number | null = null;
  let kdfDict: Uint8Array | null = null;
  let cipherId: string | null = null;
  for (;;) {
    const headLen = major === 4 ? 5 : 3;
    if (pos + headLen > bytes.length) throw corrupt(file, 'truncated header');
    const id = view.getUint8(pos);
    const size = major === 4 ? view.getUint32(pos + 1, true) : view.getUint16(pos + 1, true);
    pos += headLen;
    if (pos + size > bytes.length) throw corrupt(file, 'truncated header');
    const data = bytes.subarray(pos, pos + size);
    pos += size;
    if (id === 0) break;
    if (id === 2) cipherId = Buffer.from(data).toString('hex');
    if (id === 6 && major === 3) {
      if (size !== 8) throw corrupt(file, 'bad transform rounds');
      rounds = readU64(new DataView(data.buffer, data.byteOffset, 8), 0);
    }
    if (id === 11 && major === 4) kdfDict = data;
  }
  const cipher = cipherOf(cipherId, file);
  const base = { major, minor, cipher, headerEnd: pos };
  if (major === 3) {
    if (rounds === null) throw corrupt(file, 'no transform rounds');
    return checked({ ...base, kdf: { kind: 'aes', rounds } }, file);
  }
  if (!kdfDict) throw corrupt(file, 'no KDF parameters');
  const dict = readVariantDictionary(kdfDict, file);
  const uuid = dict.get('$UUID');
  if (!(uuid instanceof Uint8Array) || uuid.length !== 16) throw corrupt(file, 'no KDF id');
  const hex = Buffer.from(uuid).toString('hex');
  const num = (key: string): number => {
    const v = dict.get(key);
    if (typeof v !== 'number') throw corrupt(file, `KDF parameter ${key} missing`);
    return v;
  };
  let kdf: KdbxKdf;
  if (hex === KDF_AES) kdf = { kind: 'aes', rounds: num('R') };
  else if (hex === KDF_ARGON2D || hex === KDF_ARGON2ID) {
    kdf = {
      kind: hex === KDF_ARGON2D ? 'argon2d' : 'argon2id',
      memoryBytes: num('M'),
      iterations: num('I'),
      parallelism: num('P'),
      version: num('V'),
    };
  } else throw new BastionError('UNSUPPORTED', `${file} uses an unknown key-derivation function.`);
  return checked({ ...base, kdf }, file);
}

function cipherOf(id: string | null, file: string): 'aes' | 'chacha20' {
  if (id === CIPHER_AES) return 'aes';
  if (id === CIPHER_CHACHA20) return 'chacha20';
  if (id === null) throw corrupt(file, 'no cipher id');
  if (id === CIPHER_TWOFISH) {
    throw new BastionError(
      'UNSUPPORTED',
      `${file} is encrypted with Twofish, which Bastion cannot decrypt; in KeePass or KeePassXC switch the database's encryption to AES-256 or ChaCha20, save, and import again.`,
    );
  }
  throw new BastionError('UNSUPPORTED', `${file} is encrypted with an unknown cipher (${id}); only AES-256 and ChaCha20 are supported.`);
}

function checked(info: KdbxHeaderInfo, file: string): KdbxHeaderInfo {
  const k = info.kdf;
  const tooLarge = (what: string) =>
    new BastionError('TOO_LARGE', `${file} asks for ${what}, beyond Bastion's safety limit; refusing to open it.`);
  if (k.kind === 'aes') {
    if (k.rounds > LIMITS.maxAesRounds) throw tooLarge(`${k.rounds} AES-KDF rounds`);
    return info;
  }
  if (k.memoryBytes > LIMITS.maxArgon2MemoryBytes) throw tooLarge(`${Math.round(k.memoryBytes / 2 ** 20)} MiB of Argon2 memory`);
  if (k.iterations > LIMITS.maxArgon2Iterations) throw tooLarge(`${k.iterations} Argon2 iterations`);
  if (k.parallelism > LIMITS.maxArgon2Parallelism) throw tooLarge(`Argon2 parallelism ${k.parallelism}`);
  if (k.memoryBytes * k.iterations > LIMITS.maxArgon2WorkBytes) {
    throw tooLarge(`Argon2 work of ${Math.round(k.memoryBytes / 2 ** 20)} MiB × ${k.iterations} iterations`);
  }
  if (k.memoryBytes < 8 * 1024 || k.iterations < 1 || k.parallelism < 1) throw corrupt(file, 'bad Argon2 parameters');
  if (k.version !== 0x13) {
    throw new BastionError('UNSUPPORTED', `${file} uses Argon2 version 0x${k.version.toString(16)}; only 0x13 is supported.`);
  }
  return info;
}

function readU64(view: DataView, at: number): number {
  const lo = view.getUint32(at, true);
  const hi = view.getUint32(at + 4, true);
  // Beyond 2^53 the exact value does not matter: every cap is far below it.
  return hi * 2 ** 32 + lo;
}

/** KDBX 4 VariantDictionary: u16 version, then (u8 type, i32 nameLen, name, i32 valueLen, value)* and a 0 type. */
export function readVariantDictionary(data: Uint8Array, file: string): Map<string, number | boolean | string | Uint8Array> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out = new Map<string, number | boolean | string | Uint8Array>();
  if (data.length < 2 || view.getUint8(1) !== 0x01) throw corrupt(file, 'bad KDF dictionary');
  let pos = 2;
  const utf8 = new TextDecoder();
  for (;;) {
    if (pos + 1 > data.length) throw corrupt(file, 'truncated KDF dictionary');
    const type = view.getUint8(pos);
    pos += 1;
    if (type === 0) return out;
    if (pos + 4 > data.length) throw corrupt(file, 'truncated KDF dictionary');
    const nameLen = view.getInt32(pos, true);
    pos += 4;
    if (nameLen < 0 || pos + nameLen + 4 > data.length) throw corrupt(file, 'truncated KDF dictionary');
    const name = utf8.decode(data.subarray(pos, pos + nameLen));
    pos += nameLen;
    const valueLen = view.getInt32(pos, true);
    pos += 4;
    if (valueLen < 0 || pos + valueLen > data.length) throw corrupt(file, 'truncated KDF dictionary');
    const v = new DataView(data.buffer, data.byteOffset + pos, valueLen);
    const raw = data.subarray(pos, pos + valueLen);
    pos += valueLen;
    switch (type) {
      case 0x04: // UInt32
      case 0x0c: // Int32
        if (valueLen !== 4) throw corrupt(file, `bad ${name}`);
        out.set(name, type === 0x04 ? v.getUint32(0, true) : v.getInt32(0, true));
        break;
      case 0x05: // UInt64
      case 0x0d: // Int64 (negative values are nonsense for a KDF; treat the raw bits as unsigned)
        if (valueLen !== 8) throw corrupt(file, `bad ${name}`);
        out.set(name, readU64(v, 0));
        break;
      case 0x08:
        out.set(name, raw[0] !== 0);
        break;
      case 0x18:
        out.set(name, utf8.decode(raw));
        break;
      case 0x42:
        out.set(name, raw);
        break;
      default:
        throw corrupt(file, `unknown KDF dictionary type ${type}`);
    }
  }
}
