import assert from 'node:assert/strict';
import { assertFocusIn, assertInView, heading } from './checks';
import type { Flow } from './flow-kit';

// The same app on a 10,000-item vault (electron/vault/fixtures' large-vault writer), from an empty store: the empty
// state, an import with phases, count, time left and Cancel (the store stays as it was), and the dashboard at scale.

export const LARGE_ITEMS = 10_000;

export const LARGE_FLOWS: Flow[] = [
  {
    name: 'with no vault, the empty state invites an import and shows no score',
    async run({ page, check, shot }) {
      await heading(page, 'Welcome to Bastion');
      await page.getByRole('button', { name: 'Skip for now' }).click();
      await heading(page, 'Vault health');
      await page.getByTestId('empty-state').waitFor();
      assert.equal(await page.getByTestId('score').count(), 0, 'no score without a vault');
      assert.equal(await page.getByText(/health score|No password is reused/).count(), 0);
      await page.getByRole('region', { name: 'Import a vault' }).getByRole('button', { name: 'Import', exact: true }).waitFor();
      await check('empty-state');
      await shot('empty-state');
    },
  },
  {
    name: 'a 10,000-item import shows phase, count of total and time left; Cancel leaves the store exactly as before',
    async run({ page, largePath, answerDialog, invoke, check, shot }) {
      const before = await invoke('vault:health', {});
      answerDialog('vault', largePath);
      await page.getByRole('button', { name: 'Choose vault file…' }).click();
      await page.waitForFunction((p) => (document.getElementById('vault-path') as HTMLInputElement).value === p, largePath);
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const progress = page.getByTestId('import-progress');
      await progress.and(page.locator('[data-phase="scoring"]')).getByText(/[\d,]+ of [\d,]+ passwords/).waitFor({ timeout: 120_000 });
      await progress.getByText(/left|Almost done|Estimating/).waitFor();
      await check('import-progress');
      await shot('import-progress');
      await progress.getByRole('button', { name: 'Cancel import' }).click();
      const summary = page.getByTestId('import-summary');
      await summary.filter({ hasText: 'Import cancelled; nothing was changed.' }).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'import-summary');
      assert.deepEqual(await invoke('vault:sources', {}), []);
      assert.deepEqual(await invoke('vault:health', {}), before);
    },
  },
  {
    name: 'the 10,000-item import runs to the end and focus moves to the result',
    async run({ page }) {
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const summary = page.getByTestId('import-summary');
      await summary.filter({ hasText: /^Imported 10000 items/ }).waitFor({ timeout: 300_000 });
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'import-summary');
    },
  },
  {
    name: 'the 10,000-item dashboard: filter, sort, search, and details in view from the bottom of the table',
    async run({ page, invoke, check, shotSizes }) {
      await heading(page, 'Vault health');
      const health = await invoke('vault:health', {});
      assert.equal(health.items.length, LARGE_ITEMS);
      const table = page.getByTestId('health-table');
      const open = health.items.filter((i) => i.risk > 0).length;
      await page.waitForFunction((n) => document.querySelector('[data-testid=health-table]')?.getAttribute('aria-rowcount') === String(n), open + 1);
      assert.ok((await page.locator('.hscroll [role=row]').count()) < 80, 'only the rows in view are in the DOM');
      const reused = health.items.filter((i) => i.findings.some((f) => f.kind === 'reused' && f.state === 'open')).length;
      await page.getByTestId('filter-reused').click();
      assert.equal(await table.getAttribute('aria-rowcount'), String(reused + 1));
      await page.getByTestId('filter-reused').click();
      await page.getByRole('columnheader', { name: 'Strength' }).getByRole('button').click();
      assert.equal(await page.getByRole('columnheader', { name: 'Strength' }).getAttribute('aria-sort'), 'ascending');
      await page.getByLabel('Search').pressSequentially('git');
      const matches = health.items.filter((i) => i.risk > 0 && `${i.title}\n${i.site ?? ''}\n${i.username ?? ''}`.toLowerCase().includes('git')).length;
      assert.equal(await table.getAttribute('aria-rowcount'), String(matches + 1));
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await page.locator('.hscroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
      const last = page.locator(`.hscroll [role=row][aria-rowindex="${open + 1}"]`);
      await last.waitFor();
      const title = await last.locator('.row-open').innerText();
      await last.locator('.row-open').click();
      await page.getByTestId('drawer').getByRole('heading', { name: title }).waitFor();
      await assertInView(page, '[data-testid=drawer]');
      await assertFocusIn(page, '.drawer');
      await check('dashboard-10k-details');
      await page.keyboard.press('Escape');
      await page.getByTestId('drawer').waitFor({ state: 'detached' });
      await assertFocusIn(page, `.hscroll [role=row][aria-rowindex="${open + 1}"]`);
      await page.evaluate(() => document.querySelectorAll('.content, .hscroll').forEach((el) => (el.scrollTop = 0)));
      await check('dashboard-10k');
      await shotSizes('dashboard-10k');
    },
  },
];
