import { z } from 'zod';
import type { CheckId, DeviceOs } from '../types';

// open_settings_page: where the user changes a setting only they (or an admin) can change. A URI the OS opens (the
// main process hands it to shell.openExternal after checking the scheme), or the exact command for the user to run
// in a terminal: Bastion never runs privileged commands itself.

export const SettingsTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('uri'), uri: z.string(), label: z.string() }).strict(),
  z.object({ kind: z.literal('command'), command: z.string(), note: z.string() }).strict(),
]);
export type SettingsTarget = z.infer<typeof SettingsTarget>;

/** URI schemes a settings target may use, for the main process to check before opening one. */
export const SETTINGS_URI_SCHEMES = ['x-apple.systempreferences:', 'ms-settings:', 'windowsdefender:'] as const;

const uri = (u: string, label: string): SettingsTarget => ({ kind: 'uri', uri: u, label });
const cmd = (command: string, note: string): SettingsTarget => ({ kind: 'command', command, note });

const TARGETS: Record<DeviceOs, Partial<Record<CheckId, SettingsTarget>>> = {
  linux: {
    disk_encryption: cmd(
      'sudo cryptsetup reencrypt --encrypt --reduce-device-size 32M /dev/PARTITION',
      'Encrypting an existing Linux disk is advanced: back up everything first. Most people reinstall with "Encrypt the disk" ticked.',
    ),
    screen_lock: cmd(
      'gsettings set org.gnome.desktop.screensaver lock-enabled true && gsettings set org.gnome.desktop.session idle-delay 300',
      'GNOME: locks after 5 minutes idle. On KDE: System Settings › Screen Locking.',
    ),
    firewall: cmd('sudo ufw enable', 'Installs nothing: ufw must be present (`sudo apt install ufw`). It blocks unsolicited incoming connections.'),
    system_updates: cmd('sudo apt install unattended-upgrades && sudo dpkg-reconfigure -plow unattended-upgrades', 'Debian and Ubuntu. Fedora: `sudo dnf install dnf-automatic && sudo systemctl enable --now dnf-automatic-install.timer`.'),
    ssh_keys: cmd('ssh-keygen -p -f ~/.ssh/KEY', 'Asks for a new passphrase for the key (replace KEY with the file named in the evidence).'),
  },
  macos: {
    disk_encryption: uri('x-apple.systempreferences:com.apple.preference.security?FileVault', 'Privacy & Security › FileVault'),
    screen_lock: uri('x-apple.systempreferences:com.apple.Lock-Screen-Settings.extension', 'Lock Screen'),
    firewall: uri('x-apple.systempreferences:com.apple.preference.security?Firewall', 'Network › Firewall'),
    system_updates: uri('x-apple.systempreferences:com.apple.preferences.softwareupdate', 'General › Software Update'),
    ssh_keys: cmd('ssh-keygen -p -f ~/.ssh/KEY', 'Asks for a new passphrase for the key (replace KEY with the file named in the evidence).'),
  },
  windows: {
    disk_encryption: uri('ms-settings:deviceencryption', 'Privacy & security › Device encryption'),
    screen_lock: uri('ms-settings:signinoptions', 'Accounts › Sign-in options'),
    firewall: uri('windowsdefender://network/', 'Windows Security › Firewall & network protection'),
    system_updates: uri('ms-settings:windowsupdate', 'Windows Update'),
    ssh_keys: cmd('ssh-keygen -p -f %USERPROFILE%\\.ssh\\KEY', 'Asks for a new passphrase for the key (replace KEY with the file named in the evidence).'),
  },
};

/** The settings page or command for a check on an OS; null where the fix is a file action, not a setting. */
export function settingsPageFor(checkId: CheckId, os: DeviceOs): SettingsTarget | null {
  return TARGETS[os][checkId] ?? null;
}
