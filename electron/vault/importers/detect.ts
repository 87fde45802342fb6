import type { ImportFormat } from '../types';
import { csvFormatOf, csvHeader } from './csv';
import { hasKdbxMagic } from './kdbx-header';
import { sniffText } from './text';

/**
 * Which export this is, from its content only (never the file name). Binary formats by magic bytes (KDBX signature;
 * a zip whose central directory names export.data is a 1pux); text formats by JSON shape or CSV header.
 */
export function detectFormat(bytes: Uint8Array): ImportFormat | null {
  if (hasKdbxMagic(bytes)) return 'kdbx';
  if (hasZipMagic(bytes)) return zipHasExportData(bytes) ? '1pux' : null;
  const head = sniffText(bytes).trimStart();
  if (head.startsWith('{')) {
    // A Bitwarden export opens with "encrypted" (newer) or has an "items" array; folders may come first.
    if (/^\{\s*"encrypted"\s*:/.test(head) || /"items"\s*:\s*\[/.test(head)) return 'bitwarden-json';
    return bytes.length > head.length && /"items"\s*:\s*\[/.test(new TextDecoder().decode(bytes)) ? 'bitwarden-json' : null;
  }
  return csvFormatOf(csvHeader(head));
}

/** Cheap scan of the central directory for an entry named export.data (no inflation). */
function zipHasExportData(bytes: Uint8Array): boolean {
  const needle = new TextEncoder().encode('export.data');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) !== 0x06054b50) continue;
    let pos = view.getUint32(i + 16, true);
    const count = view.getUint16(i + 10, true);
    for (let n = 0; n < count && pos + 46 <= bytes.length; n++) {
      if (view.getUint32(pos, true) !== 0x02014b50) return false;
      const nameLen = view.getUint16(pos + 28, true);
      const name = bytes.subarray(pos + 46, pos + 46 + nameLen);
      if (name.length === needle.length && name.every((b, k) => b === needle[k])) return true;
      pos += 46 + nameLen + view.getUint16(pos + 30, true) + view.getUint16(pos + 32, true);
    }
    return false;
  }
  return false;
}

/** A zip archive's local-file or end-of-directory signature (PK\x03\x04, PK\x05\x06). */
export function hasZipMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}
