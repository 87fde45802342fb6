import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { estimateMany, StrengthPool } from './strength-pool';
import { estimateStrength, loadZxcvbn } from './zxcvbn';

const PASSWORDS = ['P@ssw0rd', 'correcthorsebatterystaple', 'Tr0ub4dor&3', 'xK9#mQ2$vL7!pR4@', 'summer2019', 'onetwothree', 'a', ''];
const pools: StrengthPool[] = [];
const pool = () => {
  const p = new StrengthPool();
  pools.push(p);
  return p;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.dispose()));
});

describe('StrengthPool', () => {
  it('scores as this thread does, and keeps its workers for the next job', async () => {
    await loadZxcvbn();
    const here = PASSWORDS.map(estimateStrength);
    const p = pool();
    expect(await p.run(PASSWORDS, 2)).toEqual(here);
    expect(p.size).toBe(2);
    const [a, b] = await Promise.all([p.run(PASSWORDS.slice(0, 3), 2), p.run(PASSWORDS.slice(3), 2)]);
    expect([...a, ...b]).toEqual(here);
    expect(p.size).toBe(2);
  });

  it('fails jobs still running when disposed, and starts afresh on the next', async () => {
    const p = pool();
    const many = Array.from({ length: 400 }, (_, i) => `pw-${i}-${'x'.repeat(i % 17)}`);
    const failed = expect(p.run(many, 1)).rejects.toThrow(/closed before they finished/);
    await p.dispose();
    await failed;
    expect(p.size).toBe(0);
    expect(await p.run(['P@ssw0rd'], 1)).toHaveLength(1);
  });

  it('reports progress up to the total', async () => {
    const seen: number[] = [];
    await pool().run(PASSWORDS, 2, (done, total) => {
      expect(total).toBe(PASSWORDS.length);
      seen.push(done);
    });
    expect(seen[seen.length - 1]).toBe(PASSWORDS.length);
  });

  it('estimateMany uses this thread for workers: 0', async () => {
    await loadZxcvbn();
    expect(await estimateMany(PASSWORDS, { workers: 0 })).toEqual(PASSWORDS.map(estimateStrength));
  });
});

describe('the shared pool in a short-lived process', () => {
  // The CLI starts the workers before it decrypts; when the import then fails (wrong password), nothing ever runs on
  // them, and the process must still end by itself.
  it('does not keep the process alive when it was started and never used', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bastion-pool-exit-'));
    try {
      const script = join(dir, 'warm.mts');
      writeFileSync(script, `import { warmStrengthPool, strengthPool } from ${JSON.stringify(join(import.meta.dirname, 'strength-pool.ts'))};
warmStrengthPool(2);
await new Promise((r) => setTimeout(r, 500)); // the workers are up by now
console.log(strengthPool().size);
`);
      const r = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
      expect([r.signal, r.status, r.stdout.trim(), r.stderr]).toEqual([null, 0, '2', '']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
