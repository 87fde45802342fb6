import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CANARIES } from '../vault/fixtures';
import { runDeviceChecks } from './run';
import { fixtureMachine, FIXTURE_DATA_DIR, type Fixture } from './testing';

// Rule 2 for device health: credential values seeded in every kind of credential file (and the passwords in a
// plaintext export) never reach the report, the console, or any file the checks could write. Positive control: the
// same probe finds every canary in the fixture files themselves.

const H = '/home/alice';
const SEEDED: Record<string, string> = {
  aws: 'Cnry-Aws-Secret-4kQ9zT',
  awsSession: 'Cnry-Aws-Session-8mV2',
  git: 'Cnry-Git-Token-x7Pq',
  netrc: 'Cnry-Netrc-Pass-3Lw',
  docker: 'Q25yeS1Eb2NrZXItQXV0aA',
  npm: 'Cnry-Npm-Token-9Hd',
  pypi: 'Cnry-Pypi-Pass-5Rt',
  env: 'Cnry-Env-Value-2Zx',
  envQuoted: 'Cnry Env Quoted 6Yb',
};

let fx: Fixture | null = null;
afterEach(() => {
  fx?.cleanup();
  vi.restoreAllMocks();
});

function seed(f: Fixture): void {
  f.write(`${H}/.aws/credentials`, `[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = ${SEEDED.aws}\naws_session_token=${SEEDED.awsSession}\n`, 0o644);
  f.write(`${H}/.git-credentials`, `https://alice:${SEEDED.git}@github.com\n`, 0o600);
  f.write(`${H}/.netrc`, `machine api.example.com\n  login alice\n  password ${SEEDED.netrc}\n`, 0o640);
  f.write(`${H}/.docker/config.json`, JSON.stringify({ auths: { 'registry.example.com': { auth: SEEDED.docker } } }), 0o600);
  f.write(`${H}/.npmrc`, `//registry.npmjs.org/:_authToken=${SEEDED.npm}\n`, 0o600);
  f.write(`${H}/.pypirc`, `[pypi]\nusername = __token__\npassword = ${SEEDED.pypi}\n`, 0o600);
  f.write(`${H}/.env`, `API_TOKEN=${SEEDED.env}\nexport DB_PASSWORD="${SEEDED.envQuoted}"\n`, 0o600);
}

function listTree(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      out.push(`${p}:${e.isFile() ? statSync(p).size : e.isDirectory() ? 'dir' : 'link'}`);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(root);
  return out.sort();
}

const probes = (): string[] => [...Object.values(SEEDED), ...CANARIES.filter((c) => c.length >= 8)];
const leaks = (text: string): string[] => probes().filter((p) => text.includes(p));

describe('credential values never leave the device checks', () => {
  it('positive control: every canary is in the seeded files the checks read', async () => {
    fx = await fixtureMachine(false);
    seed(fx);
    const files = [
      '.aws/credentials', '.git-credentials', '.netrc', '.docker/config.json', '.npmrc', '.pypirc', '.env', 'Downloads/stuff.json',
    ].map((r) => readFileSync(fx!.real(`${H}/${r}`), 'utf8'));
    expect(leaks(files.join('\n')).sort()).toEqual(probes().sort());
  });

  it('the report, the console and the file system show none of them', async () => {
    fx = await fixtureMachine(false);
    seed(fx);
    const before = listTree(fx.root);
    const printed: string[] = [];
    for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void printed.push(a.map(String).join(' ')));
    const write = (chunk: unknown): boolean => (printed.push(String(chunk)), true);
    vi.spyOn(process.stdout, 'write').mockImplementation(write);
    vi.spyOn(process.stderr, 'write').mockImplementation(write);

    const report = await runDeviceChecks(fx.host, { dataDir: FIXTURE_DATA_DIR });
    vi.restoreAllMocks();

    const creds = report.checks.find((c) => c.id === 'credential_files')!;
    expect(creds.status).toBe('fail');
    // Each seeded file was found and counted: the checks did read the values they must not repeat.
    expect(creds.evidence.filter((e) => / entr(y|ies), mode /.test(e))).toHaveLength(7);
    expect(creds.evidence).toContain(`${H}/.aws/credentials: AWS access keys, 2 entries, mode 0644 (readable by others)`);
    expect(report.checks.find((c) => c.id === 'plaintext_exports')!.status).toBe('fail');

    expect(leaks(JSON.stringify(report))).toEqual([]);
    expect(leaks(printed.join('\n'))).toEqual([]);
    expect(listTree(fx.root)).toEqual(before);
  });
});
