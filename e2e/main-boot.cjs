// Boots the built main process (out/main/index.cjs, from `electron-vite build`) under plain Node with a recording
// stand-in for `electron` (fake-electron.cjs), then drives what main registered and prints one JSON line of checks.
// This is as close to `npm start` as a machine without an Electron binary gets: the real composition root, the real
// handlers, store, policy and background jobs. Usage: node e2e/main-boot.cjs OUT_DIR WORK_DIR CHANNELS_JSON
'use strict';
const Module = require('node:module');
const { existsSync, mkdirSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const [outDir, work, channelsJson] = process.argv.slice(2);
const expectedChannels = JSON.parse(channelsJson);
const fake = require('./fake-electron.cjs');
const rec = fake.__rec;
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? fake : load.call(this, request, ...rest);
};

const corp = join(work, 'corp');
mkdirSync(corp, { recursive: true });
writeFileSync(join(corp, 'vpn.md'), '# VPN policy\n\nAlways connect through the platypusnet gateway.\n');
writeFileSync(join(work, 'policy.json'), JSON.stringify({ knowledge: { folders: [corp] } }));
process.env.BASTION_DATA_DIR = join(work, 'data');
process.env.BASTION_POLICY = join(work, 'policy.json');
delete process.env.ELECTRON_RENDERER_URL;

const checks = [];
const check = (name, ok, detail) => checks.push({ name, ok: Boolean(ok), ...(ok ? {} : { detail: String(detail ?? '') }) });
const until = async (what, fn, ms = 30_000) => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (await fn()) return true;
  throw new Error(`timed out waiting for ${what}`);
};
const appFrame = { senderFrame: { url: 'app://bastion/index.html', parent: null } };
const invoke = (channel, req, event = appFrame) => rec.ipcHandlers.get(channel)(event, req);

(async () => {
  require(resolve(outDir, 'main/index.cjs'));
  await until('the main window and IPC handlers', () => rec.windows.length >= 1 && rec.ipcHandlers.size >= expectedChannels.length);

  check('the renderer sandbox is enabled for the whole app', rec.sandboxEnabled);
  const scheme = rec.privilegedSchemes.find((s) => s.scheme === 'app');
  check('only the app: scheme is privileged (standard, secure)', rec.privilegedSchemes.length === 1 && scheme?.privileges.standard && scheme.privileges.secure, JSON.stringify(rec.privilegedSchemes));
  const [win] = rec.windows;
  const wp = win.opts.webPreferences;
  check('the main window is isolated and sandboxed, without Node', wp.contextIsolation === true && wp.sandbox === true && wp.nodeIntegration === false && wp.webSecurity === true, JSON.stringify(wp));
  check('the preload it names was built', existsSync(wp.preload) && wp.preload.endsWith(join('preload', 'index.cjs')), wp.preload);
  check('the window loads the packaged app origin', win.url === 'app://bastion/index.html', win.url);
  check('the application menu is removed', rec.menu === null);

  const channels = [...rec.ipcHandlers.keys()].sort();
  check('exactly the contract channels are handled', JSON.stringify(channels) === JSON.stringify([...expectedChannels].sort()), channels.join(','));
  const ok = await invoke('settings:get', {});
  check('a contract call from the app frame answers ok', ok.ok === true, JSON.stringify(ok));
  const foreign = await invoke('settings:get', {}, { senderFrame: { url: 'https://evil.example/', parent: null } });
  check('a call from a foreign frame is refused', foreign.ok === false, JSON.stringify(foreign));
  const sub = await invoke('settings:get', {}, { senderFrame: { url: 'app://bastion/index.html', parent: {} } });
  check('a call from a subframe is refused', sub.ok === false, JSON.stringify(sub));
  const cancelled = await invoke('dialog:open', { purpose: 'vault' });
  const opened = rec.dialogs.at(-1);
  check('a file picker is the native dialog, modal to the main window; Cancel answers null', cancelled.ok && cancelled.value.path === null && opened?.win === win && opened.opts.properties.includes('openFile'), JSON.stringify({ cancelled, opened: opened?.opts }));
  rec.dialogAnswer = '/home/me/Passwords.kdbx';
  const chosen = await invoke('dialog:save', { purpose: 'audit', defaultName: '../../etc/bastion-audit.jsonl' });
  rec.dialogAnswer = null;
  const saved = rec.dialogs.at(-1);
  check('a save dialog offers only a file name in the documents folder, and returns the chosen path', chosen.ok && chosen.value.path === '/home/me/Passwords.kdbx' && saved.opts.defaultPath.endsWith('fake-documents/.._.._etc_bastion-audit.jsonl'), JSON.stringify({ chosen, saved: saved?.opts }));
  const bad = await invoke('kb:search', { query: 42 });
  check('a malformed request is refused with BAD_INPUT', bad.ok === false && bad.error.code === 'BAD_INPUT', JSON.stringify(bad));

  let permitted = null;
  rec.permissionRequest({}, 'media', (v) => (permitted = v));
  check('permission requests are denied', permitted === false && rec.permissionCheck() === false && rec.devicePermission() === false);
  const cancels = (url) => new Promise((r) => rec.beforeRequest({ url }, (d) => r(d.cancel)));
  check('web requests outside the app origin are cancelled', (await cancels('https://example.com/beacon')) === true && (await cancels('app://bastion/index.html')) === false);
  const egress = await invoke('egress:log', {});
  check('the blocked request is in the egress log', egress.ok && egress.value.some((e) => e.blocked && e.url.startsWith('https://example.com')), JSON.stringify(egress));

  let prevented = 0;
  for (const url of ['https://app.example.com.attacker.com/', 'javascript:alert(1)', 'file:///etc/passwd']) {
    win.webContents.emit('will-navigate', { preventDefault: () => prevented++ }, url);
  }
  check('navigation away from the app is blocked', prevented === 3, `${prevented}/3`);
  check('window.open is denied', win.webContents.windowOpenHandler({ url: 'https://example.com' }).action === 'deny');

  const asset = await rec.protocolHandlers.get('app')(new Request('app://bastion/index.html'));
  check('the app protocol serves the renderer with a CSP', asset.status === 200 && /default-src 'none'|default-src 'self'/.test(asset.headers.get('content-security-policy') ?? ''), asset.headers.get('content-security-policy'));
  const escape = await rec.protocolHandlers.get('app')(new Request('app://bastion/..%2f..%2fpackage.json'));
  check('the app protocol refuses paths outside the renderer', escape.status === 404, escape.status);

  const hotkey = rec.shortcuts.get('CommandOrControl+Shift+Space');
  check('the global quick-ask hotkey is registered', Boolean(hotkey), [...rec.shortcuts.keys()].join(','));
  hotkey?.();
  check('the hotkey opens the quick-ask window', rec.windows.length === 2 && rec.windows[1].url.endsWith('#/quick'), rec.windows[1]?.url);
  const worker = rec.forks[0];
  let exited = false;
  worker?.on('exit', () => (exited = true));
  check('model work runs in a utility process', rec.forks.length === 1 && worker.path.endsWith('llm-worker.cjs') && existsSync(worker.path), worker?.path);

  // A question through the real worker process (with the tiny model when it was passed in BASTION_MODEL).
  const started = await invoke('ask:start', { question: 'hello, who are you', conversationId: 'cv_mainboot1' });
  const conv = started.ok ? started.value.conversationId : null;
  const sentFor = (event) => win.webContents.sent.filter((m) => m.event === event && m.payload.conversationId === conv);
  await until('the worker to answer', () => sentFor('ask:done').length + sentFor('ask:error').length > 0, 120_000).then(
    () => {
      const done = sentFor('ask:done')[0];
      check('a question is answered by the model worker process and streamed as delta events', Boolean(done) && sentFor('ask:token').length > (process.env.BASTION_MODEL ? 1 : 0) && done.payload.result.route === 'chat', JSON.stringify(sentFor('ask:error')[0] ?? done?.payload));
    },
    (e) => check('a question is answered by the model worker process and streamed as delta events', false, e.message),
  );

  await until('the managed knowledge folder to be indexed', async () => {
    const r = await invoke('kb:list', {});
    return r.ok && r.value.some((d) => d.title === 'VPN policy');
  }).then(
    () => check('the organisation\'s knowledge folder is indexed at start', true),
    (e) => check('the organisation\'s knowledge folder is indexed at start', false, e.message),
  );

  fake.app.emit('will-quit');
  await until('the worker to exit', () => exited, 10_000).catch(() => undefined);
  check('quitting stops the worker process', exited);
  check('quitting unregisters the hotkey', rec.shortcuts.size === 0);
  process.stdout.write(`${JSON.stringify({ checks })}\n`);
  process.exit(0);
})().catch((e) => {
  process.stdout.write(`${JSON.stringify({ checks, error: e.stack ?? String(e) })}\n`);
  process.exit(1);
});
