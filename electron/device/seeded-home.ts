import { SEEDED_VAULT, writeFixture } from '../vault/fixtures';
import { makeFixture, type Fixture, type FixtureOptions } from './fixture-host';

// Two whole fixture machines for tests (and for the lead's CLI/e2e tests): CLEAN, where every check passes, and
// SEEDED, with one problem per check. Linux, home /home/alice, data dir ~/.config/Bastion.

export const FIXTURE_DATA_DIR = '/home/alice/.config/Bastion';
const H = '/home/alice';

const mount = (majMin: string, fs: string, src: string): string => `29 1 ${majMin} / / rw,relatime shared:1 - ${fs} ${src} rw\n`;
const SIM = 'Inst libc6 [2.36-9] (2.36-9+deb12u9 Debian-Security:12/stable-security [amd64])\n';
/** A PEM key header, then filler: only the header is ever read. */
const pemKey = (encrypted: boolean): string =>
  `-----BEGIN RSA PRIVATE KEY-----\n${encrypted ? 'Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n' : ''}${'QUJD'.repeat(200).replace(/.{64}/g, '$&\n')}\n-----END RSA PRIVATE KEY-----\n`;

function commands(clean: boolean): FixtureOptions['commands'] {
  return {
    'gsettings get org.gnome.desktop.screensaver lock-enabled': { stdout: clean ? 'true\n' : 'false\n' },
    'gsettings get org.gnome.desktop.session idle-delay': { stdout: 'uint32 300\n' },
    'gsettings get org.gnome.desktop.screensaver lock-delay': { stdout: 'uint32 0\n' },
    'systemctl is-active ufw': clean ? { stdout: 'active\n' } : { code: 3, stdout: 'inactive\n' },
    'systemctl is-active firewalld': { code: 3, stdout: 'inactive\n' },
    'systemctl is-active nftables': { code: 3, stdout: 'inactive\n' },
    'dpkg-query -W -f=${Status} unattended-upgrades': clean ? { stdout: 'install ok installed' } : { code: 1 },
    'apt-config dump': { stdout: clean ? 'APT::Periodic::Unattended-Upgrade "1";\n' : 'APT "";\n' },
    'apt-get -s -o Debug::NoLocking=1 upgrade': { stdout: clean ? '' : SIM },
  };
}

/** A fixture machine; `clean` decides every check's outcome. Seeded problems hold the given credential value. */
export async function fixtureMachine(clean: boolean, secret = 'Cnry-Device-Secret-1'): Promise<Fixture> {
  const f = makeFixture({ env: { XDG_CURRENT_DESKTOP: 'GNOME' }, commands: commands(clean) });
  // Disk: vda directly (seeded) or vda → dm-0 (CRYPT-) (clean).
  f.write('/proc/self/mountinfo', mount('254:0', 'ext4', clean ? '/dev/mapper/root' : '/dev/vda'));
  f.write('/sys/devices/virtual/block/vda/uevent', 'DEVNAME=vda\n');
  f.mkdir('/sys/devices/virtual/block/vda/slaves');
  f.link('/sys/class/block/vda', '../../devices/virtual/block/vda');
  const top = clean ? 'dm-0' : 'vda';
  if (clean) {
    f.write('/sys/devices/virtual/block/dm-0/uevent', 'DEVNAME=dm-0\n');
    f.write('/sys/devices/virtual/block/dm-0/dm/uuid', 'CRYPT-LUKS2-abc-root\n');
    f.write('/sys/devices/virtual/block/dm-0/dm/name', 'root\n');
    f.link('/sys/devices/virtual/block/dm-0/slaves/vda', '../../vda');
  }
  f.link('/sys/dev/block/254:0', `../../devices/virtual/block/${top}`);
  f.write('/etc/ufw/ufw.conf', `ENABLED=${clean ? 'yes' : 'no'}\n`);
  f.write('/usr/bin/apt-get', '');
  f.mkdir(`${H}/.ssh`, 0o700);
  f.write(`${H}/.ssh/id_rsa`, pemKey(clean), 0o600);
  f.mkdir(FIXTURE_DATA_DIR, clean ? 0o700 : 0o755);
  f.write(`${FIXTURE_DATA_DIR}/bastion.db`, 'db', 0o600);
  if (!clean) {
    f.write(`${H}/.aws/credentials`, `[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = ${secret}\n`, 0o644);
    f.mkdir(`${H}/Downloads`);
    await writeFixture('bitwarden-json', SEEDED_VAULT, f.real(`${H}/Downloads/stuff.json`));
  }
  return f;
}
