import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { EventLog } from './bridge';

// The desktop flows, written once against a Playwright Page: run in Chromium with the bridged handlers, and through
// _electron where an Electron binary exists. They wait on named selectors and events, never on time.

export interface FlowContext {
  page: Page;
  log: EventLog;
  kdbxPath: string;
  kdbxPassword: string;
  /** Expected item count per finding kind, computed from the fixture spec (never typed in here). */
  expectedCounts: Record<string, number>;
  expectedItems: number;
  reusedTitles: string[];
  /** URLs the OpenExternal port was asked to open (the e2e port records instead of launching a browser). */
  opened: string[];
  /** Replaces the managed policy file the bridged handlers read (they read it on every request, like the app). */
  setPolicy(text: string): void;
  axe(name: string): Promise<void>;
  shot(name: string): Promise<void>;
}

export interface Flow {
  name: string;
  run(ctx: FlowContext): Promise<void>;
}

const mod = 'Control';

async function heading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text }).waitFor();
}

export const FLOWS: Flow[] = [
  {
    name: 'first run shows the import step',
    async run({ page, axe, shot }) {
      await heading(page, 'Welcome to Bastion');
      await axe('first-run');
      await shot('first-run');
    },
  },
  {
    name: 'import a generated KDBX',
    async run({ page, kdbxPath, kdbxPassword, expectedItems, shot }) {
      await page.getByLabel('Vault file').fill(kdbxPath);
      await page.getByLabel('Format').selectOption('kdbx');
      await page.getByLabel('Master password (KeePass only)').fill(kdbxPassword);
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const summary = page.getByTestId('import-summary');
      await summary.filter({ hasText: 'Imported' }).waitFor();
      assert.match(await summary.innerText(), new RegExp(`Imported ${expectedItems} items`));
      await shot('first-run-model');
      await page.getByRole('button', { name: 'Continue to vault health' }).click();
    },
  },
  {
    name: 'dashboard shows the seeded findings',
    async run({ page, expectedCounts, reusedTitles, axe, shot }) {
      await heading(page, 'Vault health');
      for (const [kind, n] of Object.entries(expectedCounts)) {
        assert.equal(await page.getByTestId(`count-${kind}`).innerText(), String(n), `count of ${kind}`);
      }
      const reused = page.getByRole('article', { name: /Reused password finding/ });
      for (const t of reusedTitles) await reused.getByRole('button', { name: t }).waitFor();
      await axe('dashboard');
      await shot('dashboard');
    },
  },
  {
    name: 'ask a vault question and see the answer stream',
    async run({ page, log, reusedTitles, axe, shot }) {
      await page.keyboard.press(`${mod}+1`);
      await heading(page, 'Chat');
      const before = log.events.length;
      await page.getByLabel('Your question').fill('Which of my passwords are reused?');
      await page.keyboard.press('Enter');
      await page.getByTestId('answer').waitFor({ timeout: 60_000 });
      const mine = log.events.slice(before);
      const tokens = mine.filter((e) => e.event === 'ask:token');
      const doneAt = mine.findIndex((e) => e.event === 'ask:done');
      assert.ok(doneAt >= 0, `ask:done was not emitted (events: ${mine.map((e) => e.event).join(', ')})`);
      assert.ok(tokens.length > 0, 'no ask:token delta events were streamed');
      assert.ok(mine.indexOf(tokens[0]!) < doneAt, 'tokens must stream before ask:done');
      const result = (mine[doneAt]!.payload as { result: { route: string; answer: string; findings: { kind: string; items: { title: string }[] }[] } }).result;
      assert.equal(result.route, 'vault');
      const answer = page.getByTestId('answer').last();
      assert.equal((await answer.locator('.text').innerText()).trim(), result.answer.trim());
      // Findings are cards from engine data: the reuse group's titles, exactly.
      const card = answer.getByRole('article', { name: /Reused password finding/ });
      for (const t of reusedTitles) await card.getByText(t, { exact: true }).waitFor();
      await axe('chat');
      await shot('chat');
    },
  },
  {
    name: 'a proposal opens the confirm dialog, and reject changes nothing',
    async run({ page, opened, reusedTitles, axe, shot }) {
      await page.keyboard.press(`${mod}+2`);
      await heading(page, 'Vault health');
      await page.getByRole('article', { name: /Reused password finding/ }).getByRole('button', { name: reusedTitles[0]! }).click();
      await page.getByRole('button', { name: 'Open change-password page' }).click();
      const dialog = page.getByRole('dialog', { name: "Open the site's change-password page" });
      await dialog.waitFor();
      const focused = await page.evaluate(() => document.activeElement?.textContent);
      assert.equal(focused, 'Reject', 'focus must start on Reject');
      const described = await dialog.getAttribute('aria-describedby');
      assert.ok(described && (await page.locator(`#${described}`).innerText()).includes('change-password'));
      await dialog.getByText('/.well-known/change-password').first().waitFor();
      await axe('confirm-dialog');
      await shot('confirm-dialog');
      const decided = page.evaluate(() => new Promise((r) => window.addEventListener('bastion:proposal-decided', (e) => r((e as CustomEvent).detail), { once: true })));
      await page.keyboard.press('Enter');
      assert.deepEqual(((await decided) as { kind: string; status: string }).status, 'rejected');
      await dialog.waitFor({ state: 'detached' });
      assert.deepEqual(opened, [], 'a rejected proposal must not open anything');
    },
  },
  {
    name: 'confirm runs it through the permission layer',
    async run({ page, opened }) {
      await page.getByRole('button', { name: 'Open change-password page' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      const decided = page.evaluate(() => new Promise((r) => window.addEventListener('bastion:proposal-decided', (e) => r((e as CustomEvent).detail), { once: true })));
      await page.keyboard.press('Tab'); // Reject → Confirm
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Confirm');
      await page.keyboard.press('Enter');
      assert.equal(((await decided) as { status: string }).status, 'executed');
      assert.equal(opened.length, 1);
      assert.match(opened[0]!, /^https:\/\/[^/]+\/\.well-known\/change-password$/);
    },
  },
  {
    name: 'a destructive proposal shows before/after and needs the title typed',
    async run({ page, reusedTitles, axe, shot }) {
      await page.getByRole('button', { name: 'Move to recycle bin' }).click();
      const dialog = page.getByRole('dialog', { name: 'Move a KeePass entry to the recycle bin' });
      await dialog.waitFor();
      assert.match(await dialog.getByTestId('effect-before').innerText(), /^In (group|the vault)/);
      assert.match(await dialog.getByTestId('effect-after').innerText(), /Recycle Bin/);
      const confirm = dialog.getByRole('button', { name: 'Confirm' });
      assert.equal(await confirm.isDisabled(), true, 'Confirm stays disabled until the title is typed');
      await dialog.getByLabel(/Type .* to confirm/).fill(reusedTitles[0]!);
      assert.equal(await confirm.isDisabled(), false);
      await axe('confirm-destructive');
      await shot('confirm-destructive');
      const decided = page.evaluate(() => new Promise((r) => window.addEventListener('bastion:proposal-decided', (e) => r((e as CustomEvent).detail), { once: true })));
      await dialog.getByRole('button', { name: 'Reject' }).click();
      assert.equal(((await decided) as { status: string }).status, 'rejected');
    },
  },
  {
    name: 'a local action runs at once and can be undone from the audit screen',
    async run({ page, log, axe }) {
      const before = log.events.length;
      await page.getByRole('button', { name: 'Snooze 30 days' }).click();
      await page.getByTestId('status').getByText(/^Snooze a finding/).waitFor();
      assert.ok(log.events.slice(before).some((e) => e.event === 'proposals:changed'), 'the snooze must go through the permission layer');
      await page.keyboard.press(`${mod}+3`);
      await heading(page, 'Audit log');
      const undoList = page.getByRole('region', { name: 'Can be undone' });
      const undone = page.evaluate(() => new Promise((r) => window.addEventListener('bastion:proposal-undone', (e) => r((e as CustomEvent).detail), { once: true })));
      await undoList.getByRole('button', { name: /^Undo Snooze a finding/ }).click();
      assert.equal(((await undone) as { status: string }).status, 'undone');
      await page.locator('tr[data-event="undone"]').first().waitFor();
      await axe('audit-undo');
    },
  },
  {
    name: 'audit viewer shows both decisions and verifies',
    async run({ page, axe, shot }) {
      await page.keyboard.press(`${mod}+3`);
      await heading(page, 'Audit log');
      await page.locator('tr[data-event="rejected"]').first().waitFor();
      await page.locator('tr[data-event="executed"]').first().waitFor();
      await page.getByTestId('audit-verify').getByText('Verified', { exact: true }).waitFor();
      await axe('audit');
      await shot('audit');
    },
  },
  {
    name: 'palette and shortcuts work without a mouse',
    async run({ page, axe, shot }) {
      await page.keyboard.press(`${mod}+k`);
      const palette = page.getByRole('dialog', { name: 'Command palette' });
      await palette.waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'palette-input');
      await page.keyboard.type('reused');
      await axe('palette');
      await shot('palette');
      await page.keyboard.press('Enter');
      await heading(page, 'Vault health');
      assert.equal(await page.getByRole('button', { name: /Reused password/ }).getAttribute('aria-pressed'), 'true');
      // A catalog action from a shortcut: generate_password through the permission layer (read-only: allowed).
      await page.keyboard.press('Alt+Shift+KeyG');
      const gen = page.getByTestId('generated');
      await gen.waitFor();
      assert.equal((await gen.locator('.big-mono').innerText()).length, 20);
      await page.keyboard.press('Alt+Shift+KeyV');
      await heading(page, 'Audit log');
      await page.getByTestId('status').getByText(/^Audit log intact/).waitFor();
      await page.keyboard.press(`${mod}+4`);
      await heading(page, 'Settings');
      await axe('settings');
      await shot('settings');
      await page.keyboard.press('Alt+Shift+KeyT');
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
      await page.keyboard.press(`${mod}+2`);
      await heading(page, 'Vault health');
      await axe('dashboard-dark');
      await shot('dashboard-dark');
    },
  },
  {
    name: 'an invalid policy locks the app down and says why on every screen',
    async run({ page, setPolicy, axe, shot }) {
      setPolicy('{"models": {"dowloads": false}}');
      try {
        await page.reload();
        const banner = page.getByTestId('policy-locked');
        await banner.waitFor();
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        assert.match(await banner.innerText(), /dowloads/);
        await page.keyboard.press(`${mod}+3`);
        await heading(page, 'Audit log');
        await banner.waitFor();
        await axe('policy-locked');
        await shot('policy-locked');
      } finally {
        setPolicy('{}\n');
      }
      await page.reload();
      await page.getByRole('heading', { level: 1 }).first().waitFor(); // the app is mounted and listening for keys
      await page.keyboard.press(`${mod}+4`);
      await heading(page, 'Settings');
      // Settings shows the same policy:status answer the banner read: once it is there, the banner has decided.
      await page.getByText('A managed policy is in force').waitFor();
      assert.equal(await page.getByTestId('policy-locked').count(), 0, 'a valid policy again: no banner');
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
