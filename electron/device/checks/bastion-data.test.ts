import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../host';
import { makeFixture, type Fixture, type FixtureOptions } from '../testing';
import { checkBastionData } from './bastion-data';

let fx: Fixture | null = null;
afterEach(() => fx?.cleanup());
const DATA = '/home/alice/.config/Bastion';
const POLICY = '/etc/bastion/policy.json';

function fixture(o: FixtureOptions = {}): Fixture {
  const f = (fx = makeFixture({ ...o, env: { BASTION_POLICY: undefined, ...o.env } }));
  return f;
}

/** The port reports `uid` as the owner of `path` (tests cannot chown without root; the check only sees the port). */
function ownedBy(host: Host, path: string, uid: number): void {
  const lstat = host.fs.lstat;
  host.fs.lstat = async (p) => {
    const info = await lstat(p);
    return info && p === path ? { ...info, uid } : info;
  };
}

function privateData(f: Fixture): void {
  f.mkdir(DATA, 0o700);
  f.write(`${DATA}/bastion.db`, 'x', 0o600);
  f.write(`${DATA}/install.key`, 'k', 0o600);
}

describe('bastion_data', () => {
  it('passes for a private data folder and no policy, and before the folder exists', async () => {
    const f = fixture();
    expect((await checkBastionData(f.host, { dataDir: DATA })).status).toBe('pass');
    privateData(f);
    const r = await checkBastionData(f.host, { dataDir: DATA });
    expect(r.status).toBe('pass');
    expect(r.evidence).toContain(`${POLICY}: absent (no managed policy)`);
  });

  it('fails for a data folder others can open, and for a file in it others can read', async () => {
    const f = fixture();
    privateData(f);
    f.mkdir(DATA, 0o755);
    const open = await checkBastionData(f.host, { dataDir: DATA });
    expect(open.status).toBe('fail');
    expect(open.fix).toContain(`chmod 700 '${DATA}'`);
    f.mkdir(DATA, 0o700);
    f.write(`${DATA}/install.key`, 'k', 0o644);
    const file = await checkBastionData(f.host, { dataDir: DATA });
    expect(file.status).toBe('fail');
    expect(file.actions).toEqual([{ action: 'fix_file_permissions', path: `${DATA}/install.key` }]);
  });

  it('fails for a data folder owned by someone else', async () => {
    const f = fixture({ uid: 1000 });
    privateData(f);
    ownedBy(f.host, DATA, 1001);
    expect((await checkBastionData(f.host, { dataDir: DATA })).reason).toMatch(/owned by another user \(uid 1001\)/);
  });

  it('a policy file must be owned by root and not writable by others', async () => {
    const f = fixture();
    privateData(f);
    f.write(POLICY, '{}', 0o644);
    ownedBy(f.host, POLICY, 0);
    expect((await checkBastionData(f.host, { dataDir: DATA })).status).toBe('pass');
    ownedBy(f.host, POLICY, 1000);
    const user = await checkBastionData(f.host, { dataDir: DATA });
    expect(user.status).toBe('fail');
    expect(user.reason).toMatch(/owned by uid 1000, not root/);
    f.write(POLICY, '{}', 0o666);
    ownedBy(f.host, POLICY, 0);
    expect((await checkBastionData(f.host, { dataDir: DATA })).reason).toMatch(/writable by other users/);
  });

  it('follows BASTION_POLICY, as the policy loader does', async () => {
    const f = fixture({ env: { BASTION_POLICY: '/opt/corp/policy.json' } });
    f.write('/opt/corp/policy.json', '{}', 0o646);
    const r = await checkBastionData(f.host, { dataDir: DATA });
    expect(r.evidence.join('\n')).toMatch(/\/opt\/corp\/policy\.json: file, mode 0646/);
    expect(r.status).toBe('fail');
  });

  it('is unknown on Windows (ACLs are not read)', async () => {
    expect((await checkBastionData(fixture({ os: 'windows' }).host, { dataDir: 'C:\\Users\\a\\AppData\\Roaming\\Bastion' })).status).toBe('unknown');
  });
});
