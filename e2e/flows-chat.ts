import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AskResultT } from '../electron/ipc/contract';
import { minimalGguf } from '../models/test-gguf';
import { heading } from './checks';
import type { Flow } from './flow-kit';

// Chat like the local apps (conversation list, safe Markdown, copy, sources once, the fallback note, the model picker
// with rollback) and Settings → What Bastion keeps (the data inventory with its delete buttons, knowledge search,
// the policy history). Run after the other flows: the model picker leaves an imported stand-in model active, so no
// question is asked after it.

const mod = 'Control';

/** A stored answer with every Markdown feature, and the HTML and remote image a model must never get on screen. */
const MARKDOWN_ANSWER = [
  '# Two things to do',
  '',
  'Two items **share a password**; *change one* of them.',
  '',
  '- GitHub',
  '- Work mail',
  '',
  'Run `bastion report` or read [the guide](https://example.org/guide).',
  '',
  '![tracking pixel](https://tracker.example/pixel.png)',
  '',
  '<img src=x onerror="window.__pwned=1"> <b>not bold</b>',
  '',
  '```',
  'bastion history clear',
  '```',
].join('\n');

export const CHAT_FLOWS: Flow[] = [
  {
    name: 'chat: conversations are kept and listed; a suggested question asks; answers in safe Markdown, sources once, a calm fallback note, Copy; rename, reopen, delete',
    async run({ page, log, invoke, keepExchange, check, shot, shotSizes }) {
      keepExchange('cv_e2e_markdown_answer', 'Show me formatting', MARKDOWN_ANSWER, Date.now() - 3 * 86_400_000);
      await page.keyboard.press(`${mod}+1`);
      await heading(page, 'Chat');
      const list = page.getByRole('navigation', { name: 'Conversations' });
      // The question the 800×600 flow asked is kept (history is on by default), named by itself.
      await list.getByRole('button', { name: /^Which of my passwords are reused\?/ }).waitFor();
      await list.getByRole('button', { name: /^Show me formatting/ }).waitFor();
      // An empty conversation offers questions drawn from the vault report.
      const suggestions = page.getByRole('group', { name: 'Suggested questions' });
      await suggestions.getByRole('button', { name: 'What should I fix first?' }).waitFor();
      const before = log.events.length;
      await suggestions.getByRole('button', { name: 'How do I spot a phishing email?' }).click();
      const answer = page.getByTestId('answer').last();
      await answer.waitFor({ timeout: 120_000 });
      const done = log.events.slice(before).find((e) => e.event === 'ask:done');
      assert.ok(done, 'ask:done was emitted');
      const r = (done.payload as { result: AskResultT }).result;
      // Sources once: the list under the answer, never the engine's "Sources:" lines in the text as well.
      assert.ok(r.citations.length > 0, 'a knowledge answer cites its sources');
      assert.equal(await answer.locator('.citations li').count(), r.citations.length);
      assert.doesNotMatch(await answer.locator('.md').innerText(), /^Sources:$/m, 'the sources are not listed twice');
      // The fallback field, said calmly under the answer exactly when the engine set it.
      const note = answer.getByTestId('fallback');
      if (r.fallback) assert.equal(await note.getAttribute('data-reason'), r.fallback.reason);
      else assert.equal(await note.count(), 0, 'no fallback note when Bastion did not fall back');
      // Copy: the answer's text reaches the clipboard.
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
      await answer.getByRole('button', { name: 'Copy answer' }).click();
      await page.getByTestId('status').getByText('Answer copied to the clipboard.').waitFor();
      const copied = (await page.evaluate(() => navigator.clipboard.readText())).replace(/[*_`]/g, '');
      const firstLine = (await answer.locator('.md p, .md li').first().innerText()).trim();
      assert.ok(firstLine && copied.includes(firstLine), `the clipboard holds the answer (first line "${firstLine}", clipboard "${copied.slice(0, 120)}")`);
      const asked = list.getByRole('button', { name: /^How do I spot a phishing email\?/ });
      await asked.waitFor();
      assert.equal(await asked.getAttribute('aria-current'), 'true');
      await check('chat');
      await shotSizes('chat');

      // A stored answer renders its Markdown, and nothing in it becomes HTML, a link or an image.
      await list.getByRole('button', { name: /^Show me formatting/ }).click();
      const md = page.getByTestId('answer').last().locator('.md');
      await md.locator('strong', { hasText: 'share a password' }).waitFor();
      assert.equal(await md.locator('em', { hasText: 'change one' }).count(), 1);
      assert.deepEqual(await md.locator('ul > li').allInnerTexts(), ['GitHub', 'Work mail']);
      assert.equal(await md.locator('pre code').innerText(), 'bastion history clear');
      assert.equal(await md.locator('code', { hasText: 'bastion report' }).count(), 1);
      await md.getByText('(https://example.org/guide)').waitFor();
      await md.getByText('[image not shown: tracking pixel]').waitFor();
      await md.getByText('<b>not bold</b>', { exact: false }).waitFor();
      assert.equal(await md.locator('a, img, b, script, iframe').count(), 0, 'no link, image or raw HTML element from the text');
      assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
      await check('chat-markdown');
      await shot('chat-markdown');

      // Rename, reopen, delete.
      // Rename and Delete show on the conversation on screen, and on another under the pointer or keyboard focus.
      const row = (title: string) => list.getByTestId('conversation').filter({ hasText: title });
      assert.equal(await list.getByRole('button', { name: 'Rename “How do I spot a phishing email?”' }).count(), 0, 'tools stay out of the way');
      await row('How do I spot a phishing email?').hover();
      await list.getByRole('button', { name: 'Rename “How do I spot a phishing email?”' }).click();
      await list.getByLabel('New name for “How do I spot a phishing email?”').fill('Phishing tips');
      await list.getByRole('button', { name: 'Save' }).click();
      await list.getByRole('button', { name: /^Phishing tips/ }).waitFor();
      assert.ok((await invoke('conversations:list', {})).conversations.some((c) => c.title === 'Phishing tips' && c.named));
      await list.getByRole('button', { name: /^Which of my passwords are reused\?/ }).click();
      await page.getByRole('list', { name: 'Conversation' }).getByText('Which of my passwords are reused?', { exact: true }).waitFor();
      assert.ok((await page.getByTestId('answer').count()) >= 1, 'the stored answer is shown again');
      await row('Show me formatting').hover();
      await list.getByRole('button', { name: 'Delete “Show me formatting”' }).click();
      await list.getByRole('button', { name: 'Delete conversation' }).click();
      await list.getByRole('button', { name: /^Show me formatting/ }).waitFor({ state: 'detached' });
      assert.ok(!(await invoke('conversations:list', {})).conversations.some((c) => c.title === 'Show me formatting'));
      const wiped = (await invoke('audit:list', { limit: 20 })).findLast((a) => a.event === 'data_wiped');
      assert.deepEqual((wiped?.body.detail as { scope?: string } | undefined)?.scope, 'one conversation');
    },
  },
  {
    name: 'chat: with history off the list says so and holds only the conversation on screen; the policy turning it off says who decided',
    async run({ page, setPolicy, check, shot }) {
      await page.keyboard.press(`${mod}+5`);
      await heading(page, 'Settings');
      // The switch shows the stored setting, which changes once the save answers: click, then wait for it.
      const history = page.getByLabel('Keep chat history on this computer');
      await history.click();
      await page.getByText('Chat history off.').waitFor();
      assert.equal(await history.isChecked(), false);
      await page.keyboard.press(`${mod}+1`);
      await heading(page, 'Chat');
      const list = page.getByRole('navigation', { name: 'Conversations' });
      await page.getByTestId('history-off').getByText(/^Chat history is off \(Settings/).waitFor();
      assert.equal(await list.getByTestId('conversation').count(), 0, 'stored conversations are not offered');
      assert.equal(await list.locator('li.current').count(), 1, 'the conversation on screen stays');
      setPolicy('{"history": "off"}');
      try {
        await page.keyboard.press(`${mod}+2`);
        await heading(page, 'Vault health');
        await page.keyboard.press(`${mod}+1`);
        await heading(page, 'Chat');
        await page.getByTestId('history-off').getByText(/by your organisation's policy/).waitFor();
        await check('chat-history-locked');
        await shot('chat-history-locked');
      } finally {
        setPolicy('{}\n');
      }
      await page.keyboard.press(`${mod}+5`);
      await heading(page, 'Settings');
      await page.getByLabel('Keep chat history on this computer').click();
      await page.getByText('Chat history on.').waitFor();
      assert.equal(await page.getByLabel('Keep chat history on this computer').isChecked(), true);
    },
  },
  {
    name: 'what Bastion keeps: every store with this computer\'s counts, forget / remove / clear beside each; knowledge search from the palette; the policy history',
    async run({ page, work, invoke, answerDialog, axe, check, shot }) {
      const docs = join(work, 'kb-docs');
      mkdirSync(docs, { recursive: true });
      writeFileSync(join(docs, 'travel-wifi.md'), '# Hotel wifi\n\nOn hotel wifi, turn on the bluefjord VPN profile before you sign in anywhere.\n');
      await page.keyboard.press(`${mod}+5`);
      await heading(page, 'Settings');
      answerDialog('knowledge-folder', docs);
      await page.getByRole('button', { name: 'Choose folder of documents…' }).click();
      await page.waitForFunction((p) => (document.getElementById('kb-folder') as HTMLInputElement).value === p, docs);
      await page.getByRole('button', { name: 'Add to knowledge' }).click();
      await page.getByText(`Indexed ${docs}.`).waitFor();

      // "Search the knowledge base" from the palette: passages with their document's title.
      await page.keyboard.press(`${mod}+k`);
      await page.getByRole('dialog', { name: 'Command palette' }).waitFor();
      await page.keyboard.type('search the knowledge');
      await page.keyboard.press('Enter');
      const search = page.getByRole('dialog', { name: 'Search the knowledge base' });
      await search.waitFor();
      await search.getByLabel('Search for').fill('bluefjord');
      await search.getByRole('button', { name: 'Search' }).click();
      const expected = (await invoke('kb:search', { query: 'bluefjord', k: 8 })).results;
      assert.ok(expected.length > 0);
      const hits = search.getByRole('list', { name: 'Passages found' }).getByRole('listitem');
      await hits.first().waitFor();
      assert.equal(await hits.count(), expected.length);
      await hits.first().getByText(expected[0]!.title, { exact: true }).waitFor();
      await hits.first().getByText('your document').waitFor();
      await check('kb-search');
      await shot('kb-search');
      await page.keyboard.press('Escape');
      await search.waitFor({ state: 'detached' });

      const keeps = page.getByRole('region', { name: 'What Bastion keeps' });
      await keeps.getByText('Never kept, anywhere:').waitFor();
      const inv = await invoke('data:inventory', {});
      assert.equal(await keeps.locator('.keep-parts > li').count(), inv.tables.length + inv.files.length + inv.outside.length, 'every store is listed');
      const vault = keeps.locator('details[data-area=vault]');
      await vault.locator('summary').click();
      const items = inv.tables.find((t) => t.name === 'vault_items')!;
      await vault.locator('.keep-parts > li', { hasText: 'vault_items' }).getByText(new RegExp(`^${items.rows} rows`)).waitFor();
      const sources = vault.getByRole('list', { name: 'Imported vaults' });
      await sources.getByRole('button', { name: 'Forget…' }).first().waitFor();
      await check('settings-keeps');
      // The top of the section in view, at both sizes.
      const size = page.viewportSize()!;
      for (const [width, height] of [
        [800, 600],
        [1920, 1080],
      ] as const) {
        await page.setViewportSize({ width, height });
        await keeps.evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await axe(`settings-keeps at ${width}x${height}`);
        await shot(`settings-keeps-${width}x${height}`);
      }
      await page.setViewportSize(size);
      await sources.getByRole('listitem').filter({ hasText: 'seeded.json' }).getByRole('button', { name: 'Forget…' }).click();
      await sources.getByRole('button', { name: 'Forget seeded.json' }).click();
      await page.getByTestId('status').getByText(/^Forgot seeded\.json/).waitFor();
      assert.deepEqual((await invoke('vault:sources', {})).map((s) => s.name), ['seeded.kdbx']);

      const knowledge = keeps.locator('details[data-area=knowledge]');
      await knowledge.locator('summary').click();
      const mine = await invoke('kb:list', {});
      assert.equal(mine.length, 1);
      await knowledge.getByRole('button', { name: `Remove “${mine[0]!.title}” from the knowledge base` }).click();
      await page.getByTestId('status').getByText(/^Removed “/).waitFor();
      assert.deepEqual(await invoke('kb:list', {}), []);

      const chat = keeps.locator('details[data-area=assistant]');
      await chat.locator('summary').click();
      await chat.getByRole('button', { name: 'Clear chat history…' }).click();
      await chat.getByRole('button', { name: 'Clear chat history', exact: true }).click();
      await page.getByTestId('status').getByText(/^Chat history cleared: \d+ messages? deleted\.$/).waitFor();
      assert.deepEqual((await invoke('conversations:list', {})).conversations, []);
      const events = (await invoke('audit:list', { limit: 50 })).map((a) => a.event);
      for (const e of ['source_forgotten', 'document_removed', 'data_wiped']) assert.ok(events.includes(e), `${e} is audited`);

      // The policy history beside the policy: the invalid file of the lock-down flow is on it.
      await page.getByTestId('policy-history').locator('summary').click();
      await page.getByTestId('policy-history').getByText('Invalid policy: Bastion ran locked down').first().waitFor();
      await check('settings-keeps-after');
    },
  },
  {
    name: 'chat: the model picker shows each model with its size and kind, switches the model, and rolls back to the previous one',
    async run({ page, work, invoke, answerDialog, check, shot }) {
      const dir = join(work, 'models-in');
      mkdirSync(dir, { recursive: true });
      const files = {
        'helper-instruct': minimalGguf({ architecture: 'llama', name: 'Helper', chatTemplate: '{% for m in messages %}{{ m.content }}{% endfor %}' }),
        'draft-base': minimalGguf({ architecture: 'llama', name: 'Draft' }),
      };
      await page.keyboard.press(`${mod}+5`);
      await heading(page, 'Settings');
      for (const [name, bytes] of Object.entries(files)) {
        const file = join(dir, `${name}.gguf`);
        writeFileSync(file, bytes);
        answerDialog('model', file);
        await page.getByRole('button', { name: 'Choose model file (gguf)…' }).click();
        await page.waitForFunction((p) => (document.getElementById('model-path') as HTMLInputElement).value === p, file);
        await page.getByRole('button', { name: 'Import model' }).click();
        await page.locator('.model-list li', { hasText: `${name} (imported)` }).waitFor();
      }
      await page.keyboard.press(`${mod}+1`);
      await heading(page, 'Chat');
      const picker = page.getByTestId('model-picker');
      const select = picker.getByLabel('Model');
      await select.locator('option', { hasText: 'draft-base' }).waitFor({ state: 'attached' });
      const options = await select.locator('option').allInnerTexts();
      assert.ok(options.some((o) => /^helper-instruct \(imported\) — \d+ bytes · instruct: writes answers$/.test(o)), options.join(' | '));
      assert.ok(options.some((o) => /^draft-base \(imported\) — \d+ bytes · base: short intros only$/.test(o)), options.join(' | '));
      await select.selectOption('helper-instruct');
      await page.getByTestId('status').getByText('Answers now come from helper-instruct (imported).').waitFor();
      assert.equal(await picker.getByRole('button', { name: 'Roll back to the previous model' }).count(), 0, 'nothing to roll back to yet');
      await select.selectOption('draft-base');
      await page.getByTestId('status').getByText('Answers now come from draft-base (imported).').waitFor();
      await picker.getByText('Kept for rollback: helper-instruct (imported)').waitFor();
      await picker.getByText(/^Base model \(no chat template\)/).waitFor();
      await check('chat-model-picker');
      await shot('chat-model-picker');
      await picker.getByRole('button', { name: 'Roll back to the previous model' }).click();
      await page.getByTestId('status').getByText('Rolled back: answers come from helper-instruct (imported) again.').waitFor();
      const listed = (await invoke('models:list', {})).models;
      assert.deepEqual(
        listed.filter((m) => m.installed).map((m) => [m.name, m.active, m.previous, m.kind]).sort(),
        [
          ['draft-base', false, true, 'base'],
          ['helper-instruct', true, false, 'instruct'],
        ],
      );
      const rolled = (await invoke('audit:list', { limit: 20 })).findLast((a) => a.event === 'model_changed');
      assert.equal((rolled?.body.detail as { change?: string } | undefined)?.change, 'rolled_back');
    },
  },
];
