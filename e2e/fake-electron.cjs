// A recording stand-in for the `electron` module, so the built main process (out/main/index.cjs) can boot under plain
// Node where no Electron binary exists. It implements only what electron/main/index.ts calls, records every call, and
// lets the smoke test drive the handlers main registered (IPC, protocol, webRequest, navigation, permissions).
'use strict';
const { EventEmitter } = require('node:events');

const rec = {
  privilegedSchemes: [],
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  windows: [],
  webContentsCreated: [],
  shortcuts: new Map(),
  forks: [],
  opened: [],
  permissionRequest: null,
  permissionCheck: null,
  devicePermission: null,
  beforeRequest: null,
  headersReceived: null,
  menu: undefined,
  sandboxEnabled: false,
  quit: 0,
  dialogs: [],
  /** What the next native dialog answers (a path), or null for Cancel. */
  dialogAnswer: null,
};

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.sent = [];
    this.windowOpenHandler = null;
  }
  send(event, payload) {
    this.sent.push({ event, payload });
  }
  setWindowOpenHandler(fn) {
    this.windowOpenHandler = fn;
  }
}

const appEvents = new EventEmitter();
const app = {
  isPackaged: true,
  enableSandbox: () => void (rec.sandboxEnabled = true),
  whenReady: () => Promise.resolve(),
  requestSingleInstanceLock: () => true,
  // Electron's well-known folders; only 'home' is asked for (where relative paths typed in the app resolve).
  getPath: (name) => {
    if (name !== 'home') throw new Error(`fake electron: app.getPath('${name}') is not modelled`);
    return require('node:os').homedir();
  },
  quit: () => void rec.quit++,
  getPath: (name) => require('node:path').join(require('node:os').tmpdir(), `fake-${name}`),
  on: (e, fn) => void appEvents.on(e, fn),
  emit: (e, ...a) => appEvents.emit(e, ...a),
};

class BrowserWindow extends EventEmitter {
  constructor(opts) {
    super();
    this.opts = opts;
    this.url = null;
    this.destroyed = false;
    this.webContents = new WebContents();
    rec.windows.push(this);
    // What Electron does for every new WebContents: main hooks navigation guards on this event.
    appEvents.emit('web-contents-created', {}, this.webContents);
    rec.webContentsCreated.push(this.webContents);
  }
  loadURL(url) {
    this.url = url;
    return Promise.resolve();
  }
  show() {}
  focus() {}
  isDestroyed() {
    return this.destroyed;
  }
  static getFocusedWindow() {
    return null;
  }
}

module.exports = {
  __rec: rec,
  app,
  BrowserWindow,
  clipboard: { readText: () => '', writeText: () => {}, clear: () => {} },
  dialog: {
    showOpenDialog: async (win, opts) => {
      rec.dialogs.push({ kind: 'open', win, opts });
      return rec.dialogAnswer ? { canceled: false, filePaths: [rec.dialogAnswer] } : { canceled: true, filePaths: [] };
    },
    showSaveDialog: async (win, opts) => {
      rec.dialogs.push({ kind: 'save', win, opts });
      return rec.dialogAnswer ? { canceled: false, filePath: rec.dialogAnswer } : { canceled: true };
    },
  },
  globalShortcut: {
    register: (accel, fn) => (rec.shortcuts.set(accel, fn), true),
    unregister: (accel) => void rec.shortcuts.delete(accel),
    unregisterAll: () => rec.shortcuts.clear(),
    isRegistered: (accel) => rec.shortcuts.has(accel),
  },
  ipcMain: { handle: (channel, fn) => void rec.ipcHandlers.set(channel, fn) },
  Menu: { setApplicationMenu: (m) => void (rec.menu = m) },
  // Electron's net.fetch reads file: URLs; Node's fetch does not.
  net: {
    fetch: async (url) => {
      const { fileURLToPath } = require('node:url');
      const { readFileSync } = require('node:fs');
      if (String(url).startsWith('file:')) return new Response(readFileSync(fileURLToPath(url)));
      return fetch(url);
    },
  },
  protocol: {
    registerSchemesAsPrivileged: (list) => void rec.privilegedSchemes.push(...list),
    handle: (scheme, fn) => void rec.protocolHandlers.set(scheme, fn),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn) => void (rec.permissionRequest = fn),
      setPermissionCheckHandler: (fn) => void (rec.permissionCheck = fn),
      setDevicePermissionHandler: (fn) => void (rec.devicePermission = fn),
      webRequest: {
        onBeforeRequest: (fn) => void (rec.beforeRequest = fn),
        onHeadersReceived: (fn) => void (rec.headersReceived = fn),
      },
    },
  },
  shell: { openExternal: async (url) => void rec.opened.push(url) },
  // A real Node child process with the utility-process message API, so the built llm-worker really runs.
  utilityProcess: {
    fork: (path, args, opts) => {
      const cp = require('node:child_process').fork(require('node:path').join(__dirname, 'fake-utility-child.cjs'), [path, ...(args ?? [])], {
        env: opts?.env ?? process.env,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const child = new EventEmitter();
      child.path = path;
      child.opts = opts;
      child.postMessage = (m) => cp.send(m);
      cp.on('message', (m) => child.emit('message', m));
      cp.on('exit', (code) => child.emit('exit', code));
      child.kill = () => cp.kill();
      rec.forks.push(child);
      return child;
    },
  },
};
