import assert from 'node:assert/strict';
import { assertFocusIn, assertInView, heading, nextDecision } from './checks';
import { openItem, rowTitles, type Flow, type FlowContext } from './flow-kit';
import { CHAT_FLOWS } from './flows-chat';
import { MORE_FLOWS } from './flows-more';

// The desktop flows on the seeded vault, written once against a Playwright Page: run in Chromium with the bridged
// handlers, and through _electron where an Electron binary exists. They wait on named selectors and events, never on
// time. flows-more.ts has the audit, device, layout, palette and policy flows; flows-large.ts the 10,000-item ones;
// flow-kit.ts the context and helpers they share.

export type { Flow, FlowContext };

export const FLOWS: Flow[] = [
  {
    name: 'first run shows the import step',
    async run({ page, check, shot }) {
      await heading(page, 'Welcome to Bastion');
      await check('first-run');
      await shot('first-run');
    },
  },
  {
    name: 'import a KeePass file through the native file picker: phases, then focus on the result',
    async run({ page, log, kdbxPath, kdbxPassword, expectedItems, answerDialog, dialogCalls, check, shot }) {
      answerDialog('vault', kdbxPath);
      await page.getByRole('button', { name: 'Choose vault file…' }).click();
      await page.waitForFunction((p) => (document.getElementById('vault-path') as HTMLInputElement).value === p, kdbxPath);
      assert.deepEqual(dialogCalls.at(-1), { kind: 'open', purpose: 'vault' });
      await page.getByLabel('Format').selectOption('kdbx');
      await page.getByLabel('Master password (KeePass only)').fill(kdbxPassword);
      const before = log.events.length;
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const summary = page.getByTestId('import-summary');
      await summary.filter({ hasText: 'Imported' }).waitFor();
      assert.match(await summary.innerText(), new RegExp(`^Imported ${expectedItems} items \\(\\d+ logins\\) from seeded.kdbx \\(KeePass database\\)`));
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'import-summary', 'focus moves to the result');
      const phases = log.events.slice(before).filter((e) => e.event === 'vault:progress').map((e) => (e.payload as { phase?: string }).phase);
      assert.deepEqual([...new Set(phases)], ['reading', 'decrypting', 'scoring', 'saving']);
      const soFar = log.events.slice(before).map((e) => (e.event === 'vault:progress' ? (e.payload as { soFar?: Record<string, number> }).soFar : undefined)).find(Boolean);
      assert.ok(soFar && (soFar.reused ?? 0) > 0, 'the findings known before the strength estimates ride on the progress');
      await check('first-run-imported');
      await page.getByRole('button', { name: 'Next: choose a model' }).click();
      await page.getByRole('heading', { name: 'Choose a model' }).waitFor();
      await shot('first-run-model');
      await page.getByRole('button', { name: 'Continue to vault health' }).click();
    },
  },
  {
    name: 'vault health: gauges, trend, fix-first plan, counts per kind and the items table',
    async run({ page, invoke, expectedCounts, check, shot, shotSizes }) {
      await heading(page, 'Vault health');
      for (const [kind, n] of Object.entries(expectedCounts)) assert.equal(await page.getByTestId(`count-${kind}`).innerText(), String(n), `count of ${kind}`);
      const health = await invoke('vault:health', {});
      const device = await invoke('device:report', {});
      assert.match((await page.getByTestId('score').locator('svg').getAttribute('aria-label'))!, new RegExp(`^Vault: ${health.score} out of 100`));
      await page.getByTestId('score-device').locator(`svg[aria-label^="Device: ${device.score} out of 100"]`).waitFor();
      assert.match((await page.getByTestId('score-overall').locator('svg').getAttribute('aria-label'))!, new RegExp(`^Overall: ${Math.round((health.score + device.score!) / 2)} out of 100`));
      const plan = page.getByRole('region', { name: 'Fix first' }).getByRole('listitem');
      assert.equal(await plan.count(), health.plan.length);
      assert.ok(health.plan.length > 0);
      await plan.first().getByText(health.plan[0]!.reason).waitFor();
      await page.getByText(/One import so far: score \d+/).waitFor();
      const open = health.items.filter((i) => i.risk > 0).length;
      assert.equal(await page.getByTestId('health-table').getAttribute('aria-rowcount'), String(open + 1));
      await check('dashboard');
      await shot('dashboard');
      await shotSizes('dashboard');
    },
  },
  {
    name: 'filter, sort and search the table; details open in view, take focus, and offer KeePass actions',
    async run({ page, reusedTitles, check, shot }) {
      await page.getByTestId('filter-reused').click();
      assert.deepEqual((await rowTitles(page)).sort(), [...reusedTitles].sort());
      await page.getByRole('columnheader', { name: 'Title' }).getByRole('button').click();
      assert.equal(await page.getByRole('columnheader', { name: 'Title' }).getAttribute('aria-sort'), 'ascending');
      assert.deepEqual(await rowTitles(page), [...reusedTitles].sort((a, b) => a.localeCompare(b)));
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await openItem(page, reusedTitles[0]!);
      await assertInView(page, '[data-testid=drawer]');
      await assertFocusIn(page, '.drawer');
      const drawer = page.getByTestId('drawer');
      await drawer.getByText(`Same password as: ${reusedTitles[1]}`).waitFor();
      for (const b of ['Rotate password', 'Move to recycle bin', 'Open change-password page']) await drawer.getByRole('button', { name: b }).waitFor();
      assert.equal(await drawer.getByRole('list', { name: 'Change the password' }).count(), 0, 'a KeePass item is written to, not guided');
      await check('dashboard-details');
      await shot('dashboard-details');
    },
  },
  {
    name: 'Escape in the confirm dialog rejects the proposal; the dialog says who asked',
    async run({ page, opened, invoke, check, shot }) {
      await page.getByTestId('drawer').getByRole('button', { name: 'Open change-password page' }).click();
      const dialog = page.getByRole('dialog', { name: "Open the site's change-password page" });
      await dialog.waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Reject', 'focus must start on Reject');
      assert.match(await dialog.getByTestId('proposed-by').innerText(), /\w/);
      await dialog.getByText('/.well-known/change-password').first().waitFor();
      await check('confirm-dialog');
      await shot('confirm-dialog');
      const decided = nextDecision(page);
      await page.keyboard.press('Escape');
      assert.equal((await decided).status, 'rejected');
      await dialog.waitFor({ state: 'detached' });
      assert.deepEqual(opened, [], 'a rejected proposal must not open anything');
      assert.deepEqual(await invoke('proposals:list', { status: 'pending' }), [], 'Escape never leaves a proposal pending');
    },
  },
  {
    name: 'confirm runs it through the permission layer',
    async run({ page, opened }) {
      await page.getByTestId('drawer').getByRole('button', { name: 'Open change-password page' }).click();
      await page.getByRole('dialog').waitFor();
      const decided = nextDecision(page);
      await page.keyboard.press('Tab'); // Reject → Confirm
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Confirm');
      await page.keyboard.press('Enter');
      assert.equal((await decided).status, 'executed');
      assert.equal(opened.length, 1);
      assert.match(opened[0]!, /^https:\/\/[^/]+\/\.well-known\/change-password$/);
    },
  },
  {
    name: 'a destructive proposal shows before/after and needs the title typed',
    async run({ page, reusedTitles, check, shot }) {
      await page.getByTestId('drawer').getByRole('button', { name: 'Move to recycle bin' }).click();
      const dialog = page.getByRole('dialog', { name: 'Move a KeePass entry to the recycle bin' });
      await dialog.waitFor();
      assert.match(await dialog.getByTestId('effect-after').innerText(), /Recycle Bin/);
      const confirm = dialog.getByRole('button', { name: 'Confirm' });
      assert.equal(await confirm.isDisabled(), true, 'Confirm stays disabled until the title is typed');
      await dialog.getByLabel(/Type .* to confirm/).fill(reusedTitles[0]!);
      assert.equal(await confirm.isDisabled(), false);
      await check('confirm-destructive');
      await shot('confirm-destructive');
      const decided = nextDecision(page);
      await dialog.getByRole('button', { name: 'Reject' }).click();
      assert.equal((await decided).status, 'rejected');
    },
  },
  {
    name: 'snooze and resolve act per finding; set-aside findings are listed with Restore',
    async run({ page, invoke, check }) {
      await page.getByRole('button', { name: 'Close details' }).click();
      await openItem(page, 'Old webmail');
      const drawer = page.getByTestId('drawer');
      // On the common-password list: said so, never "found in a breach".
      await drawer.getByText('Common password', { exact: true }).waitFor();
      assert.equal(await drawer.getByText('Found in a breach').count(), 0);
      await drawer.getByRole('button', { name: 'Snooze for 30 days: Weak password on Old webmail' }).click();
      await drawer.locator('li[data-kind=weak]').getByText(/^Snoozed until/).waitFor();
      await drawer.getByRole('button', { name: 'Mark resolved: Common password on Old webmail' }).waitFor();
      await drawer.getByRole('button', { name: 'Mark resolved: Common password on Old webmail' }).click();
      await drawer.locator('li[data-kind=exposed]').getByText(/^Marked resolved/).waitFor();
      const id = (await invoke('vault:health', {})).items.find((i) => i.title === 'Old webmail')!.id;
      const states = Object.fromEntries((await invoke('vault:item-health', { id }))!.findings.map((f) => [f.kind, f.state]));
      assert.deepEqual(states, { exposed: 'resolved', weak: 'snoozed' });
      await page.getByRole('button', { name: 'Close details' }).click();
      await page.getByTestId('aside-snoozed').locator('summary').click();
      await check('dashboard-set-aside');
      await page.getByRole('button', { name: 'Restore Weak password on Old webmail' }).click();
      await page.getByTestId('aside-snoozed').waitFor({ state: 'detached' });
      await page.getByTestId('aside-resolved').locator('summary').click();
      await page.getByRole('button', { name: 'Restore Common password on Old webmail' }).click();
      await page.getByTestId('aside-resolved').waitFor({ state: 'detached' });
      const after = (await invoke('vault:item-health', { id }))!.findings.map((f) => f.state);
      assert.deepEqual(after, ['open', 'open']);
    },
  },
  {
    name: 'an export gets a guided change (page, generate, copy, resolved) and never a KeePass action',
    async run({ page, bitwardenPath, answerDialog, clipboard, invoke, check, shot }) {
      await page.getByRole('button', { name: 'Import a vault…' }).click();
      answerDialog('vault', bitwardenPath);
      await page.getByRole('button', { name: 'Choose vault file…' }).click();
      await page.waitForFunction((p) => (document.getElementById('vault-path') as HTMLInputElement).value === p, bitwardenPath);
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByTestId('import-summary').filter({ hasText: 'from seeded.json (Bitwarden export)' }).waitFor();
      await page.getByTestId('plaintext-offer').waitFor();
      await page.getByRole('button', { name: 'Import a vault…' }).click();
      await page.getByLabel('Show', { exact: true }).selectOption('all');
      await openItem(page, 'Hobby shop', 'seeded.json');
      const drawer = page.getByTestId('drawer');
      await drawer.getByText('seeded.json (Bitwarden export)').waitFor();
      for (const b of ['Rotate password', 'Move to recycle bin']) assert.equal(await drawer.getByRole('button', { name: b }).count(), 0, `${b} is not offered for an export`);
      const steps = drawer.getByRole('list', { name: 'Change the password' });
      await steps.getByRole('button', { name: 'Generate a password' }).click();
      const generated = await drawer.getByTestId('drawer-generated').innerText();
      assert.equal(generated.length, 20);
      await steps.getByRole('button', { name: 'Copy it' }).click();
      await page.getByRole('dialog', { name: 'Copy a generated password to the clipboard' }).waitFor();
      await check('guided-copy');
      const decided = nextDecision(page);
      await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
      assert.equal((await decided).status, 'executed');
      assert.equal(clipboard(), generated);
      await steps.getByText('✓ done').waitFor();
      await steps.getByRole('button', { name: 'Mark resolved' }).click();
      await drawer.locator('li[data-kind=weak]').getByText(/^Marked resolved/).waitFor();
      const id = (await invoke('vault:health', {})).items.find((i) => i.title === 'Hobby shop' && i.findings.some((f) => f.state === 'resolved'))!;
      assert.equal((await invoke('vault:health', {})).sources[id.source]!.format, 'bitwarden-json');
      await check('dashboard-guided');
      await shot('dashboard-guided');
      await page.getByRole('button', { name: 'Close details' }).click();
      await page.getByLabel('Show', { exact: true }).selectOption('attention');
    },
  },
  ...MORE_FLOWS,
  ...CHAT_FLOWS,
];
