import { createDecipheriv } from 'node:crypto';
import kdbxweb from 'kdbxweb';
import { BastionError } from '../../core';
import type { ImportOptions } from '../types';
import { installArgon2 } from './argon2';
import { withFastXml } from './fast-xml';
import type { KdbxHeaderInfo } from './kdbx-header';

// Opening a KDBX with errors that blame the right thing: the key file (not "a corrupted database"), a damaged file
// opened with the RIGHT password (not "wrong password"), or the credentials.
//
// Right password or not: KDBX 4 authenticates its header with an HMAC under the key, so the HMAC kdbxweb computes,
// compared with the file's, says whether the key is right, whatever fails later; KDBX 3.1 starts its payload with the
// 32 "stream start bytes" also kept in the header, so decrypting the first two AES blocks tells a right key from a
// wrong one even when the end of the file is cut off (which kdbxweb reports as a padding failure: "invalid key").
// Both are watched on this load's own KdbxFormat instance (kdbxweb 2.x internals; kdbx-errors.test.ts covers them).

// Read when an error is classified, not at import: touching kdbxweb loads it (~0.5 MB) for every command.
const errorCodes = () => kdbxweb.Consts.ErrorCodes;

/** The key was right but the file is not intact. */
class DamagedFile extends Error {}

type DecryptData = (data: ArrayBuffer, key: ArrayBuffer) => Promise<ArrayBuffer>;
type HeaderHmac = (stm: unknown, key: ArrayBuffer) => Promise<ArrayBuffer>;

export async function openKdbx(bytes: Uint8Array, file: string, header: KdbxHeaderInfo, opts: ImportOptions): Promise<kdbxweb.Kdbx> {
  installArgon2();
  const credentials = new kdbxweb.Credentials(
    opts.password === undefined ? null : kdbxweb.ProtectedValue.fromString(opts.password),
    opts.keyFile ?? null,
  );
  try {
    await credentials.ready;
  } catch (e) {
    throw keyFileError(e, opts.keyFilePath);
  }
  // Kdbx.load, less its argument checks, so that this load's own KdbxFormat can be watched (no global state).
  const kdbx = new (kdbxweb.Kdbx as unknown as new () => kdbxweb.Kdbx)();
  kdbx.credentials = credentials;
  const format = new kdbxweb.KdbxFormat(kdbx);
  let keyVerified = false;
  const watched = format as unknown as { decryptData: DecryptData; getHeaderHmac: HeaderHmac };
  if (header.major === 4) {
    // The header HMAC kdbxweb computes under the key, compared with the one in the file: equal = right key.
    const getHeaderHmac = watched.getHeaderHmac.bind(format);
    watched.getHeaderHmac = async (stm, key) => {
      const hmac = await getHeaderHmac(stm, key);
      const stored = bytes.subarray(header.headerEnd + 32, header.headerEnd + 64);
      keyVerified = stored.length === 32 && Buffer.from(hmac).equals(stored);
      return hmac;
    };
  } else {
    const decryptData = watched.decryptData.bind(format);
    watched.decryptData = async (data, key) => {
      try {
        const out = await decryptData(data, key);
        keyVerified = startsWithStreamStart(kdbx, new Uint8Array(out));
        return out;
      } catch (e) {
        if (header.cipher === 'aes' && aesStartMatches(kdbx, data, key)) throw new DamagedFile();
        throw e;
      }
    };
  }
  try {
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    return await withFastXml(() => format.load(ab));
  } catch (e) {
    throw loadError(e, file, bytes, header, keyVerified, opts);
  }
}

function startsWithStreamStart(kdbx: kdbxweb.Kdbx, data: Uint8Array): boolean {
  const ssb = kdbx.header.streamStartBytes;
  return !!ssb && data.length >= ssb.byteLength && Buffer.from(ssb).equals(Buffer.from(data.subarray(0, ssb.byteLength)));
}

/** KDBX 3.1 + AES: do the first two blocks decrypt to the header's stream start bytes under this key? */
function aesStartMatches(kdbx: kdbxweb.Kdbx, data: ArrayBuffer, key: ArrayBuffer): boolean {
  const { encryptionIV: iv, streamStartBytes: ssb } = kdbx.header;
  if (!iv || !ssb || data.byteLength < ssb.byteLength || ssb.byteLength % 16 !== 0) return false;
  try {
    const d = createDecipheriv('aes-256-cbc', Buffer.from(key), Buffer.from(iv));
    d.setAutoPadding(false);
    return d.update(Buffer.from(data, 0, ssb.byteLength)).equals(Buffer.from(ssb));
  } catch {
    return false;
  }
}

function loadError(e: unknown, file: string, bytes: Uint8Array, header: KdbxHeaderInfo, keyVerified: boolean, opts: ImportOptions): BastionError {
  if (e instanceof BastionError) return e;
  const code = e instanceof kdbxweb.KdbxError ? e.code : null;
  if (code === errorCodes().Unsupported) {
    return new BastionError('UNSUPPORTED', `${file} uses a KeePass feature Bastion cannot read (${(e as Error).message}).`, { cause: e });
  }
  // KDBX 4 cut off inside the header's SHA-256/HMAC: the HMAC cannot verify, whatever the password.
  const cutBeforeHmac = header.major === 4 && bytes.length < header.headerEnd + 64;
  if (e instanceof DamagedFile || keyVerified || cutBeforeHmac) {
    return new BastionError(
      'BAD_FILE',
      `${file} is damaged: ${cutBeforeHmac ? 'it is cut off inside its header checksum' : 'the password is right, but the encrypted data is cut short or corrupted'}; restore it from a backup.`,
      { cause: e },
    );
  }
  if (code === errorCodes().InvalidKey) return wrongPassword(file, opts, e);
  // FileCorrupt, BadSignature, RangeErrors from a truncated header, XML parse errors…
  return new BastionError('BAD_FILE', `${file} is a damaged KeePass file (it cannot be read before decryption).`, { cause: e });
}

function wrongPassword(file: string, opts: ImportOptions, cause: unknown): BastionError {
  // Nothing in a KDBX file records a YubiKey challenge-response: such a database looks exactly like a wrong password.
  const yubikey =
    ' A database that also needs a YubiKey (challenge-response) is not supported: Bastion never talks to hardware keys, so save a copy without it to import.';
  const keyFile =
    opts.keyFile && looksLikeBrokenXmlKeyFile(opts.keyFile)
      ? ` The key file${opts.keyFilePath ? ` ${opts.keyFilePath}` : ''} looks like a KeePass XML key file but cannot be parsed, so it may be damaged.`
      : '';
  return new BastionError('WRONG_PASSWORD', `Wrong password or key file for ${file}.${keyFile}${yubikey}`, { cause });
}

/** An XML key file that kdbxweb could not parse is hashed as an arbitrary file, as KeePass does; say so. */
function looksLikeBrokenXmlKeyFile(keyFile: Uint8Array): boolean {
  const head = new TextDecoder().decode(keyFile.subarray(0, 512));
  return /<KeyFile[\s>]/.test(head);
}

function keyFileError(e: unknown, path: string | undefined): BastionError {
  const name = path ? `The key file ${path}` : 'The key file';
  const detail = e instanceof Error ? e.message : '';
  if (/hash mismatch/i.test(detail)) {
    return new BastionError('BAD_FILE', `${name} is damaged: its key data does not match the checksum stored in it.`, { cause: e });
  }
  if (/version/i.test(detail)) {
    return new BastionError('UNSUPPORTED', `${name} is a KeePass XML key file of a version Bastion cannot read (only 1.0 and 2.0).`, { cause: e });
  }
  return new BastionError('BAD_FILE', `${name} is not a valid KeePass key file (${detail || 'unreadable'}).`, { cause: e });
}
