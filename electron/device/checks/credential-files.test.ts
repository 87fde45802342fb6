import { afterEach, describe, expect, it } from 'vitest';
import { makeFixture, type Fixture } from '../testing';
import { checkCredentialFiles } from './credential-files';
import { credentialKinds, envAssignments } from './credential-kinds';

let fx: Fixture | null = null;
afterEach(() => fx?.cleanup());
const fixture = (): Fixture => (fx = makeFixture());
const H = '/home/alice';

const count = (rel: string, text: string): number => credentialKinds(false).find((k) => k.rel === rel)!.count(text);

describe('credential counters', () => {
  it('count stored secrets, not env references, comments or empty values', () => {
    expect(count('.aws/credentials', '[default]\naws_access_key_id = AKIA1\naws_secret_access_key = s1\n[b]\naws_secret_access_key=s2\naws_session_token = t\n')).toBe(3);
    expect(count('.aws/credentials', '[default]\ncredential_process = /usr/bin/helper\n')).toBe(0);
    expect(count('.git-credentials', 'https://alice:tok1@github.com\nhttps://bob:tok2@gitlab.com\nhttps://github.com\n')).toBe(2);
    expect(count('.netrc', 'machine a login x password p1\n# password p0\nmachine b\n  login y\n  password p2\n')).toBe(2);
    expect(count('.npmrc', 'registry=https://r\n//registry.npmjs.org/:_authToken=npm_abc\n//r2/:_authToken=${NPM_TOKEN}\n')).toBe(1);
    expect(count('.pypirc', '[pypi]\nusername = __token__\npassword = pypi-abc\n')).toBe(1);
    expect(count('.docker/config.json', JSON.stringify({ auths: { 'ghcr.io': { auth: 'YTpi' }, 'docker.io': {} }, credsStore: 'desktop' }))).toBe(1);
    expect(count('.docker/config.json', '{ not json')).toBe(0);
    expect(envAssignments('export API_TOKEN=abc\nEMPTY=\nREF=$OTHER\n# X=1\nDB_PASSWORD="p w"\n')).toBe(2);
  });
});

describe('the credential_files check on a fixture home', () => {
  it('passes on a clean home, and for files that hold no credentials', async () => {
    const f = fixture();
    f.write(`${H}/.npmrc`, 'registry=https://registry.npmjs.org/\n', 0o644);
    f.write(`${H}/.docker/config.json`, '{"auths":{"docker.io":{}},"credsStore":"secretservice"}', 0o600);
    const r = await checkCredentialFiles(f.host);
    expect(r.status).toBe('pass');
    expect(r.evidence).toContain(`${H}/.npmrc: present, no stored credentials`);
  });

  it('reports each kind with its count and mode, medium when private to the user', async () => {
    const f = fixture();
    f.write(`${H}/.aws/credentials`, '[default]\naws_secret_access_key = x\n', 0o600);
    f.write(`${H}/.git-credentials`, 'https://alice:y@github.com\n', 0o600);
    f.write(`${H}/.env.local`, 'TOKEN=z\n', 0o600);
    const r = await checkCredentialFiles(f.host);
    expect(r.status).toBe('fail');
    expect(r.severity).toBe('medium');
    expect(r.evidence).toEqual([
      `${H}/.aws/credentials: AWS access keys, 1 entry, mode 0600`,
      `${H}/.git-credentials: Git passwords and tokens (credential store), 1 entry, mode 0600`,
      `${H}/.env.local: .env variables, 1 entry, mode 0600`,
    ]);
    expect(r.actions).toEqual([]);
    expect(r.fix).toMatch(/credential\.helper/);
  });

  it('is critical for a file others can read, with fix_file_permissions for exactly that file', async () => {
    const f = fixture();
    f.write(`${H}/.netrc`, 'machine example.com login a password b\n', 0o644);
    f.write(`${H}/.pypirc`, '[pypi]\npassword = c\n', 0o600);
    const r = await checkCredentialFiles(f.host);
    expect(r.severity).toBe('critical');
    expect(r.actions).toEqual([{ action: 'fix_file_permissions', path: `${H}/.netrc` }]);
    expect(r.evidence).toContain(`${H}/.netrc: netrc passwords, 1 entry, mode 0644 (readable by others)`);
  });

  it('does not follow a symlinked credential file and does not read .env files below the home', async () => {
    const f = fixture();
    f.write('/srv/secrets', 'aws_secret_access_key = x\n');
    f.link(`${H}/.aws/credentials`, '/srv/secrets');
    f.write(`${H}/project/.env`, 'TOKEN=x\n');
    const r = await checkCredentialFiles(f.host);
    expect(r.status).toBe('pass');
    expect(r.evidence).toEqual([`${H}/.aws/credentials: a symlink, not followed`]);
  });
});
