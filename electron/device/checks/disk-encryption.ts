import { perOs, result, settingsAction, unknown } from '../check-info';
import { POWERSHELL_BITLOCKER, type Host } from '../host';
import { commandTrouble, readText } from '../read';
import type { DeviceCheck } from '../types';
import { findCrypt, mountOf, parseMountinfo, sysDirOf, type Mount } from './linux-disk';

// Check 1: is the disk holding the home folder encrypted? Linux: dm-crypt/LUKS under the home mount (mountinfo +
// sysfs), eCryptfs home, ZFS native encryption. macOS: `fdesetup status`. Windows: the shell's BitLocker property.

const ID = 'disk_encryption';
const SETTINGS = settingsAction(ID);
// Filesystems whose backing disk cannot be seen from here: containers, network and memory filesystems.
const OPAQUE = /^(overlay|tmpfs|ramfs|9p|virtiofs|nfs4?|cifs|smb3|fuse(\..*)?|sshfs|aufs|squashfs)$/;

export async function checkDiskEncryption(host: Host): Promise<DeviceCheck> {
  return perOs(ID, host, { linux, macos, windows });
}

async function linux(host: Host): Promise<DeviceCheck> {
  const info = await readText(host, '/proc/self/mountinfo');
  if (!info.ok) return unknown(ID, `Cannot tell which disk holds your home folder: ${info.detail}.`);
  const m = mountOf(parseMountinfo(info.text), host.home);
  if (!m) return unknown(ID, `No mount in /proc/self/mountinfo contains ${host.home}.`);
  const where = `${host.home} is on ${m.mountPoint} (${m.fsType}, ${m.source}, device ${m.majMin})`;
  if (m.fsType === 'ecryptfs') return result(ID, { status: 'pass', evidence: [where], reason: 'Your home folder is encrypted with eCryptfs.' });
  if (m.fsType === 'zfs') return zfs(host, m, where);
  if (OPAQUE.test(m.fsType)) {
    return unknown(
      ID,
      `Your home folder is on a ${m.fsType} filesystem (a container, network or memory filesystem): the disk underneath is not visible from here.`,
      [where],
    );
  }
  const dir = await sysDirOf(host, m);
  if (!dir) return unknown(ID, `Cannot find the block device for ${m.source} in /sys.`, [where]);
  const chain = await findCrypt(host, dir);
  const evidence = [where, `device chain: ${chain.walked.join(' → ') || '(none)'}`];
  if (chain.crypt) {
    return result(ID, { status: 'pass', evidence: [...evidence, `dm-crypt device: ${chain.crypt}`], reason: 'The disk holding your home folder is encrypted with dm-crypt/LUKS.' });
  }
  if (chain.trouble) return unknown(ID, `Could not follow the whole device chain: ${chain.trouble}.`, evidence);
  return result(ID, {
    status: 'fail',
    evidence: [...evidence, 'no dm-crypt (LUKS) layer in the chain'],
    reason:
      'The disk holding your home folder is not encrypted by Linux: anyone with the computer or its disk can read every file, including exports and keys. ' +
      '(Encryption below Linux — a self-encrypting drive or an encrypted virtual disk — and fscrypt folders are not visible from here.)',
    fix: 'Full-disk encryption (LUKS) is chosen when installing Linux; to add it to an existing system, back up and reinstall with encryption on, or convert with `cryptsetup reencrypt` (advanced).',
    actions: SETTINGS,
  });
}

async function zfs(host: Host, m: Mount, where: string): Promise<DeviceCheck> {
  const args = ['get', '-H', '-o', 'value', 'encryption', m.source];
  const r = await host.run('zfs', args);
  const line = `zfs ${args.join(' ')}`;
  const value = r.code === 0 ? r.stdout.trim() : '';
  if (!value) return unknown(ID, 'Cannot read the ZFS dataset’s encryption property.', [where, commandTrouble(line, r)]);
  const evidence = [where, `${line}: ${value}`];
  if (value === 'off') {
    return result(ID, {
      status: 'fail',
      evidence,
      reason: 'The ZFS dataset holding your home folder is not encrypted: anyone with the disk can read it.',
      fix: 'Create an encrypted dataset (`zfs create -o encryption=on -o keyformat=passphrase …`) and move your home into it.',
      actions: SETTINGS,
    });
  }
  return result(ID, { status: 'pass', evidence, reason: `The ZFS dataset holding your home folder is encrypted (${value}).` });
}

async function macos(host: Host): Promise<DeviceCheck> {
  const r = await host.run('fdesetup', ['status']);
  const out = r.stdout.trim();
  if (r.code !== 0 || !out) return unknown(ID, 'Cannot read the FileVault status.', [commandTrouble('fdesetup status', r)]);
  const evidence = [`fdesetup status: ${out.split('\n')[0]}`];
  if (/FileVault is On\./.test(out)) return result(ID, { status: 'pass', evidence, reason: 'FileVault encrypts your startup disk.' });
  if (/FileVault is Off\./.test(out)) {
    return result(ID, {
      status: 'fail',
      evidence,
      reason: 'FileVault is off: anyone with your Mac can read every file on it.',
      fix: 'Turn on FileVault in System Settings › Privacy & Security › FileVault.',
      actions: SETTINGS,
    });
  }
  return unknown(ID, 'FileVault is changing state (encrypting or decrypting); check again when it finishes.', evidence);
}

// Shell.Application's System.Volume.BitLockerProtection: readable without admin, unlike manage-bde.
const BITLOCKER: Record<string, 'on' | 'off' | 'suspended' | 'busy' | 'none'> = { '0': 'none', '1': 'on', '2': 'off', '3': 'busy', '4': 'busy', '5': 'suspended', '6': 'on' };

async function windows(host: Host): Promise<DeviceCheck> {
  const r = await host.run('powershell', ['-NoProfile', '-NonInteractive', '-Command', POWERSHELL_BITLOCKER]);
  const value = r.stdout.trim();
  const state = r.code === 0 ? BITLOCKER[value] : undefined;
  const evidence = [r.code === 0 ? `BitLockerProtection of the home drive: ${value || '(empty)'}` : commandTrouble('powershell (BitLocker status)', r)];
  if (state === 'on') return result(ID, { status: 'pass', evidence, reason: 'BitLocker encrypts the drive holding your home folder.' });
  if (state === 'off' || state === 'suspended') {
    return result(ID, {
      status: 'fail',
      evidence,
      reason: state === 'off' ? 'BitLocker is off: anyone with your PC can read every file on it.' : 'BitLocker is suspended: the key is stored in the clear until it is resumed.',
      fix: 'Turn on (or resume) BitLocker or Device encryption in Settings › Privacy & security › Device encryption.',
      actions: SETTINGS,
    });
  }
  if (state === 'busy') return unknown(ID, 'BitLocker is encrypting or decrypting the drive; check again when it finishes.', evidence);
  return unknown(ID, 'Windows did not report a BitLocker state for this drive (an edition without BitLocker, or a third-party encryption tool).', evidence);
}
