import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { loadInstallKeys, openStore } from '../../electron/db';
import { createHandlers, createRouter, parseAppOrigin } from '../../electron/ipc';
import { createContext } from '../../electron/usecases';
import { importVault } from '../../electron/vault';
import { generateLargeVault, writeFixture } from '../../electron/vault/fixtures';
import { bridgePage, createEventBus } from '../../e2e/bridge';
import { serveRenderer } from '../../e2e/server';
import { median, percentile, round, timeRuns, type BenchRow, type Suite } from '../harness';

// Startup: (1) CLI cold start `bastion report` on an imported 10k vault vs `node -e 0`; (2) Chromium launch to the
// renderer's first interactive paint (first heading + report loaded, real handlers bridged) vs a blank page in the
// same Chromium. Both baselines are measured in the same run.

const ROOT = resolve(import.meta.dirname, '../..');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const startupSuite: Suite = async ({ quick, workDir }) => {
  const rows: BenchRow[] = [];
  const skipped: string[] = [];
  const n = quick ? 3 : 9;
  const items = quick ? 2000 : 10_000;

  // --- CLI cold start on an imported vault
  const dataDir = join(workDir, 'data');
  const file = join(workDir, 'vault.json');
  await writeFixture('bitwarden-json', generateLargeVault(items, 7), file);
  const store = openStore({ dataDir });
  await importVault(store, loadInstallKeys(dataDir), file, { format: 'bitwarden-json' });
  store.close();
  const cli = (args: string[]) => execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore', env: { ...process.env, BASTION_POLICY: '' } });
  const ours = await timeRuns(n, () => cli(['bin/bastion.mjs', '--data-dir', dataDir, 'report', '--json']), 1);
  const base = await timeRuns(n, () => cli(['-e', '0']), 1);
  rows.push({ name: `cli report (${items} items)`, median_ms: median(ours), p95_ms: percentile(ours, 95), baseline: 'node -e 0', baseline_value: median(base), ratio: median(ours) / median(base), better: 'lower' });

  // --- renderer first interactive paint in Chromium with the bridged handlers
  let rendererMs: number | null = null;
  let blankMs: number | null = null;
  try {
    const s = openStore({ dataDir });
    const bus = createEventBus();
    const handlers = createHandlers({ ctx: createContext({ dataDir, store: s, keys: loadInstallKeys(dataDir) }), emit: bus.emit });
    mkdirSync(join(workDir, 'blank'), { recursive: true });
    writeFileSync(join(workDir, 'blank/index.html'), '<!doctype html><title>blank</title><h1>blank</h1>');
    const app = await serveRenderer(join(ROOT, 'out/renderer'));
    const blank = await serveRenderer(join(workDir, 'blank'));
    const router = createRouter(handlers, { origin: parseAppOrigin(app.origin) });
    const appRuns = await timeRuns(n, async () => {
      const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
      const page = await b.newPage();
      bus.attach(page);
      await bridgePage(page, router);
      await page.goto(`${app.origin}/index.html`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await b.close();
    });
    const blankRuns = await timeRuns(n, async () => {
      const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
      const page = await b.newPage();
      await page.goto(`${blank.origin}/index.html`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await b.close();
    });
    await app.close();
    await blank.close();
    s.close();
    rendererMs = median(appRuns);
    blankMs = median(blankRuns);
    rows.push({ name: 'renderer interactive (launch → first heading, report loaded)', median_ms: rendererMs, p95_ms: percentile(appRuns, 95), baseline: 'blank page, same Chromium', baseline_value: blankMs, ratio: rendererMs / blankMs, better: 'lower' });
  } catch (e) {
    skipped.push(`renderer: ${(e as Error).message.split('\n')[0]} (needs /usr/bin/chromium and \`npm run build:renderer\`)`);
  }
  return {
    rows,
    skipped,
    summary: {
      items,
      cli_report_ms: round(median(ours)),
      cli_baseline_node_ms: round(median(base)),
      cli_ratio: round(median(ours) / median(base)),
      renderer_interactive_ms: rendererMs === null ? null : round(rendererMs),
      renderer_blank_ms: blankMs === null ? null : round(blankMs),
      renderer_ratio: rendererMs && blankMs ? round(rendererMs / blankMs) : null,
    },
  };
};
