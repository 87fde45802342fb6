import { detectFormat, type ImportFormat } from '../../vault';
import type { Host } from '../host';
import { errCode } from '../read';

// Finds plaintext vault exports by CONTENT with the importers' own detector (a renamed stuff.json Bitwarden export
// counts; a file merely named bitwarden.json does not). Bounded: folder depth, file count, bytes read per file and
// in total. Encrypted formats (KDBX, Bitwarden "encrypted": true) are not plaintext and are not reported.

export const EXPORT_SCAN_LIMITS = {
  /** Levels of sub-folders below each scanned folder. */
  maxDepth: 2,
  /** Files looked at (lstat) across all folders; the scan stops there and says so. */
  maxFiles: 10_000,
  /** First bytes read of every file: magic numbers and a CSV header fit. */
  headBytes: 4096,
  /** JSON and zip candidates are read whole (the detector needs the zip directory, the JSON shape) up to this size. */
  maxFileBytes: 64 * 1024 * 1024,
  /** Bytes read in total across whole-file reads. */
  maxTotalBytes: 512 * 1024 * 1024,
} as const;
export type ExportScanLimits = { [K in keyof typeof EXPORT_SCAN_LIMITS]: number };

const PLAINTEXT: Record<ImportFormat, string | null> = {
  kdbx: null,
  'bitwarden-json': 'Bitwarden JSON export',
  '1pux': '1Password export (1PUX)',
  '1password-csv': '1Password CSV export',
  'chrome-csv': 'Chrome/Edge passwords CSV',
  'firefox-csv': 'Firefox passwords CSV',
};

export interface ExportFound {
  path: string;
  format: ImportFormat;
  label: string;
  size: number;
  mtimeMs: number;
}

export interface ExportScan {
  found: ExportFound[];
  scannedFiles: number;
  /** Files not inspected, with why (unreadable, too large). */
  skipped: string[];
  /** Set when a limit stopped the scan before it finished. */
  truncated: string | null;
}

export async function scanForExports(host: Host, dirs: readonly string[], limits: ExportScanLimits = EXPORT_SCAN_LIMITS): Promise<ExportScan> {
  const scan: ExportScan = { found: [], scannedFiles: 0, skipped: [], truncated: null };
  const budget = { bytes: limits.maxTotalBytes };
  for (const dir of dirs) await walk(host, dir, 0, scan, limits, budget);
  return scan;
}

async function walk(host: Host, dir: string, depth: number, scan: ExportScan, limits: ExportScanLimits, budget: { bytes: number }): Promise<void> {
  let names: string[];
  try {
    names = (await host.fs.readdir(dir)).sort();
  } catch (e) {
    scan.skipped.push(`${dir}: folder cannot be listed (${errCode(e)})`);
    return;
  }
  for (const name of names) {
    if (scan.truncated) return;
    const path = `${dir}/${name}`;
    try {
      const info = await host.fs.lstat(path);
      if (!info || info.kind === 'symlink' || info.kind === 'other') continue;
      if (info.kind === 'dir') {
        if (depth < limits.maxDepth && !name.startsWith('.') && name !== 'node_modules') await walk(host, path, depth + 1, scan, limits, budget);
        continue;
      }
      if (++scan.scannedFiles > limits.maxFiles) {
        scan.truncated = `stopped after ${limits.maxFiles} files`;
        return;
      }
      const format = await formatOf(host, path, info.size, scan, limits, budget);
      const label = format ? PLAINTEXT[format] : null;
      if (format && label) scan.found.push({ path, format, label, size: info.size, mtimeMs: info.mtimeMs });
    } catch (e) {
      scan.skipped.push(`${path}: cannot be read (${errCode(e)})`);
    }
  }
}

async function formatOf(host: Host, path: string, size: number, scan: ExportScan, limits: ExportScanLimits, budget: { bytes: number }): Promise<ImportFormat | null> {
  if (size < 16) return null;
  const head = await host.fs.readHead(path, limits.headBytes);
  if (!needsWholeFile(head)) return detectFormat(head);
  if (size > limits.maxFileBytes) {
    scan.skipped.push(`${path}: larger than ${limits.maxFileBytes} bytes, not inspected`);
    return null;
  }
  if (size > budget.bytes) {
    scan.truncated = `stopped after reading ${limits.maxTotalBytes} bytes`;
    return null;
  }
  budget.bytes -= size;
  const whole = await host.fs.readHead(path, limits.maxFileBytes);
  try {
    const format = detectFormat(whole);
    return format === 'bitwarden-json' && isEncryptedBitwarden(whole) ? null : format;
  } finally {
    whole.fill(0);
  }
}

/** Zip (1PUX: its central directory is at the end) and JSON (Bitwarden's "items" may come late) need the whole file. */
function needsWholeFile(head: Uint8Array): boolean {
  if (head[0] === 0x50 && head[1] === 0x4b) return true;
  const text = new TextDecoder().decode(head.subarray(0, 64)).replace(/^\uFEFF/, '').trimStart();
  return text.startsWith('{');
}

/** An encrypted Bitwarden export holds ciphertext only: not a plaintext leftover. */
function isEncryptedBitwarden(bytes: Uint8Array): boolean {
  try {
    const json = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, '')) as { encrypted?: unknown };
    return json.encrypted === true;
  } catch {
    return /^\s*\{\s*"encrypted"\s*:\s*true\b/.test(new TextDecoder().decode(bytes.subarray(0, 256)).replace(/^\uFEFF/, ''));
  }
}

/**
 * The plain-text export format of one file, by content (the same rule as the scan), or null: not an export, an
 * encrypted one (KDBX, encrypted Bitwarden), too large to inspect, or not a regular file. The delete fix asks this
 * again right before deleting, so a proposal can never delete anything else.
 */
export async function plaintextExportFormat(host: Host, path: string, limits: ExportScanLimits = EXPORT_SCAN_LIMITS): Promise<ImportFormat | null> {
  const info = await host.fs.lstat(path);
  if (!info || info.kind !== 'file') return null;
  const scan: ExportScan = { found: [], skipped: [], scannedFiles: 0, truncated: null };
  const format = await formatOf(host, path, info.size, scan, limits, { bytes: limits.maxTotalBytes });
  return format && PLAINTEXT[format] ? format : null;
}
