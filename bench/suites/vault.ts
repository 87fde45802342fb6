import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadInstallKeys, openStore } from '../../electron/db';
import { buildReport, disposeStrengthPool, importBreachCorpus, importVault, warmStrengthPool } from '../../electron/vault';
import { generateLargeVault, writeFixture } from '../../electron/vault/fixtures';
import { childJson } from '../child/run-child';
import { median, percentile, round, type BenchRow, type Suite } from '../harness';

// Vault: import + report of a generated 10k-login vault (quick: 1k), KDBX and Bitwarden JSON, against
// `keepassxc-cli analyze --hibp` on the same KDBX, interleaved run by run so both see the same machine load.
// Bastion runs in-process (engine time, no CLI start-up); keepassxc-cli is a process (its start-up is included, ~tens
// of ms). "first import" = empty strength cache; "cold" = no strength workers running (a first import in a fresh
// process: the CLI, or the app's first import), "warm pool" = the app's workers already started (an earlier import);
// "re-import" = same file again (strengths cached by keyed fingerprint: everything but the strength estimates). With
// dist/cli built, the same first import through the CLI (two processes: import, then report) is measured too, with its
// peak RSS; and a separate process reports where the memory of a first import goes.

const KEEPASSXC = '/usr/bin/keepassxc-cli';
const PASSWORD = 'bench-master-password';
const ROOT = resolve(import.meta.dirname, '../..');

export const vaultSuite: Suite = async ({ quick, workDir, defer }) => {
  const n = quick ? 1000 : 10_000;
  const runs = quick ? { cold: 3, warm: 2, cli: 2 } : { cold: 3, warm: 3, cli: 3 };
  defer('strength workers', () => disposeStrengthPool());
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
    defer(`store ${dir}`, () => store.close());
    await importBreachCorpus(store, hibp);
    return { dir, store, keys: loadInstallKeys(dir) };
  };
  type Data = Awaited<ReturnType<typeof freshDir>>;
  let findings = 0;
  // CPU time too (this process, strength workers included): unlike wall time it hardly moves with the machine's load.
  const cpu: Record<string, number[]> = {};
  const cpuMs = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  // Time to first report: when every check but strength is known (the import's preview), beside the full report.
  const firstAt: Record<string, number[]> = {};
  const importAndReport = async (s: Data, path: string, password?: string, label?: string) => {
    const t0 = performance.now();
    const c0 = cpuMs();
    let first: number | undefined;
    await importVault(s.store, s.keys, path, { ...(password ? { password } : {}), onFirstReport: () => (first = performance.now() - t0) });
    findings = buildReport(s.store).findings.length;
    if (label) (cpu[label] ??= []).push(cpuMs() - c0);
    if (label && first !== undefined) (firstAt[label] ??= []).push(first);
    return performance.now() - t0;
  };
  const firstImport = async (path: string, password: string | undefined, pool: 'cold' | 'warm') => {
    const s = await freshDir();
    if (pool === 'cold') await disposeStrengthPool();
    else warmStrengthPool();
    const ms = await importAndReport(s, path, password, `${password ? 'kdbx' : 'bw'} ${pool}`);
    s.store.close();
    rmSync(s.dir, { recursive: true, force: true });
    return ms;
  };

  const skipped: string[] = [];
  let keepassxc = existsSync(KEEPASSXC);
  if (!keepassxc) skipped.push(`${KEEPASSXC} not installed (Debian package keepassxc): no baseline ratio`);
  // Through bash for its `times` builtin: the CPU time keepassxc-cli used (Node cannot read a child's rusage).
  const kpRun = () => {
    const t0 = performance.now();
    const r = spawnSync('bash', ['-c', '"$0" "$@" >/dev/null || exit $?; times', KEEPASSXC, 'analyze', '--hibp', hibp, kdbx], { input: `${PASSWORD}\n`, encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`keepassxc-cli analyze failed (exit ${r.status}): ${r.stderr.trim().split('\n').pop()}`);
    const children = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(r.stdout.trim());
    if (children) (cpu.keepassxc ??= []).push((Number(children[1]) * 60 + Number(children[2]) + Number(children[3]) * 60 + Number(children[4])) * 1000);
    return ms;
  };
  if (keepassxc) {
    try {
      kpRun(); // warm-up: file cache
    } catch (e) {
      skipped.push((e as Error).message);
      keepassxc = false;
    }
  }
  const kp: number[] = [];
  const interleaved = async (times: number, ours: () => Promise<number>) => {
    const out: number[] = [];
    for (let i = 0; i < times; i++) {
      if (keepassxc) kp.push(kpRun());
      out.push(await ours());
    }
    return out;
  };

  const kdCold = await interleaved(runs.cold, () => firstImport(kdbx, PASSWORD, 'cold'));
  const kdWarmPool = await interleaved(runs.warm, () => firstImport(kdbx, PASSWORD, 'warm'));
  const bwCold = await interleaved(runs.cold, () => firstImport(bw, undefined, 'cold'));
  const re = await freshDir();
  await importAndReport(re, kdbx, PASSWORD);
  const kdRe = await interleaved(runs.warm, () => importAndReport(re, kdbx, PASSWORD, 'kdbx re-import'));
  const reBw = await freshDir();
  await importAndReport(reBw, bw);
  const bwRe = await interleaved(runs.warm, () => importAndReport(reBw, bw));
  re.store.close();
  reBw.store.close();
  await disposeStrengthPool();

  let cli: Awaited<ReturnType<typeof cliFirstImport>> | null = null;
  if (!existsSync(join(ROOT, 'dist/cli/engine.cjs'))) skipped.push('CLI first import: dist/cli/engine.cjs is not built (npm run build:cli)');
  else {
    try {
      cli = await cliFirstImport(workDir, kdbx, hibp, runs.cli, keepassxc ? kpRun : null, kp);
    } catch (e) {
      skipped.push(`CLI first import: ${(e as Error).message}`);
    }
  }

  const kpMs = keepassxc ? median(kp) : null;
  const ratio = (ms: number) => (kpMs ? round(ms / kpMs, 2) : undefined);
  const rows: BenchRow[] = [];
  if (kpMs) rows.push({ name: `keepassxc-cli analyze --hibp (${n} logins)`, median_ms: kpMs, p95_ms: percentile(kp, 95), note: `baseline: HIBP check only; ${kp.length} runs interleaved with ours` });
  const kpCpu = cpu.keepassxc?.length ? median(cpu.keepassxc) : null;
  /** "CPU 4.1 s = 4.0× keepassxc-cli's": the work itself, whatever else the machine was running. */
  const cpuNote = (label: string) => {
    const c = cpu[label];
    if (!c?.length) return '';
    return `; CPU ${round(median(c) / 1000, 2)} s${kpCpu ? ` = ${round(median(c) / kpCpu, 2)}× keepassxc-cli's ${round(kpCpu / 1000, 2)} s` : ''}`;
  };
  const row = (name: string, times: number[], note: string, vsBaseline = true): BenchRow => ({
    name,
    median_ms: median(times),
    p95_ms: percentile(times, 95),
    value: round(n / (median(times) / 1000), 0),
    unit: 'items/s',
    ...(vsBaseline && kpMs ? { baseline: 'keepassxc-cli', baseline_value: kpMs, ratio: ratio(median(times)), better: 'lower' as const } : {}),
    note,
  });
  const target = n >= 10_000 ? '≤ 3×' : '≤ 4×';
  rows.push(row(`kdbx first import + report, cold (${n})`, kdCold, `target ${target}; workers started by the import; ${findings} findings, all 7 checks${cpuNote('kdbx cold')}`));
  rows.push(row(`kdbx first import + report, warm pool (${n})`, kdWarmPool, `the app after an earlier import: workers already running${cpuNote('kdbx warm')}`));
  for (const [label, pool] of [['kdbx cold', 'cold'], ['kdbx warm', 'warm pool']] as const) {
    const t = firstAt[label];
    if (t?.length) rows.push(row(`kdbx first import: time to first report, ${pool} (${n})`, t, 'every check but strength shown (the import\'s preview); the full report is the row above'));
  }
  rows.push(row(`kdbx re-import + report (${n})`, kdRe, `strengths cached: every step but the estimates (what a report without strength would cost)${cpuNote('kdbx re-import')}`));
  rows.push(row(`bitwarden-json first import + report, cold (${n})`, bwCold, 'no decryption', false));
  rows.push(row(`bitwarden-json re-import + report (${n})`, bwRe, 'strengths cached', false));
  if (cli) {
    rows.push(row(`CLI: bastion import + bastion report --json, first import (${n})`, cli.ms, 'two processes, each with Node start-up'));
    rows.push({ name: 'CLI import: peak RSS', value: cli.rssMb, unit: 'MB', note: 'the import process, strength workers included' });
  }
  const mem = childJson<VaultMemory>(join(ROOT, 'bench/child/vault-memory.ts'), [kdbx, PASSWORD, hibp, join(workDir, 'mem')]);
  if ('error' in mem) skipped.push(`memory: ${mem.error}`);
  else rows.push({ name: `first import + report: peak RSS (${n}, in-process)`, value: mem.maxRssMb, unit: 'MB', note: mem.stages.map((s) => `${s.stage} ${s.rssMb}`).join(', ') + ' (RSS MB after each step)' });

  return {
    rows,
    skipped,
    summary: {
      items: n,
      keepassxc_ms: kpMs === null ? null : round(kpMs),
      keepassxc_cpu_ms: kpCpu === null ? null : round(kpCpu),
      cpu_ms: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, round(median(v))])),
      bastion_ms: round(median(kdCold)),
      ratio: ratio(median(kdCold)) ?? null,
      bastion_warm_pool_ms: round(median(kdWarmPool)),
      ratio_warm_pool: ratio(median(kdWarmPool)) ?? null,
      first_report_ms: Object.fromEntries(Object.entries(firstAt).map(([k, v]) => [k, round(median(v))])),
      bastion_reimport_ms: round(median(kdRe)),
      ratio_reimport: ratio(median(kdRe)) ?? null,
      bitwarden_ms: round(median(bwCold)),
      bitwarden_reimport_ms: round(median(bwRe)),
      items_per_s: round(n / (median(kdCold) / 1000), 0),
      cli_first_import_ms: cli ? round(median(cli.ms)) : null,
      cli_ratio: cli ? (ratio(median(cli.ms)) ?? null) : null,
      cli_import_peak_rss_mb: cli?.rssMb ?? null,
      memory: 'error' in mem ? null : mem,
    },
  };
};

interface VaultMemory {
  maxRssMb: number;
  stages: { stage: string; rssMb: number; heapMb: number; externalMb: number }[];
}

/** `bastion import` then `bastion report --json` in fresh processes on a fresh data folder, interleaved with keepassxc-cli. */
async function cliFirstImport(workDir: string, kdbx: string, hibp: string, runs: number, kpRun: (() => number) | null, kp: number[]) {
  const ms: number[] = [];
  let rssMb = 0;
  for (let i = 0; i < runs; i++) {
    const dir = join(workDir, `cli-${i}`);
    const store = openStore({ dataDir: dir });
    await importBreachCorpus(store, hibp);
    store.close();
    if (kpRun) kp.push(kpRun());
    const rssFile = join(workDir, `cli-${i}.rss`);
    const env = { ...process.env, BASTION_POLICY: '', BENCH_VAULT_PW: PASSWORD };
    const t0 = performance.now();
    // stdout is not read (the 10k report is megabytes of JSON); stderr says why when a step fails.
    const opts = { cwd: ROOT, encoding: 'utf8' as const, stdio: ['ignore', 'ignore', 'pipe'] as ('ignore' | 'pipe')[], maxBuffer: 64 * 2 ** 20 };
    const imp = spawnSync(process.execPath, ['--import', join(ROOT, 'bench/child/max-rss.mjs'), 'bin/bastion.mjs', '--data-dir', dir, 'import', kdbx, '--password-env', 'BENCH_VAULT_PW', '--json'], { ...opts, env: { ...env, BENCH_RSS_FILE: rssFile } });
    const rep = imp.status === 0 ? spawnSync(process.execPath, ['bin/bastion.mjs', '--data-dir', dir, 'report', '--json'], { ...opts, env }) : imp;
    ms.push(performance.now() - t0);
    if (rep.status !== 0) throw new Error(`bastion CLI failed (${rep.error?.message ?? rep.signal ?? `exit ${rep.status}`}): ${(rep.stderr ?? '').trim().split('\n').pop()}`);
    rssMb = Math.max(rssMb, round(Number(readFileSync(rssFile, 'utf8')) / 1024, 1));
    rmSync(dir, { recursive: true, force: true });
  }
  return { ms, rssMb };
}
