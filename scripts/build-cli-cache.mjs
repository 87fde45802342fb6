// Stores V8's compiled code for the CLI's two bundles (read by bin/load-bundle.mjs): runs the commands people run most
// on a small made-up vault in a temporary data dir, then saves what V8 compiled for them. Runs after scripts/build-cli.mjs
// and the zxcvbn index (`npm install`, `npm run build:cli`). Never touches a real data dir; the managed policy is not
// read. A failure here costs start-up time, not correctness: the CLI then compiles from source, so it never fails the
// install.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundle, writeCaches } from '../bin/load-bundle.mjs';

// Logins with the findings a report usually has: reused, weak, on the common-password list, on an http:// page.
const LOGINS = [
  ['GitHub', 'https://github.com', 'sam@example.com', 'correct-horse-battery-staple-41'],
  ['GitLab', 'https://gitlab.com', 'sam@example.com', 'correct-horse-battery-staple-41'],
  ['Router', 'http://192.168.1.1', 'admin', 'password'],
  ['Bank', 'https://bank.example.com', 'sam', 'Summer2019!'],
  ['Mail', 'https://mail.example.com', 'sam@example.com', 'qwerty123'],
  ['Shop', 'https://shop.example.com', 'sam@example.com', 'k9#Vq2!mZr7$wLp4'],
];
const csv = ['name,url,username,password', ...LOGINS.map((l) => l.map((v) => `"${v}"`).join(','))].join('\n');

const dir = mkdtempSync(join(tmpdir(), 'bastion-cli-cache-'));
const failures = [];
try {
  process.env.BASTION_POLICY = '';
  const cli = loadBundle('bastion.cjs');
  const file = join(dir, 'passwords.csv');
  writeFileSync(file, csv, { mode: 0o600 });
  const data = join(dir, 'data');
  // The import runs in its own process: an import takes seconds whatever it compiles, and its code in the cache
  // would make every short command load a larger cache.
  const imported = spawnSync(process.execPath, [fileURLToPath(new URL('../bin/bastion.mjs', import.meta.url)), '--data-dir', data, 'import', file], { encoding: 'utf8', env: process.env });
  if (imported.status !== 0) failures.push(`import (exit ${imported.status}: ${imported.stderr.trim().split('\n').pop()})`);
  // The commands' output and progress are not wanted here; their errors are shown if one fails.
  const [out, err] = [process.stdout.write, process.stderr.write];
  let errors = '';
  process.stdout.write = () => true;
  process.stderr.write = (chunk) => ((errors += String(chunk)), true);
  try {
    for (const args of [
      ['report', '--json'],
      ['report'],
      ['ask', '--no-llm', 'which of my passwords are reused'],
      ['audit', 'verify'],
      ['--help'],
    ]) {
      process.exitCode = 0;
      await cli.main(['--data-dir', data, ...args]);
      if (process.exitCode) failures.push(`${args.join(' ')} (exit ${process.exitCode}: ${errors.trim().split('\n').pop()})`);
      errors = '';
    }
  } finally {
    [process.stdout.write, process.stderr.write] = [out, err];
    process.exitCode = 0;
  }
  const saved = writeCaches().join(', ');
  console.log(`bastion CLI code caches built: ${saved}${failures.length ? ` (commands that failed while building it: ${failures.join('; ')})` : ''}`);
} catch (e) {
  console.warn(`bastion CLI code cache not built (the CLI compiles from source instead): ${e instanceof Error ? e.message : e}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
