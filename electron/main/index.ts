// The composition root of the desktop app: the only main-process file (with preload) that imports Electron.
// Everything it decides is delegated to the plain modules beside it (tested without Electron).
// @ts-ignore -- electron is an optionalDependency (no binary on CI machines); with it installed its types apply here.
import { app, BrowserWindow, clipboard, dialog, globalShortcut, ipcMain, Menu, net, protocol, session, shell, utilityProcess } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DB_FILE, isEnvironmentFailure, loadInstallKeys, openStore, resolveDataDir, storeError } from '../db';
import { APP_SCHEME, createHandlers, createRouter, EVENT_LIST, originString, PACKAGED_ORIGIN, parseAppOrigin, type AppOrigin, type Emit } from '../ipc';
import { recordEgress } from '../managed';
import { connectModelProcess } from '../model-process';
import { createContext, managed } from '../usecases';
import { contentType, resolveAppAsset } from './asset-path';
import { createClipboardPort } from './clipboard';
import { securityHeaders } from './csp';
import { createDialogPort } from './dialogs';
import { createOpenExternalPort } from './external';
import { decideNavigation, windowOpenHandler } from './navigation';
import { swapHotkey } from './shortcuts';
import { createWebPreferences } from './web-preferences';
import { decideRequest } from './web-request';

type Win = InstanceType<typeof BrowserWindow>;

// Must run before `ready`: our scheme behaves like https (secure context, CSP, fetch) and nothing else is privileged.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

const devUrl = process.env.ELECTRON_RENDERER_URL; // set by electron-vite dev only
const origin: AppOrigin = devUrl && !app.isPackaged ? parseAppOrigin(new URL(devUrl).origin) : PACKAGED_ORIGIN;
const rendererDir = join(__dirname, '../renderer');
const preload = join(__dirname, '../preload/index.cjs');
const windows = new Set<Win>();

const emit: Emit = (event, payload) => {
  for (const w of windows) if (!w.isDestroyed()) w.webContents.send(event, payload);
};

function pageUrl(hash = ''): string {
  return `${devUrl && !app.isPackaged ? devUrl : `${originString(origin)}/index.html`}${hash}`;
}

function createWindow(kind: 'main' | 'quick'): Win {
  const win = new BrowserWindow({
    width: kind === 'main' ? 1200 : 640,
    height: kind === 'main' ? 800 : 360,
    show: false,
    title: 'Bastion',
    ...(kind === 'quick' ? { alwaysOnTop: true, frame: true, skipTaskbar: true } : {}),
    webPreferences: createWebPreferences({ preload, devTools: !app.isPackaged }),
  });
  windows.add(win);
  win.on('closed', () => windows.delete(win));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(pageUrl(kind === 'quick' ? '#/quick' : ''));
  return win;
}

async function main(): Promise<void> {
  await app.whenReady();
  Menu.setApplicationMenu(null);
  const dataDir = resolveDataDir(undefined, process.env);
  // Main is the only process that writes the store (the model process only generates).
  const store = openStore({ dataDir });
  const keys = loadInstallKeys(dataDir);
  const ses = session.defaultSession;

  // Deny every permission (camera, notifications, clipboard-read…) and every device chooser.
  ses.setPermissionRequestHandler((_wc: unknown, _perm: unknown, cb: (ok: boolean) => void) => cb(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Zero egress: only the app's origin loads; anything else is cancelled and written to the egress log.
  ses.webRequest.onBeforeRequest((details: { url: string }, cb: (r: { cancel: boolean }) => void) => {
    const d = decideRequest(details.url, origin);
    if (d.cancel) recordEgress(store, { url: details.url, purpose: 'blocked-web-request', allowed: false, detail: d.reason });
    cb({ cancel: d.cancel });
  });
  ses.webRequest.onHeadersReceived((details: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const [k, v] of Object.entries(securityHeaders())) headers[k] = [v];
    cb({ responseHeaders: headers });
  });

  protocol.handle(APP_SCHEME, async (request: Request) => {
    const file = resolveAppAsset(rendererDir, request.url);
    if (!file || !existsSync(file)) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    return new Response(res.body, { status: 200, headers: { 'Content-Type': contentType(file), ...securityHeaders() } });
  });

  app.on('web-contents-created', (_e: unknown, contents: Win['webContents']) => {
    contents.on('will-navigate', (ev: { preventDefault(): void }, url: string) => {
      if (!decideNavigation(url, origin).allow) ev.preventDefault();
    });
    contents.on('will-redirect', (ev: { preventDefault(): void }, url: string) => {
      if (!decideNavigation(url, origin).allow) ev.preventDefault();
    });
    contents.on('will-attach-webview', (ev: { preventDefault(): void }) => ev.preventDefault());
    contents.setWindowOpenHandler(windowOpenHandler);
  });

  // Generation in a utility process: a long answer never blocks main or the window, and the process that reads
  // untrusted text into a model holds no store, no install key and no audit writer.
  const workerPath = join(__dirname, 'llm-worker.cjs');
  const child = utilityProcess.fork(workerPath, [], { serviceName: 'Bastion model', stdio: 'inherit', env: { ...process.env } });
  const loadModel = connectModelProcess({ post: (m: unknown) => child.postMessage(m), onMessage: (l: (m: unknown) => void) => void child.on('message', l) });

  let hotkey: string | null = null;
  const openQuickAsk = () => createWindow('quick').focus();
  const applyHotkey = (accel: string, enabled: boolean): string | null => {
    if (!enabled) {
      if (hotkey) globalShortcut.unregister(hotkey);
      hotkey = null;
      return null;
    }
    const r = swapHotkey(globalShortcut, hotkey, accel, openQuickAsk);
    if (r.ok) hotkey = r.accelerator;
    return r.ok ? null : r.conflict;
  };

  const ctx = createContext({
    dataDir,
    store,
    keys,
    // Relative paths a person types in the app resolve against their home folder, never the app's install folder.
    cwd: app.getPath('home'),
    ports: {
      clipboard: createClipboardPort(clipboard),
      openExternal: createOpenExternalPort((u) => shell.openExternal(u)),
      // Only OS settings schemes reach here (checked by the device fix port).
      openSettings: (uri) => shell.openExternal(uri),
    },
  });
  // Pickers attach to the focused Bastion window (modal to it), never to a page's choice of folder.
  const dialogs = createDialogPort(dialog, () => BrowserWindow.getFocusedWindow() ?? [...windows][0], { documentsDir: app.getPath('documents') });
  const handlers = createHandlers({ ctx, emit, loadModel, applyHotkey, dialogs, validateEvents: !app.isPackaged });
  const router = createRouter(handlers, {
    origin,
    log: (ch, e) => console.error(`[ipc ${ch}]`, e),
    translate: (e) => (isEnvironmentFailure(e) ? storeError(e, { dataDir, dbPath: join(dataDir, DB_FILE), doing: 'saving your change' }) : null),
  });
  for (const channel of router.channels) {
    ipcMain.handle(channel, (event: { senderFrame: { url: string; parent: unknown } | null }, raw: unknown) =>
      router.dispatch(channel, { frameUrl: event.senderFrame?.url ?? '', isMainFrame: Boolean(event.senderFrame) && event.senderFrame?.parent === null }, raw),
    );
  }
  void EVENT_LIST; // events are sent with webContents.send; preload only forwards names in EVENT_LIST

  const s = await handlers['settings:get']({});
  const conflict = applyHotkey(s.hotkey, s.hotkeyEnabled);
  if (conflict) console.warn(`Bastion hotkey: ${conflict}`);

  createWindow('main');
  // Retention now and daily; the organisation's knowledge packs and folders in the background.
  const jobs = managed.startAppJobs(ctx);
  app.on('activate', () => windows.size === 0 && createWindow('main'));
  app.on('window-all-closed', () => process.platform !== 'darwin' && app.quit());
  app.on('will-quit', () => {
    globalShortcut.unregisterAll();
    jobs.stop();
    child.kill();
    store.close();
  });
}

if (!app.requestSingleInstanceLock()) app.quit();
else void main();
