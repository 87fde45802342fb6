import { result } from '../check-info';
import { octal, readableByOthers, type FileInfo, type Host } from '../host';
import { errCode } from '../read';
import type { DeviceAction, DeviceCheck } from '../types';
import { credentialKinds, ENV_ADVICE, ENV_FILE, envAssignments, type CredentialKind } from './credential-kinds';

// Check 6: plain-text credential files in the home folder. Reports presence, kind, how many credentials, and the
// file mode — never a value (rule 2). Each file's text lives only inside countIn() and is dropped there.

const ID = 'credential_files';
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_HOME_ENTRIES = 5000;

interface Found {
  path: string;
  kind: string;
  advice: string;
  info: FileInfo;
  /** Credentials counted in it; null when the file was too large to read. */
  count: number | null;
}

export async function checkCredentialFiles(host: Host): Promise<DeviceCheck> {
  const evidence: string[] = [];
  const found: Found[] = [];
  const windows = host.os === 'windows';
  const candidates: CredentialKind[] = [...credentialKinds(windows)];
  try {
    const names = (await host.fs.readdir(host.home)).sort().slice(0, MAX_HOME_ENTRIES);
    for (const n of names) if (ENV_FILE.test(n)) candidates.push({ rel: n, kind: '.env variables', count: envAssignments, advice: ENV_ADVICE });
  } catch (e) {
    evidence.push(`${host.home}: cannot be listed (${errCode(e)}); .env files not checked`);
  }

  for (const c of candidates) {
    const path = `${host.home}/${c.rel}`;
    try {
      const info = await host.fs.lstat(path);
      if (!info) continue;
      if (info.kind !== 'file') {
        evidence.push(`${path}: ${info.kind === 'symlink' ? 'a symlink, not followed' : 'not a regular file'}`);
        continue;
      }
      const count = info.size > MAX_FILE_BYTES ? null : await countIn(host, path, c);
      if (count === 0) {
        evidence.push(`${path}: present, no stored credentials`);
        continue;
      }
      found.push({ path, kind: c.kind, advice: c.advice, info, count });
    } catch (e) {
      evidence.push(`${path}: cannot be read (${errCode(e)})`);
    }
  }

  for (const f of found) evidence.push(describe(f, windows));
  if (found.length === 0) return result(ID, { status: 'pass', evidence, reason: 'No plain-text credential files were found in your home folder.' });
  const exposed = windows ? [] : found.filter((f) => readableByOthers(f.info.mode));
  const actions: DeviceAction[] = exposed.map((f) => ({ action: 'fix_file_permissions', path: f.path }));
  const reason =
    (exposed.length
      ? `${exposed.length} credential file${exposed.length > 1 ? 's are' : ' is'} readable by other users of this computer. `
      : '') +
    `${found.length} file${found.length > 1 ? 's hold' : ' holds'} credentials in plain text: anything that can read your home folder (malware, a backup, a synced folder) can use them.`;
  const fix = [exposed.length ? 'Make these files private (chmod 600) now.' : '', ...new Set(found.map((f) => f.advice))].filter(Boolean).join(' ');
  return result(ID, { status: 'fail', severity: exposed.length ? 'critical' : 'medium', evidence, reason, fix, actions });
}

async function countIn(host: Host, path: string, c: CredentialKind): Promise<number> {
  const bytes = await host.fs.readHead(path, MAX_FILE_BYTES);
  try {
    return c.count(new TextDecoder('utf-8').decode(bytes));
  } finally {
    bytes.fill(0);
  }
}

function describe(f: Found, windows: boolean): string {
  const n = f.count === null ? 'too large to count' : `${f.count} ${f.count === 1 ? 'entry' : 'entries'}`;
  const mode = windows ? '' : `, mode ${octal(f.info.mode)}${readableByOthers(f.info.mode) ? ' (readable by others)' : ''}`;
  return `${f.path}: ${f.kind}, ${n}${mode}`;
}
