import { policyPath } from '../../managed';
import { result, unknown } from '../check-info';
import { octal, readableByOthers, type Host } from '../host';
import { errCode } from '../read';
import type { DeviceAction, DeviceCheck } from '../types';

// Check 8: Bastion's own data folder is private to the user (it holds the vault analysis, the install key and the
// audit log), and the managed policy file, if any, is owned by root and not writable by others (otherwise a user —
// or malware running as the user — could rewrite the organisation's rules).

const ID = 'bastion_data';
const MAX_ENTRIES = 200;
const PLATFORM = { linux: 'linux', macos: 'darwin', windows: 'win32' } as const;

export interface BastionDataOptions {
  /** Bastion's data folder (a host path); the CLI and the app pass the one they use. */
  dataDir: string;
}

export async function checkBastionData(host: Host, opts: BastionDataOptions): Promise<DeviceCheck> {
  if (host.os === 'windows') {
    return unknown(ID, 'Windows protects these files with ACLs, which Bastion does not read yet; `icacls` on the data folder and the policy file shows them.', [`data folder: ${opts.dataDir}`]);
  }
  const evidence: string[] = [];
  const problems: string[] = [];
  const actions: DeviceAction[] = [];
  const fixes: string[] = [];
  try {
    await dataDir(host, opts.dataDir, { evidence, problems, actions, fixes });
    await policyFile(host, policyPath(host.env as NodeJS.ProcessEnv, PLATFORM[host.os]), { evidence, problems, actions, fixes });
  } catch (e) {
    return unknown(ID, `Cannot read the permissions: ${errCode(e)}.`, evidence);
  }
  if (problems.length === 0) return result(ID, { status: 'pass', evidence, reason: "Bastion's data folder is private to you and the policy file (if any) is protected." });
  return result(ID, { status: 'fail', evidence, reason: problems.join(' '), fix: fixes.join(' '), actions });
}

interface Sink {
  evidence: string[];
  problems: string[];
  actions: DeviceAction[];
  fixes: string[];
}

async function dataDir(host: Host, dir: string, s: Sink): Promise<void> {
  const info = await host.fs.lstat(dir);
  if (!info) {
    s.evidence.push(`${dir}: not created yet`);
    return;
  }
  s.evidence.push(`${dir}: ${info.kind}, mode ${octal(info.mode)}, owner uid ${info.uid}`);
  if (info.kind !== 'dir') {
    s.problems.push(`${dir} is not a plain folder (${info.kind}).`);
    s.fixes.push(`Point Bastion at a real folder (--data-dir or BASTION_DATA_DIR).`);
    return;
  }
  if (host.uid !== null && info.uid !== host.uid) s.problems.push(`The data folder is owned by another user (uid ${info.uid}).`);
  if ((info.mode & 0o077) !== 0) {
    s.problems.push('Other users of this computer can open the data folder, which holds your vault analysis, the install key and the audit log.');
    s.fixes.push(`Run \`chmod 700 '${dir}'\`.`);
  }
  const names = (await host.fs.readdir(dir)).sort().slice(0, MAX_ENTRIES);
  const open: string[] = [];
  for (const name of names) {
    const f = await host.fs.lstat(`${dir}/${name}`);
    if (f?.kind === 'file' && readableByOthers(f.mode)) {
      open.push(`${name} (${octal(f.mode)})`);
      s.actions.push({ action: 'fix_file_permissions', path: `${dir}/${name}` });
    }
  }
  if (open.length) {
    s.evidence.push(`files readable by others: ${open.join(', ')}`);
    s.problems.push(`${open.length} file${open.length > 1 ? 's' : ''} in the data folder ${open.length > 1 ? 'are' : 'is'} readable by others.`);
    s.fixes.push('Make those files private (chmod 600).');
  }
}

async function policyFile(host: Host, path: string, s: Sink): Promise<void> {
  const info = await host.fs.lstat(path);
  if (!info) {
    s.evidence.push(`${path}: absent (no managed policy)`);
    return;
  }
  s.evidence.push(`${path}: ${info.kind}, mode ${octal(info.mode)}, owner uid ${info.uid}`);
  const admin = 'sudo chown root: ' + `'${path}' && sudo chmod 644 '${path}'`;
  if (info.kind !== 'file') {
    s.problems.push(`The policy file is a ${info.kind}, not a regular file: whoever controls its target controls the policy.`);
    s.fixes.push(`Ask your administrator to replace it with a regular file (\`${admin}\`).`);
    return;
  }
  if (info.uid !== 0) s.problems.push(`The policy file is owned by uid ${info.uid}, not root: that user can rewrite your organisation's rules.`);
  if ((info.mode & 0o022) !== 0) s.problems.push('The policy file is writable by other users, who can rewrite your organisation\'s rules.');
  if (info.uid !== 0 || (info.mode & 0o022) !== 0) s.fixes.push(`Ask your administrator to run \`${admin}\`.`);
}
