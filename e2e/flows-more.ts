import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertNoInternalText, heading, nextDecision } from './checks';
import type { Flow } from './flow-kit';

// Audit, device health, layout and chat, palette and shortcuts, policy lock-down, and the api's channel allow-list.

const mod = 'Control';

export const MORE_FLOWS: Flow[] = [
  {
    name: 'the audit log in words: action titles, outcomes, relative times, details on request; undo from there',
    async run({ page, answerDialog, dialogCalls, check, shot }) {
      const auditExport = join(mkdtempSync(join(tmpdir(), 'bastion-e2e-audit-')), 'audit.jsonl');
      await page.keyboard.press(`${mod}+4`);
      await heading(page, 'Audit log');
      const rejected = page.locator('tr[data-event="rejected"]').first();
      await rejected.getByRole('cell', { name: 'Move a KeePass entry to the recycle bin' }).waitFor();
      await rejected.getByRole('cell', { name: 'Rejected' }).waitFor();
      await page.locator('tr[data-event="executed"]').first().waitFor();
      const table = await page.getByRole('region', { name: 'Audit records' }).innerText();
      assert.doesNotMatch(table, /[{}]|"\w+":|\d{4}-\d\d-\d\dT\d\d:/, 'no raw JSON and no ISO timestamps');
      const time = rejected.locator('time');
      assert.match(await time.innerText(), /just now|minute/);
      assert.match((await time.getAttribute('title'))!, /\d{4}/);
      const proposed = page.locator('tr[data-event="proposal_created"]').filter({ hasText: 'Move a KeePass entry to the recycle bin' }).first();
      await proposed.getByRole('button', { name: /^Details/ }).click();
      const detail = page.locator('tr.audit-detail');
      await detail.getByText('Exact time').waitFor();
      // The item is named by its title, looked up from the id the record holds.
      await detail.getByText('Asked for › Item').waitFor();
      await detail.getByText(/^“.+”$/).first().waitFor();
      await page.getByTestId('audit-verify').getByText('Verified', { exact: true }).waitFor();
      await check('audit');
      await shot('audit');
      const undoList = page.getByRole('region', { name: 'Can be undone' });
      const undone = page.evaluate(() => new Promise((r) => window.addEventListener('bastion:proposal-undone', (e) => r((e as CustomEvent).detail), { once: true })));
      await undoList.getByRole('button', { name: /^Undo Mark a finding as resolved/ }).first().click();
      assert.equal(((await undone) as { status: string }).status, 'undone');
      await page.locator('tr[data-event="undone"]').first().waitFor();
      // Export through the save dialog: Cancel writes nothing; a chosen file gets the log.
      answerDialog('audit', null);
      await page.getByRole('button', { name: 'Export…' }).click();
      answerDialog('audit', auditExport);
      await page.getByRole('button', { name: 'Export…' }).click();
      await page.getByTestId('status').getByText(/^Exported \d+ audit records to .*\.jsonl\.$/).waitFor();
      assert.ok(existsSync(auditExport), 'the chosen file holds the exported log');
      assert.deepEqual(dialogCalls.filter((c) => c.purpose === 'audit'), [{ kind: 'save', purpose: 'audit' }, { kind: 'save', purpose: 'audit' }]);
      await check('audit-undo');
    },
  },
  {
    name: 'device health: status, evidence and fix per check, required by your organisation, fixes through the confirm dialog',
    async run({ page, setPolicy, invoke, check, shot, shotSizes }) {
      setPolicy('{"device": {"require": ["disk_encryption"]}}');
      try {
        await page.keyboard.press(`${mod}+3`);
        await heading(page, 'Device health');
        const report = await invoke('device:report', {});
        const cards = page.getByRole('list', { name: 'Checks' }).getByRole('listitem');
        await cards.first().waitFor();
        assert.equal(await page.locator('li.check').count(), report.checks.length);
        const disk = page.locator('li[data-check="disk_encryption"]');
        await disk.getByText('Required by your organisation').waitFor();
        await disk.getByText('How to fix:').waitFor();
        await disk.locator('summary', { hasText: 'What Bastion read' }).click();
        await check('device');
        await shot('device');
        await shotSizes('device');
        const cred = page.locator('li[data-check="credential_files"]');
        await cred.getByRole('button', { name: 'Make credentials private' }).click();
        await page.getByRole('dialog', { name: 'Make a file readable by you only' }).waitFor();
        await check('device-confirm');
        const d1 = nextDecision(page);
        await page.keyboard.press('Escape');
        assert.equal((await d1).status, 'rejected');
        await page.locator('li[data-check="plaintext_exports"]').getByRole('button', { name: 'Move stuff.json to the trash' }).click();
        await page.getByRole('dialog', { name: 'Delete a plain-text vault export' }).waitFor();
        const d2 = nextDecision(page);
        await page.keyboard.press('Escape');
        assert.equal((await d2).status, 'rejected');
        await disk.getByRole('button', { name: 'Open the settings' }).click();
        await page.getByRole('dialog', { name: 'Open a system settings page' }).waitFor();
        const d3 = nextDecision(page);
        await page.keyboard.press('Escape');
        assert.equal((await d3).status, 'rejected');
      } finally {
        setPolicy('{}\n');
      }
    },
  },
  {
    name: 'at 800×600 the sidebar folds and nothing covers the chat input; a vault question streams its answer',
    async run({ page, log, reusedTitles, check, shot }) {
      await page.setViewportSize({ width: 800, height: 600 });
      try {
        const menu = page.getByRole('button', { name: 'Menu' });
        await menu.waitFor();
        assert.equal(await page.getByRole('button', { name: /^Chat/ }).isVisible(), false, 'the sections fold behind Menu');
        await menu.click();
        await page.getByRole('button', { name: /^Chat/ }).click();
        await heading(page, 'Chat');
        const before = log.events.length;
        await page.getByLabel('Your question').fill('Which of my passwords are reused?');
        await page.keyboard.press('Enter');
        await page.getByTestId('answer').waitFor({ timeout: 60_000 });
        const mine = log.events.slice(before);
        const doneAt = mine.findIndex((e) => e.event === 'ask:done');
        assert.ok(doneAt >= 0, `ask:done was not emitted (events: ${mine.map((e) => e.event).join(', ')})`);
        const tokens = mine.filter((e) => e.event === 'ask:token');
        assert.ok(tokens.length > 0 && mine.indexOf(tokens[0]!) < doneAt, 'tokens stream before ask:done');
        const card = page.getByTestId('answer').last().getByRole('article', { name: /Reused password finding/ });
        for (const t of reusedTitles) await card.getByText(t, { exact: true }).first().waitFor();
        const input = (await page.getByLabel('Your question').boundingBox())!;
        const status = (await page.getByTestId('status').boundingBox())!;
        assert.ok(input.y + input.height <= status.y, `the status line covers the chat input (${JSON.stringify({ input, status })})`);
        assert.ok(input.y + input.height <= 600, 'the chat input is in view');
        await check('chat-800x600');
        await shot('chat-800x600');
      } finally {
        await page.setViewportSize({ width: 1200, height: 780 });
      }
      await page.setViewportSize({ width: 1920, height: 1080 });
      try {
        await page.keyboard.press(`${mod}+2`);
        await heading(page, 'Vault health');
        const table = (await page.getByTestId('health-table').boundingBox())!;
        assert.ok(table.width > 1500, `content uses a wide screen (table ${table.width}px wide at 1920)`);
      } finally {
        await page.setViewportSize({ width: 1200, height: 780 });
      }
    },
  },
  {
    name: 'palette and shortcuts work without a mouse',
    async run({ page, check, shot }) {
      await page.keyboard.press(`${mod}+k`);
      const palette = page.getByRole('dialog', { name: 'Command palette' });
      await palette.waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'palette-input');
      await page.keyboard.type('reused');
      await check('palette');
      await shot('palette');
      await page.keyboard.press('Enter');
      await heading(page, 'Vault health');
      assert.equal(await page.getByTestId('filter-reused').getAttribute('aria-pressed'), 'true');
      // A catalog action from a shortcut: generate_password through the permission layer (read-only: allowed).
      await page.keyboard.press('Alt+Shift+KeyG');
      const gen = page.getByTestId('generated');
      await gen.waitFor();
      assert.equal((await gen.locator('.big-mono').innerText()).length, 20);
      await page.keyboard.press('Alt+Shift+KeyV');
      await heading(page, 'Audit log');
      await page.getByTestId('status').getByText(/^Audit log intact/).waitFor();
      await page.keyboard.press(`${mod}+5`);
      await heading(page, 'Settings');
      await check('settings');
      await shot('settings');
      await page.keyboard.press('Alt+Shift+KeyT');
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
      await page.keyboard.press(`${mod}+2`);
      await heading(page, 'Vault health');
      await check('dashboard-dark');
      await shot('dashboard-dark');
      await page.keyboard.press('Alt+Shift+KeyT');
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    },
  },
  {
    name: 'an invalid policy locks the app down and says why on every screen',
    async run({ page, setPolicy, check, shot }) {
      setPolicy('{"models": {"dowloads": false}}');
      try {
        await page.reload();
        const banner = page.getByTestId('policy-locked');
        await banner.waitFor();
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        assert.match(await banner.innerText(), /dowloads/);
        await page.keyboard.press(`${mod}+4`);
        await heading(page, 'Audit log');
        await banner.waitFor();
        await check('policy-locked');
        await shot('policy-locked');
      } finally {
        setPolicy('{}\n');
      }
      await page.reload();
      await page.getByRole('heading', { level: 1 }).first().waitFor(); // the app is mounted and listening for keys
      await page.keyboard.press(`${mod}+5`);
      await heading(page, 'Settings');
      // Settings shows the same policy:status answer the banner read: once it is there, the banner has decided.
      await page.getByText('A managed policy is in force').waitFor();
      assert.equal(await page.getByTestId('policy-locked').count(), 0, 'a valid policy again: no banner');
      await assertNoInternalText(page, 'settings');
    },
  },
  {
    name: 'window.api refuses channels outside the contract',
    async run({ page }) {
      const r = await page.evaluate(() => (window as unknown as { api: { invoke(c: string, r: unknown): Promise<unknown> } }).api.invoke('fs:readFile', { path: '/etc/passwd' }));
      assert.deepEqual(r, { ok: false, error: { code: 'BAD_INPUT', message: 'Unknown IPC channel refused.' } });
      const keys = await page.evaluate(() => Object.keys((window as unknown as { api: object }).api).sort());
      assert.deepEqual(keys, ['invoke', 'on']);
    },
  },
];
