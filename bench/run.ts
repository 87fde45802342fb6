// `npm run bench [-- --quick] [-- --suite NAME]`: every suite measures Bastion and a baseline in the same run and
// reports ratios. Results go to bench/results/latest.json and are summarised in the README's Performance section.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { machineInfo, round, runSuite, type BenchRow, type Suite } from './harness';
import { llmSuite } from './suites/llm';
import { retrievalSuite } from './suites/retrieval';
import { startupSuite } from './suites/startup';
import { uiSuite } from './suites/ui';
import { vaultSuite } from './suites/vault';

const SUITES: Record<string, Suite> = { vault: vaultSuite, retrieval: retrievalSuite, llm: llmSuite, startup: startupSuite, ui: uiSuite };

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--suite') ? args[args.indexOf('--suite') + 1] : undefined;
if (only && !SUITES[only]) {
  console.error(`bench: no suite "${only}"; the suites are ${Object.keys(SUITES).join(', ')}.`);
  process.exit(2);
}

const load = () => loadavg().map((x) => round(x, 2));
const out: {
  date: string;
  machine: string;
  quick: boolean;
  load_average_start: number[];
  suites: Record<string, unknown>;
  skipped: Record<string, string[]>;
  failed: Record<string, string>;
} = { date: new Date().toISOString(), machine: machineInfo(), quick, load_average_start: load(), suites: {}, skipped: {}, failed: {} };
console.log(`machine: ${out.machine}; load average ${out.load_average_start.join(' ')}`);

for (const [name, suite] of Object.entries(SUITES)) {
  if (only && only !== name) continue;
  console.log(`\n== ${name} ${quick ? '(quick)' : ''} (load average ${load().join(' ')})`);
  const o = await runSuite(name, suite, { quick, timeoutMs: (quick ? 3 : 15) * 60_000 });
  if (o.result) {
    printTable(o.result.rows);
    out.suites[name] = o.result.summary;
    if (o.result.skipped?.length) {
      out.skipped[name] = o.result.skipped;
      for (const s of o.result.skipped) console.log(`  skipped: ${s}`);
    }
  } else if (o.status === 'skipped') {
    out.skipped[name] = [o.reason ?? 'cannot run here'];
    console.log(`  suite ${name} skipped: ${o.reason}`);
  } else {
    out.failed[name] = (o.reason ?? '').split('\n')[0]!;
    console.error(`  suite ${name} failed: ${o.reason}`);
    process.exitCode = 1;
  }
  for (const e of o.closeErrors) console.error(`  suite ${name} left something open: ${e}`);
  if (o.closeErrors.length) process.exitCode = 1;
  console.log(`  (${round(o.seconds, 1)} s)`);
}

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', `${JSON.stringify(out, null, 2)}\n`);
console.log(`\nmachine: ${out.machine}\nwrote bench/results/latest.json`);

// Every suite closed what it opened, so the process ends here. If something still holds it open, say what, and end
// anyway: a benchmark run must never hang CI.
setTimeout(() => {
  console.error(`bench: still running 10 s after the last suite; open: ${process.getActiveResourcesInfo().join(', ')}`);
  process.exit(process.exitCode ?? 1);
}, 10_000).unref();

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
