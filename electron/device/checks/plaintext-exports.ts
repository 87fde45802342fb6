import { result } from '../check-info';
import type { Host } from '../host';
import { readText } from '../read';
import type { DeviceAction, DeviceCheck } from '../types';
import { EXPORT_SCAN_LIMITS, scanForExports, type ExportScanLimits } from './export-scan';
import { parseAssignments } from './parse';

// Check 7: leftover plaintext vault exports in Downloads, Desktop and Documents (their localised names from
// user-dirs.dirs on Linux), plus any folder the caller adds (the folder a vault was just imported from).

const ID = 'plaintext_exports';
const MAX_SKIPPED_SHOWN = 20;

export interface ExportCheckOptions {
  extraDirs?: readonly string[];
  limits?: ExportScanLimits;
}

/** The folders to scan: XDG user dirs on Linux (they may be localised, e.g. ~/Téléchargements), else the defaults. */
export async function exportFolders(host: Host, extra: readonly string[] = []): Promise<string[]> {
  const dirs = new Map<string, string>([
    ['XDG_DOWNLOAD_DIR', `${host.home}/Downloads`],
    ['XDG_DESKTOP_DIR', `${host.home}/Desktop`],
    ['XDG_DOCUMENTS_DIR', `${host.home}/Documents`],
  ]);
  if (host.os === 'linux') {
    const conf = await readText(host, `${host.env.XDG_CONFIG_HOME ?? `${host.home}/.config`}/user-dirs.dirs`);
    if (conf.ok) {
      const values = parseAssignments(conf.text);
      for (const key of dirs.keys()) {
        const v = values.get(key)?.replace(/^\$HOME(?=\/|$)/, host.home);
        // $HOME itself means "disabled" in the XDG spec; scanning the whole home is not what it asks.
        if (v && v.startsWith('/') && v !== host.home) dirs.set(key, v.replace(/\/+$/, ''));
      }
    }
  }
  return [...new Set([...dirs.values(), ...extra.map((d) => d.replace(/[/\\]+$/, ''))])];
}

export async function checkPlaintextExports(host: Host, opts: ExportCheckOptions = {}): Promise<DeviceCheck> {
  const evidence: string[] = [];
  const present: string[] = [];
  for (const dir of await exportFolders(host, opts.extraDirs)) {
    const info = await host.fs.lstat(dir).catch(() => null);
    if (info?.kind === 'dir') present.push(dir);
    else evidence.push(`${dir}: ${info ? 'not a folder, skipped' : 'absent'}`);
  }
  const scan = await scanForExports(host, present, opts.limits ?? EXPORT_SCAN_LIMITS);
  evidence.push(`scanned ${present.length} folder${present.length === 1 ? '' : 's'} (${present.join(', ') || 'none'}): ${scan.scannedFiles} files, by content`);
  for (const f of scan.found) evidence.push(`${f.path}: ${f.label}, ${f.size} bytes, modified ${new Date(f.mtimeMs).toISOString().slice(0, 10)}`);
  evidence.push(...scan.skipped.slice(0, MAX_SKIPPED_SHOWN));
  if (scan.skipped.length > MAX_SKIPPED_SHOWN) evidence.push(`… and ${scan.skipped.length - MAX_SKIPPED_SHOWN} more files skipped`);

  if (scan.found.length > 0) {
    const actions: DeviceAction[] = scan.found.map((f) => ({ action: 'delete_plaintext_export', path: f.path, format: f.format }));
    const n = scan.found.length;
    return result(ID, {
      status: 'fail',
      evidence,
      reason: `${n} file${n > 1 ? 's hold' : ' holds'} a whole password vault in plain text: anyone or anything that reads ${n > 1 ? 'them' : 'it'} gets every password.`,
      fix: 'Delete each export once it is imported: move it to the trash (undoable), or overwrite and delete it (irreversible). Empty the trash afterwards.',
      actions,
    });
  }
  if (scan.truncated) return result(ID, { status: 'unknown', evidence: [...evidence, `scan ${scan.truncated}`], reason: `No export found, but the scan ${scan.truncated}: folders this large were not searched to the end.` });
  return result(ID, { status: 'pass', evidence, reason: 'No plaintext vault export was found in your Downloads, Desktop or Documents folders.' });
}
