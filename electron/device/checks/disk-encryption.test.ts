import { afterEach, describe, expect, it } from 'vitest';
import { POWERSHELL_BITLOCKER } from '../host';
import { makeFixture, type Fixture, type FixtureOptions } from '../testing';
import { checkDiskEncryption } from './disk-encryption';
import { mountOf, parseMountinfo } from './linux-disk';

let fx: Fixture | null = null;
afterEach(() => fx?.cleanup());
const fixture = (o: FixtureOptions = {}): Fixture => (fx = makeFixture(o));

/** A sysfs block device: /sys/devices/…/NAME with uevent, optional dm/uuid + dm/name and slaves/. */
function blockDevice(f: Fixture, name: string, o: { majMin?: string; dmUuid?: string; dmName?: string; slaves?: string[] } = {}): void {
  const dir = `/sys/devices/virtual/block/${name}`;
  f.write(`${dir}/uevent`, `MAJOR=254\nMINOR=0\nDEVNAME=${name}\nDEVTYPE=disk\n`);
  if (o.dmUuid) {
    f.write(`${dir}/dm/uuid`, `${o.dmUuid}\n`);
    f.write(`${dir}/dm/name`, `${o.dmName ?? name}\n`);
  }
  f.mkdir(`${dir}/slaves`);
  for (const s of o.slaves ?? []) f.link(`${dir}/slaves/${s}`, `../../${s}`);
  f.link(`/sys/class/block/${name}`, `../../devices/virtual/block/${name}`);
  if (o.majMin) f.link(`/sys/dev/block/${o.majMin}`, `../../devices/virtual/block/${name}`);
}

const line = (majMin: string, mp: string, fsType: string, source: string): string => `29 1 ${majMin} / ${mp} rw,relatime shared:1 - ${fsType} ${source} rw`;

describe('mountinfo', () => {
  it('parses fields after the separator and unescapes octal in mount points', () => {
    const m = parseMountinfo(`${line('8:2', '/', 'ext4', '/dev/sda2')}\n${line('8:3', '/home/my\\040disk', 'xfs', '/dev/sda3')}\n`);
    expect(m).toEqual([
      { majMin: '8:2', mountPoint: '/', fsType: 'ext4', source: '/dev/sda2' },
      { majMin: '8:3', mountPoint: '/home/my disk', fsType: 'xfs', source: '/dev/sda3' },
    ]);
  });

  it('picks the longest containing mount point, not a sibling with the same prefix', () => {
    const m = parseMountinfo([line('8:2', '/', 'ext4', 'a'), line('8:3', '/home', 'ext4', 'b'), line('8:4', '/home2', 'ext4', 'c')].join('\n'));
    expect(mountOf(m, '/home/alice')?.source).toBe('b');
    expect(mountOf(m, '/home2/bob')?.source).toBe('c');
    expect(mountOf(m, '/srv')?.source).toBe('a');
  });
});

describe('disk encryption on Linux', () => {
  it('passes for LVM on LUKS: walks slaves down to the CRYPT- device', async () => {
    const f = fixture();
    f.write('/proc/self/mountinfo', `${line('254:1', '/', 'ext4', '/dev/mapper/vg-root')}\n`);
    blockDevice(f, 'sda2');
    blockDevice(f, 'dm-0', { dmUuid: 'CRYPT-LUKS2-0123abcd-luks-0123', dmName: 'luks-0123', slaves: ['sda2'] });
    blockDevice(f, 'dm-1', { majMin: '254:1', dmUuid: 'LVM-xyz', dmName: 'vg-root', slaves: ['dm-0'] });
    const r = await checkDiskEncryption(f.host);
    expect(r.status).toBe('pass');
    expect(r.evidence.join('\n')).toMatch(/dm-1 → dm-0/);
    expect(r.evidence.join('\n')).toMatch(/dm-crypt device: luks-0123/);
  });

  it('fails for a plain partition, naming the chain it walked', async () => {
    const f = fixture();
    f.write('/proc/self/mountinfo', `${line('0:21', '/proc', 'proc', 'proc')}\n${line('254:0', '/', 'ext4', '/dev/vda')}\n`);
    blockDevice(f, 'vda', { majMin: '254:0' });
    const r = await checkDiskEncryption(f.host);
    expect(r.status).toBe('fail');
    expect(r.evidence).toContain('device chain: vda');
    expect(r.actions).toEqual([{ action: 'open_settings_page', checkId: 'disk_encryption' }]);
  });

  it('follows a /dev/mapper symlink when the filesystem reports an anonymous device (btrfs)', async () => {
    const f = fixture();
    f.write('/proc/self/mountinfo', `${line('0:35', '/home', 'btrfs', '/dev/mapper/cryptroot')}\n`);
    f.link('/dev/mapper/cryptroot', '../dm-0');
    blockDevice(f, 'nvme0n1p2');
    blockDevice(f, 'dm-0', { dmUuid: 'CRYPT-LUKS2-feed-cryptroot', dmName: 'cryptroot', slaves: ['nvme0n1p2'] });
    expect((await checkDiskEncryption(f.host)).status).toBe('pass');
  });

  it('is unknown on an overlay (container) filesystem and passes for an eCryptfs home', async () => {
    const f = fixture();
    f.write('/proc/self/mountinfo', `${line('0:50', '/', 'overlay', 'overlay')}\n`);
    const r = await checkDiskEncryption(f.host);
    expect(r.status).toBe('unknown');
    expect(r.reason).toMatch(/overlay/);
    f.write('/proc/self/mountinfo', `${line('0:50', '/', 'overlay', 'overlay')}\n${line('0:51', '/home/alice', 'ecryptfs', '/home/.ecryptfs/alice/.Private')}\n`);
    expect((await checkDiskEncryption(f.host)).status).toBe('pass');
  });

  it('asks zfs for the dataset encryption property', async () => {
    const cmd = 'zfs get -H -o value encryption rpool/home';
    const on = fixture({ commands: { [cmd]: { stdout: 'aes-256-gcm\n' } } });
    on.write('/proc/self/mountinfo', `${line('0:40', '/home', 'zfs', 'rpool/home')}\n`);
    expect((await checkDiskEncryption(on.host)).status).toBe('pass');
    on.cleanup();
    const off = fixture({ commands: { [cmd]: { stdout: 'off\n' } } });
    off.write('/proc/self/mountinfo', `${line('0:40', '/home', 'zfs', 'rpool/home')}\n`);
    expect((await checkDiskEncryption(off.host)).status).toBe('fail');
  });

  it('is unknown, not a guess, when mountinfo cannot be read', async () => {
    const r = await checkDiskEncryption(fixture().host);
    expect(r.status).toBe('unknown');
    expect(r.reason).toMatch(/mountinfo/);
  });
});

describe('disk encryption on macOS and Windows (parsing fixture outputs)', () => {
  it.each([
    ['FileVault is On.\n', 'pass'],
    ['FileVault is Off.\n', 'fail'],
    ['Encryption in progress: Percent completed = 12\n', 'unknown'],
  ])('fdesetup status %j → %s', async (stdout, status) => {
    expect((await checkDiskEncryption(fixture({ os: 'macos', commands: { 'fdesetup status': { stdout } } }).host)).status).toBe(status);
  });

  it.each([
    ['1', 'pass'],
    ['6', 'pass'],
    ['2', 'fail'],
    ['5', 'fail'],
    ['3', 'unknown'],
    ['', 'unknown'],
  ])('BitLockerProtection %j → %s', async (value, status) => {
    const commands = { [`powershell -NoProfile -NonInteractive -Command ${POWERSHELL_BITLOCKER}`]: { stdout: `${value}\r\n` } };
    expect((await checkDiskEncryption(fixture({ os: 'windows', commands }).host)).status).toBe(status);
  });
});
