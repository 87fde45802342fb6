import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoot } from '../db';
import { buildCliBundle, type CliBundle } from '../managed/testing/cli';
import { runCli } from './program';

// Usage errors and hostile inputs at the command line: one `bastion: …` line naming the problem and where help is,
// and an exit code per kind — never the whole help text, never exit 1 ("internal error") for a user's mistake.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-usage-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; err: string[]; out: string }> {
  let code = 0;
  let out = '';
  const err: string[] = [];
  await runCli(['--data-dir', join(dir, 'data'), ...args], { setExitCode: (c) => (code = c), writeErr: (l) => void err.push(...l.split('\n')), writeOut: (t) => void (out += t) });
  return { code, err, out };
}

describe('usage errors', () => {
  it.each([
    [['import', '--format', 'nonsense', 'x.csv'], /argument 'nonsense' is invalid.*see `bastion import --help`/],
    [['import'], /missing required argument 'file'.*see `bastion import --help`/],
    [['frobnicate'], /unknown command 'frobnicate'.*see `bastion --help`/],
    [['kb', 'search', 'x', '--k'], /argument missing.*see `bastion kb search --help`/],
  ])('%j → exit 2 and one line', async (args, message) => {
    const r = await run(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^bastion: /);
    expect(r.err[0]).toMatch(message);
    expect(r.out).toBe('');
  });

  it('--help still prints help and exits 0', async () => {
    const r = await run('import', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Usage: bastion import/);
  });
});

describe('hostile files at the command line', () => {
  it('a FIFO as the vault or as the key file fails at once with the real cause (never hangs)', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const asVault = await run('import', fifo, '--format', 'bitwarden-json');
    expect(asVault.code).toBe(3);
    expect(asVault.err.join('\n')).toMatch(/FIFO|pipe|not a regular file/i);
    const vault = join(dir, 'v.json');
    execFileSync(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(vault)}, '{"items":[]}')`]);
    const asKey = await run('import', vault, '--key-file', fifo);
    expect(asKey.code).toBe(3);
  }, 30_000);

  it('/dev/zero as the key file is refused before it is read', async () => {
    const r = await run('import', '/dev/zero', '--key-file', '/dev/zero', '--format', 'kdbx');
    expect([3, 5]).toContain(r.code);
    expect(r.err).toHaveLength(1);
  }, 30_000);
});

describe('output to a reader that leaves', () => {
  let bundle: CliBundle;
  beforeAll(async () => {
    bundle = await buildCliBundle();
  });
  afterAll(() => bundle.cleanup());

  it('`bastion … | head` ending early: exit 0, no stack trace', async () => {
    const child = spawn(process.execPath, [bundle.entry, '--help'], { cwd: appRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before the first write
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });
});
