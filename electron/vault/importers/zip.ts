import { Inflate } from 'fflate';
import { BastionError } from '../../core';
import { LIMITS } from './limits';

// A small, defensive zip reader: sizes, counts, ratios and paths are checked from the central directory before
// anything is inflated, and inflation stops the moment an entry outgrows what the directory declared.

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CD_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

function bad(file: string, what: string): BastionError {
  return new BastionError('BAD_FILE', `${file} is a damaged zip archive (${what}).`);
}

/** Lists the central directory; throws on hostile shapes (too many entries, unsafe paths, bomb-like sizes). */
export function listZip(bytes: Uint8Array, file: string): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad(file, 'no central directory');
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    throw new BastionError('TOO_LARGE', `${file} is a ZIP64 archive, larger than any 1Password export Bastion accepts.`);
  }
  if (count > LIMITS.maxZipEntries) {
    throw new BastionError('TOO_LARGE', `${file} holds ${count} zip entries (limit ${LIMITS.maxZipEntries}); refusing to open it.`);
  }
  if (cdOffset + cdSize > bytes.length) throw bad(file, 'central directory out of range');
  const entries: ZipEntry[] = [];
  let pos = cdOffset;
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (pos + 46 > bytes.length || view.getUint32(pos, true) !== CD_SIG) throw bad(file, 'bad central directory entry');
    const method = view.getUint16(pos + 10, true);
    const compressedSize = view.getUint32(pos + 20, true);
    const size = view.getUint32(pos + 24, true);
    const nameLen = view.getUint16(pos + 28, true);
    const extraLen = view.getUint16(pos + 30, true);
    const commentLen = view.getUint16(pos + 32, true);
    const localHeaderOffset = view.getUint32(pos + 42, true);
    if (pos + 46 + nameLen > bytes.length) throw bad(file, 'bad central directory entry');
    const name = new TextDecoder().decode(bytes.subarray(pos + 46, pos + 46 + nameLen));
    pos += 46 + nameLen + extraLen + commentLen;
    if (compressedSize === 0xffffffff || size === 0xffffffff) {
      throw new BastionError('TOO_LARGE', `${file} has a ZIP64 entry, larger than Bastion accepts.`);
    }
    if (!safePath(name)) {
      throw new BastionError('BAD_FILE', `${file} contains an unsafe path (${JSON.stringify(name.slice(0, 80))}); refusing to open it.`);
    }
    if (size > LIMITS.zipRatioFloorBytes && size > Math.max(compressedSize, 1) * LIMITS.maxZipRatio) {
      throw new BastionError('TOO_LARGE', `${file} looks like a zip bomb: "${name}" expands ${Math.round(size / Math.max(compressedSize, 1))}:1; refusing to open it.`);
    }
    total += size;
    entries.push({ name, method, compressedSize, size, localHeaderOffset });
  }
  if (total > LIMITS.maxZipUncompressedBytes) {
    throw new BastionError('TOO_LARGE', `${file} would expand to ${Math.round(total / 2 ** 20)} MiB (limit ${LIMITS.maxZipUncompressedBytes / 2 ** 20} MiB); refusing to open it.`);
  }
  if (total > LIMITS.zipRatioFloorBytes && total > bytes.length * LIMITS.maxZipRatio) {
    throw new BastionError('TOO_LARGE', `${file} looks like a zip bomb (expands ${Math.round(total / bytes.length)}:1 overall); refusing to open it.`);
  }
  return entries;
}

/** No absolute paths, drive letters, backslashes or `..` segments. */
function safePath(name: string): boolean {
  if (name === '' || name.startsWith('/') || name.includes('\\') || /^[a-zA-Z]:/.test(name) || name.includes('\0')) return false;
  return !name.split('/').some((seg) => seg === '..');
}

/** Inflates one entry, never producing more bytes than the central directory declared. */
export function extractZipEntry(bytes: Uint8Array, entry: ZipEntry, file: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_SIG) throw bad(file, 'bad local header');
  const dataAt = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (dataAt + entry.compressedSize > bytes.length) throw bad(file, `"${entry.name}" is truncated`);
  const data = bytes.subarray(dataAt, dataAt + entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw bad(file, `"${entry.name}" has inconsistent sizes`);
    return data;
  }
  if (entry.method !== 8) throw new BastionError('UNSUPPORTED', `${file} uses zip compression method ${entry.method}; only deflate is supported.`);
  const out = new Uint8Array(entry.size);
  let written = 0;
  let overflow = false;
  const inflater = new Inflate((chunk) => {
    if (overflow) return;
    if (written + chunk.length > entry.size) {
      overflow = true;
      return;
    }
    out.set(chunk, written);
    written += chunk.length;
  });
  const STEP = 16 * 1024; // deflate tops out near 1032:1, so one step yields at most ~16 MiB before the check
  try {
    for (let i = 0; i < data.length && !overflow; i += STEP) {
      inflater.push(data.subarray(i, Math.min(i + STEP, data.length)), i + STEP >= data.length);
    }
  } catch (cause) {
    throw new BastionError('BAD_FILE', `${file} is a damaged zip archive ("${entry.name}" does not inflate).`, { cause });
  }
  if (overflow) {
    throw new BastionError('TOO_LARGE', `${file} looks like a zip bomb: "${entry.name}" inflates beyond its declared ${entry.size} bytes; refusing to open it.`);
  }
  if (written !== entry.size) throw bad(file, `"${entry.name}" is shorter than declared`);
  return out;
}
