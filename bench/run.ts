// `npm run bench [-- --quick] [-- --suite NAME]`: every suite measures Bastion and a baseline in the same run and
// reports ratios. Results go to bench/results/latest.json and are summarised in the README's Performance section.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineInfo, round, type BenchRow, type Suite } from './harness';
import { llmSuite } from './suites/llm';
import { retrievalSuite } from './suites/retrieval';
import { startupSuite } from './suites/startup';
import { uiSuite } from './suites/ui';
import { vaultSuite } from './suites/vault';

const SUITES: Record<string, Suite> = { vault: vaultSuite, retrieval: retrievalSuite, llm: llmSuite, startup: startupSuite, ui: uiSuite };

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--suite') ? args[args.indexOf('--suite') + 1] : undefined;

const out: { date: string; machine: string; quick: boolean; suites: Record<string, unknown>; skipped: Record<string, string[]> } = {
  date: new Date().toISOString(),
  machine: machineInfo(),
  quick,
  suites: {},
  skipped: {},
};

for (const [name, suite] of Object.entries(SUITES)) {
  if (only && only !== name) continue;
  const workDir = mkdtempSync(join(tmpdir(), `bastion-bench-${name}-`));
  const t0 = performance.now();
  try {
    console.log(`\n== ${name} ${quick ? '(quick)' : ''}`);
    const result = await suite({ quick, workDir });
    printTable(result.rows);
    out.suites[name] = result.summary;
    if (result.skipped?.length) {
      out.skipped[name] = result.skipped;
      for (const s of result.skipped) console.log(`  skipped: ${s}`);
    }
  } catch (e) {
    console.error(`  suite ${name} failed: ${(e as Error).stack ?? e}`);
    process.exitCode = 1;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
    console.log(`  (${round((performance.now() - t0) / 1000, 1)} s)`);
  }
}

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', `${JSON.stringify(out, null, 2)}\n`);
console.log(`\nmachine: ${out.machine}\nwrote bench/results/latest.json`);

function printTable(rows: BenchRow[]): void {
  const fmt = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '' : String(round(x)));
  console.table(
    rows.map((r) => ({
      name: r.name,
      median_ms: fmt(r.median_ms),
      p95_ms: fmt(r.p95_ms),
      value: r.value === undefined ? '' : `${fmt(r.value)} ${r.unit ?? ''}`.trim(),
      baseline: r.baseline ? `${r.baseline}: ${fmt(r.baseline_value)}` : '',
      ratio: r.ratio === undefined ? '' : `${fmt(r.ratio)}x${r.better ? ` (${r.better} is better)` : ''}`,
      note: r.note ?? '',
    })),
  );
}
