import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadInstallKeys, openStore } from '../../electron/db';
import { buildReport, importBreachCorpus, importVault } from '../../electron/vault';
import { generateLargeVault, writeFixture } from '../../electron/vault/fixtures';
import { median, percentile, round, timeRuns, type BenchRow, type Suite } from '../harness';

// Vault: import + report of a generated 10k-login vault (quick: 1k), KDBX and Bitwarden JSON, against
// `keepassxc-cli analyze --hibp` on the same KDBX in the same run. Bastion runs in-process (engine time, no CLI
// start-up); keepassxc-cli is a process (its start-up is included, ~tens of ms). "cold" = empty strength cache
// (a first import), "warm" = re-import of the same file (strength cached by fingerprint, the common case).

const KEEPASSXC = '/usr/bin/keepassxc-cli';
const PASSWORD = 'bench-master-password';

export const vaultSuite: Suite = async ({ quick, workDir }) => {
  const n = quick ? 1000 : 10_000;
  const runs = quick ? { cold: 1, warm: 2, kp: 3 } : { cold: 3, warm: 3, kp: 5 };
  const items = generateLargeVault(n, 20_260_101);
  const kdbx = join(workDir, 'large.kdbx');
  const bw = join(workDir, 'large.json');
  await writeFixture('kdbx', items, kdbx, { password: PASSWORD });
  await writeFixture('bitwarden-json', items, bw);

  // A small HIBP file: the vault's weak passwords plus filler hashes, sorted as HIBP ships them.
  const hibp = join(workDir, 'hibp.txt');
  const sha = (s: string) => createHash('sha1').update(s).digest('hex').toUpperCase();
  const weak = [...new Set(items.map((i) => i.password).filter((p): p is string => !!p && p.length < 11))];
  const lines = [...weak.map((p) => `${sha(p)}:${1000 + p.length}`), ...Array.from({ length: 5000 }, (_, i) => `${sha(`filler-${i}`)}:${i + 1}`)];
  writeFileSync(hibp, `${lines.sort().join('\r\n')}\r\n`);

  let dirNo = 0;
  const freshDir = async () => {
    const dir = join(workDir, `data-${dirNo++}`);
    mkdirSync(dir);
    const store = openStore({ dataDir: dir });
    await importBreachCorpus(store, hibp);
    return { dir, store, keys: loadInstallKeys(dir) };
  };
  const importAndReport = async (s: Awaited<ReturnType<typeof freshDir>>, path: string, password?: string) => {
    await importVault(s.store, s.keys, path, password ? { password } : {});
    return buildReport(s.store);
  };

  const rows: BenchRow[] = [];
  const skipped: string[] = [];
  const measure = async (label: string, path: string, password?: string) => {
    const cold: number[] = [];
    let findings = 0;
    for (let i = 0; i < runs.cold; i++) {
      const s = await freshDir();
      const t0 = performance.now();
      findings = (await importAndReport(s, path, password)).findings.length;
      cold.push(performance.now() - t0);
      s.store.close();
      rmSync(s.dir, { recursive: true, force: true });
    }
    const s = await freshDir();
    await importAndReport(s, path, password);
    const warm = await timeRuns(runs.warm, () => importAndReport(s, path, password));
    s.store.close();
    return { label, cold, warm, findings };
  };

  const kd = await measure('kdbx', kdbx, PASSWORD);
  const bwm = await measure('bitwarden-json', bw);

  let keepassxcMs: number | null = null;
  if (existsSync(KEEPASSXC)) {
    const check = spawnSync(KEEPASSXC, ['analyze', '--hibp', hibp, kdbx], { input: `${PASSWORD}\n`, encoding: 'utf8' });
    if (check.status !== 0) skipped.push(`keepassxc-cli analyze failed (exit ${check.status}): ${check.stderr.trim().split('\n').pop()}`);
    else {
      const kp = await timeRuns(runs.kp, () => spawnSync(KEEPASSXC, ['analyze', '--hibp', hibp, kdbx], { input: `${PASSWORD}\n`, encoding: 'utf8' }));
      keepassxcMs = median(kp);
      rows.push({ name: `keepassxc-cli analyze --hibp (${n} logins)`, median_ms: keepassxcMs, p95_ms: percentile(kp, 95), note: 'baseline: HIBP check only' });
    }
  } else skipped.push(`${KEEPASSXC} not installed (Debian package keepassxc): no baseline ratio`);

  const ratio = (ms: number) => (keepassxcMs ? round(ms / keepassxcMs, 2) : undefined);
  for (const m of [kd, bwm]) {
    for (const [phase, times] of [['cold', m.cold], ['warm', m.warm]] as const) {
      const med = median(times);
      rows.push({
        name: `bastion import+report ${m.label} ${phase} (${n})`,
        median_ms: med,
        p95_ms: percentile(times, 95),
        value: round(n / (med / 1000), 0),
        unit: 'items/s',
        ...(m.label === 'kdbx' && keepassxcMs ? { baseline: 'keepassxc-cli', baseline_value: keepassxcMs, ratio: ratio(med), better: 'lower' as const } : {}),
        note: `${m.findings} findings, all 7 checks`,
      });
    }
  }
  const bastionCold = median(kd.cold);
  const bastionWarm = median(kd.warm);
  return {
    rows,
    skipped,
    summary: {
      items: n,
      bastion_ms: round(bastionCold),
      keepassxc_ms: keepassxcMs === null ? null : round(keepassxcMs),
      ratio: ratio(bastionCold) ?? null,
      bitwarden_ms: round(median(bwm.cold)),
      items_per_s: round(n / (bastionCold / 1000), 0),
      bastion_warm_ms: round(bastionWarm),
      ratio_warm: ratio(bastionWarm) ?? null,
      bitwarden_warm_ms: round(median(bwm.warm)),
    },
  };
};
