import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_VAULT, writeFixture } from '../../vault/fixtures';

// The issue-2 CLI contract, through the real entry point (`node bin/bastion.mjs`, built as `npm install` builds it).

let root: string;
let dataDir: string;
let kdbx: string;
let json: string;
beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'ignore' });
  root = mkdtempSync(join(tmpdir(), 'bastion-cli-vault-'));
  dataDir = join(root, 'data');
  kdbx = join(root, 'seed.kdbx');
  json = join(root, 'seed.json');
  await writeFixture('kdbx', SEEDED_VAULT, kdbx, { password: 'cli-master' });
  await writeFixture('bitwarden-json', SEEDED_VAULT, json);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function bastion(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['bin/bastion.mjs', '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const jsonOf = (out: string) => JSON.parse(out) as Record<string, unknown>;

describe('bastion import / report / sources / exclude / include / forget / breach', () => {
  it('imports a KDBX with --password-env and prints the import contract', () => {
    const r = bastion(['import', kdbx, '--password-env', 'VAULT_PW', '--json'], { VAULT_PW: 'cli-master' });
    expect(r.code, r.err).toBe(0);
    const s = jsonOf(r.out);
    expect(Object.keys(s).sort()).toEqual(['fallback', 'format', 'items', 'logins', 'skipped', 'source']);
    expect(s).toMatchObject({ format: 'kdbx', items: SEEDED_VAULT.length, logins: 14, skipped: [], fallback: null });
  });

  it('prints the report contract and a readable grouped report', () => {
    const r = bastion(['report', '--json']);
    expect(r.code, r.err).toBe(0);
    const rep = jsonOf(r.out) as { counts: unknown; score: number; findings: { kind: string; severity: string; items: { id: string; title: string }[]; reason: string }[] };
    expect(rep.counts).toEqual({ items: SEEDED_VAULT.length, logins: 14 });
    expect(rep.score).toBeGreaterThanOrEqual(0);
    expect(rep.score).toBeLessThanOrEqual(100);
    expect(new Set(rep.findings.map((f) => f.kind))).toEqual(new Set(['weak', 'reused', 'exposed', 'insecure_url', 'missing_2fa', 'duplicate', 'old']));
    for (const f of rep.findings) {
      // `exposure` (common list or breach corpus) is on exposed findings only.
      expect(Object.keys(f).sort()).toEqual(f.kind === 'exposed' ? ['exposure', 'items', 'kind', 'reason', 'severity'] : ['items', 'kind', 'reason', 'severity']);
      for (const i of f.items) expect(i.id).toMatch(/^it_[A-Za-z0-9_-]{6,64}$/);
    }
    const human = bastion(['report']);
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/^Vault score: \d+\/100/);
    expect(human.out).toContain('Reused passwords (1)');
    expect(human.out).toContain('Two-factor authentication not set up (1)');
  });

  it('excludes and includes by item and group; excluded findings are listed separately', () => {
    const rep = jsonOf(bastion(['report', '--json']).out) as { findings: { kind: string; items: { id: string }[] }[] };
    const weakId = rep.findings.find((f) => f.kind === 'weak')!.items[0]!.id;
    expect(bastion(['exclude', weakId, '--kind', 'weak']).code).toBe(0);
    expect(bastion(['exclude', '--group', 'Work']).code).toBe(0);
    const after = jsonOf(bastion(['report', '--json']).out) as { findings: { kind: string; items: { id: string }[] }[]; excluded: { kind: string }[] };
    expect(after.findings.some((f) => f.kind === 'weak' && f.items.some((i) => i.id === weakId))).toBe(false);
    expect(after.findings.some((f) => f.kind === 'insecure_url' || f.kind === 'missing_2fa')).toBe(false);
    expect(after.excluded.map((f) => f.kind).sort()).toEqual(['insecure_url', 'missing_2fa', 'weak']);
    expect(bastion(['include', weakId]).code).toBe(0);
    expect(bastion(['include', '--group', 'Work']).code).toBe(0);
    expect(jsonOf(bastion(['report', '--json']).out)).toMatchObject({ excluded: [] });
  });

  it('exits non-zero with one line on bad input', () => {
    const cases: [string[], number, Record<string, string>?][] = [
      [['import', join(root, 'missing.kdbx'), '--password-env', 'P'], 6, { P: 'x' }],
      [['import', kdbx, '--password-env', 'P'], 4, { P: 'wrong password' }],
      [['import', kdbx, '--password-env', 'UNSET_VAR_FOR_TEST'], 2],
      [['import', kdbx], 2],
      [['exclude', 'it_nosuchitem'], 6],
      [['exclude', 'it_nosuchitem', '--kind', 'nonsense'], 2],
      [['exclude'], 2],
      [['forget', 'no-such-source'], 6],
    ];
    for (const [args, code, env] of cases) {
      const r = bastion(args, env);
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(code);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^bastion: /);
    }
    // Failed imports changed nothing.
    expect((jsonOf(bastion(['report', '--json']).out) as { counts: { items: number } }).counts.items).toBe(SEEDED_VAULT.length);
  });

  it('lists and forgets sources, and imports a breach corpus', () => {
    expect(bastion(['import', json, '--format', 'bitwarden-json']).code).toBe(0);
    const sources = JSON.parse(bastion(['sources', '--json']).out) as { id: string; path: string; format: string }[];
    expect(sources.map((s) => s.format).sort()).toEqual(['bitwarden-json', 'kdbx']);
    const f = bastion(['forget', json]);
    expect(f.code, f.err).toBe(0);
    expect((JSON.parse(bastion(['sources', '--json']).out) as unknown[]).length).toBe(1);

    const hibp = join(root, 'hibp.txt');
    const sha = createHash('sha1').update('Cnry-Lib-2vM#k7Pw').digest('hex').toUpperCase();
    writeFileSync(hibp, `${sha}:99\n`);
    const b = bastion(['breach', 'import', hibp]);
    expect(b.code, b.err).toBe(0);
    expect(b.out).toMatch(/re-import/);
    expect(bastion(['import', kdbx, '--password-env', 'P'], { P: 'cli-master' }).code).toBe(0);
    const rep = jsonOf(bastion(['report', '--json']).out) as { findings: { kind: string; items: { title: string }[] }[] };
    expect(rep.findings.filter((x) => x.kind === 'exposed').flatMap((x) => x.items.map((i) => i.title)).sort()).toEqual(['Library', 'Old webmail']);
  });

  it("the delete command suggested after a plaintext import runs as printed, even for a path with a quote in it", async () => {
    const dir = join(root, "it's here; $(echo no) `x`");
    mkdirSync(dir);
    const file = join(dir, 'export.json');
    await writeFixture('bitwarden-json', SEEDED_VAULT, file);
    const r = bastion(['import', file]);
    expect(r.code, r.err).toBe(0);
    const line = r.out.split('\n').find((l) => l.trim().startsWith('bastion propose delete_plaintext_export'));
    expect(line).toBeDefined();
    // The line as a person would paste it into a POSIX shell, with this checkout's bastion.
    const sh = spawnSync('sh', ['-c', `${line!.trim().replace(/^bastion /, `"${process.execPath}" bin/bastion.mjs --data-dir "${dataDir}" --json `)}`], { encoding: 'utf8' });
    expect(sh.status, sh.stderr).toBe(0);
    expect(JSON.parse(sh.stdout)).toMatchObject({ proposal: { action: 'delete_plaintext_export', args: { path: file } } });
    bastion(['forget', file]);
  });
});

