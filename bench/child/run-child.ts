import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Runs a bench/child script in a fresh Node process (TypeScript through tsx) and parses the JSON it prints last: a
 * separate process, so its memory figures are its own and not the bench's. Never throws: a failure comes back as
 * `{ error }` for the suite to report as skipped.
 */
export function childJson<T>(script: string, args: string[], timeoutMs = 300_000): T | { error: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, BASTION_POLICY: '' } });
  if (r.status !== 0) return { error: `${script} failed (${r.error?.message ?? `exit ${r.status}`}): ${(r.stderr ?? '').trim().split('\n').pop()}` };
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
  } catch {
    return { error: `${script} printed no JSON` };
  }
}
