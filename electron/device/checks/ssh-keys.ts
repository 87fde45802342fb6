import { result } from '../check-info';
import { octal, readableByOthers, type FileInfo, type Host } from '../host';
import { errCode } from '../read';
import type { DeviceAction, DeviceCheck } from '../types';
import { isSecurityKeyType, KEY_HEADER_BYTES, parseKeyHeader, type KeyHeader } from './ssh-key-header';

// Check 5: private keys in ~/.ssh without a passphrase, and key files others can read. Keys are found by content
// (the header), not by name; only the first bytes of each file are read and wiped after parsing.

const ID = 'ssh_keys';
const MAX_ENTRIES = 500;
const MAX_KEY_FILE_BYTES = 64 * 1024;

interface KeyFile {
  path: string;
  info: FileInfo;
  header: KeyHeader;
}

export async function checkSshKeys(host: Host): Promise<DeviceCheck> {
  const dir = `${host.home}/.ssh`;
  const evidence: string[] = [];
  let dirInfo: FileInfo | null;
  let names: string[];
  try {
    dirInfo = await host.fs.lstat(dir);
    if (!dirInfo) return result(ID, { status: 'pass', evidence: [`${dir}: absent`], reason: 'There is no ~/.ssh folder, so no SSH keys to protect.' });
    if (dirInfo.kind !== 'dir') return result(ID, { status: 'unknown', evidence: [`${dir}: ${dirInfo.kind}`], reason: `${dir} is not a plain folder (a symlink?); it was not followed.` });
    names = (await host.fs.readdir(dir)).sort();
  } catch (e) {
    return result(ID, { status: 'unknown', evidence: [], reason: `${dir} cannot be read (${errCode(e)}).` });
  }
  if (host.os !== 'windows') evidence.push(`${dir}: folder mode ${octal(dirInfo.mode)}`);
  if (names.length > MAX_ENTRIES) evidence.push(`only the first ${MAX_ENTRIES} of ${names.length} entries were read`);

  const keys: KeyFile[] = [];
  for (const name of names.slice(0, MAX_ENTRIES)) {
    const path = `${dir}/${name}`;
    try {
      const info = await host.fs.lstat(path);
      if (!info || info.kind !== 'file' || info.size > MAX_KEY_FILE_BYTES) continue;
      const head = await host.fs.readHead(path, KEY_HEADER_BYTES);
      const header = parseKeyHeader(head);
      head.fill(0);
      if (header) keys.push({ path, info, header });
    } catch (e) {
      evidence.push(`${path}: cannot be read (${errCode(e)}), skipped`);
    }
  }
  if (keys.length === 0) return result(ID, { status: 'pass', evidence: [...evidence, 'no private key files found'], reason: 'No private SSH keys are stored in ~/.ssh.' });

  const modes = host.os !== 'windows';
  const bare = keys.filter((k) => !k.header.encrypted && !isSecurityKeyType(k.header.keyType));
  const exposed = modes ? keys.filter((k) => readableByOthers(k.info.mode)) : [];
  for (const k of keys) evidence.push(describe(k, modes));
  if (!modes) evidence.push('file permissions (ACLs) are not read on Windows');
  if (bare.length === 0 && exposed.length === 0) {
    return result(ID, { status: 'pass', evidence, reason: `All ${keys.length} private key${keys.length > 1 ? 's are' : ' is'} protected by a passphrase (or held on a security key) and private to you.` });
  }
  const reasons: string[] = [];
  if (exposed.length) reasons.push(`${exposed.length} key file${exposed.length > 1 ? 's are' : ' is'} readable by other users of this computer, who could copy and use ${exposed.length > 1 ? 'them' : 'it'}`);
  if (bare.length) reasons.push(`${bare.length} key${bare.length > 1 ? 's have' : ' has'} no passphrase, so anyone who gets a copy of the file (a backup, malware, a stolen disk) can log in where ${bare.length > 1 ? 'they are' : 'it is'} accepted`);
  const fixes: string[] = [];
  if (exposed.length) fixes.push('Make key files private (chmod 600).');
  if (bare.length) fixes.push(`Add a passphrase: ${bare.map((k) => `\`ssh-keygen -p -f ${k.path}\``).join(', ')} (use ssh-agent so you type it once per session).`);
  const actions: DeviceAction[] = exposed.map((k) => ({ action: 'fix_file_permissions', path: k.path }));
  return result(ID, { status: 'fail', severity: exposed.length ? 'critical' : 'high', evidence, reason: `${capitalise(reasons.join('; '))}.`, fix: fixes.join(' '), actions });
}

function describe(k: KeyFile, modes: boolean): string {
  const h = k.header;
  const kind = `${h.format === 'openssh' ? 'OpenSSH' : h.format === 'pem' ? 'PEM' : h.format === 'pkcs8' ? 'PKCS#8' : 'PuTTY'}${h.keyType ? ` ${h.keyType}` : ''} key`;
  const protection = h.encrypted ? `passphrase (${h.cipher ?? 'encrypted'})` : isSecurityKeyType(h.keyType) ? 'security-key handle' : 'no passphrase';
  return `${k.path}: ${kind}, ${protection}${modes ? `, mode ${octal(k.info.mode)}` : ''}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
