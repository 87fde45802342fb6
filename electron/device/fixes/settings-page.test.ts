import { describe, expect, it } from 'vitest';
import { CHECK_IDS, DEVICE_OSES } from '../types';
import { SETTINGS_URI_SCHEMES, SettingsTarget, settingsPageFor } from './settings-page';

describe('settingsPageFor', () => {
  it('gives every check that offers open_settings_page a target on every OS, with an allowed scheme', () => {
    for (const os of DEVICE_OSES) {
      for (const id of ['disk_encryption', 'screen_lock', 'firewall', 'system_updates'] as const) {
        const t = settingsPageFor(id, os);
        expect(SettingsTarget.parse(t)).toEqual(t);
        if (t?.kind === 'uri') expect(SETTINGS_URI_SCHEMES.some((s) => t.uri.startsWith(s))).toBe(true);
      }
    }
  });

  it('Linux gets commands for the user to run (Bastion runs none), macOS and Windows get settings URIs', () => {
    expect(settingsPageFor('firewall', 'linux')).toMatchObject({ kind: 'command', command: 'sudo ufw enable' });
    expect(settingsPageFor('disk_encryption', 'macos')).toMatchObject({ kind: 'uri', uri: expect.stringMatching(/^x-apple\.systempreferences:.*FileVault/) });
    expect(settingsPageFor('system_updates', 'windows')).toMatchObject({ kind: 'uri', uri: 'ms-settings:windowsupdate' });
  });

  it('has no settings page for checks fixed by file actions', () => {
    for (const os of DEVICE_OSES) for (const id of ['credential_files', 'plaintext_exports', 'bastion_data'] as const) expect(settingsPageFor(id, os)).toBeNull();
    expect(CHECK_IDS).toHaveLength(8);
  });
});
