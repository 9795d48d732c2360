/**
 * Just enough of electron's main-process API to run the built out/main/index.js on
 * plain Node, where the Electron binary is missing. It records what main does, then
 * plays the renderer and an attacker against the registered guards and prints one
 * JSON report line: `KEYHUB_STUB_REPORT {...}`.
 *
 * Scenario (KEYHUB_STUB_SCENARIO): "run" (default) or "second-instance" (the lock is taken).
 * KEYHUB_STUB_APP_PATH is what app.getAppPath() answers (the repo root).
 */
import { pathToFileURL } from 'node:url';

const scenario = process.env.KEYHUB_STUB_SCENARIO ?? 'run';
const report = {
  sandboxEnabled: false,
  paths: {},
  quit: false,
  exitCode: null,
  errorBox: null,
  windowOptions: null,
  loaded: null,
  menu: null,
  channels: [],
  ipc: {},
  navigation: {},
  windowOpen: {},
  permissions: {},
  cspHeader: null,
  openedExternally: [],
  quitCleanly: false,
};

const appListeners = {};
const emitApp = (event, ...args) => (appListeners[event] ?? []).forEach((fn) => fn(...args));
const ipcHandlers = {};
const paths = { userData: '/nonexistent/stub-userData' };
let sessionHooks = {};
let finished = false;

function finish() {
  if (finished) return;
  finished = true;
  process.stdout.write(`\nKEYHUB_STUB_REPORT ${JSON.stringify(report)}\n`);
  process.exit(0);
}

let markReady;
const ready = new Promise((resolve) => (markReady = resolve));
setImmediate(() => markReady());

export const app = {
  isPackaged: false,
  enableSandbox: () => (report.sandboxEnabled = true),
  setAppUserModelId: () => {},
  getPath: (name) => paths[name] ?? `/nonexistent/${name}`,
  setPath: (name, value) => {
    paths[name] = value;
    report.paths[name] = value;
  },
  getAppPath: () => process.env.KEYHUB_STUB_APP_PATH,
  requestSingleInstanceLock: () => scenario !== 'second-instance',
  on(event, listener) {
    (appListeners[event] ??= []).push(listener);
    return app;
  },
  whenReady: () => ready,
  quit() {
    report.quit = true;
    finish();
  },
  exit(code) {
    report.exitCode = code;
    finish();
  },
};

export const dialog = {
  showErrorBox: (title, message) => (report.errorBox = { title, message }),
};

/** No OS keychain on this stub (as on Linux without a keyring): the desktop seals the Stripe key with the passphrase. */
export const safeStorage = {
  isEncryptionAvailable: () => false,
  getSelectedStorageBackend: () => 'basic_text',
  encryptString: () => {
    throw new Error('safeStorage is not available in the stub');
  },
  decryptString: () => {
    throw new Error('safeStorage is not available in the stub');
  },
};

export const shell = {
  openExternal: async (url) => void report.openedExternally.push(url),
  openPath: async () => '',
};

export const ipcMain = {
  handle(channel, handler) {
    report.channels.push(channel);
    ipcHandlers[channel] = handler;
  },
};

export const Menu = {
  buildFromTemplate: (template) => template,
  setApplicationMenu: (template) =>
    (report.menu = template.map((m) => ({
      name: m.label ?? m.role,
      items: Array.isArray(m.submenu) ? m.submenu.map((i) => i.label ?? i.role ?? i.type) : [],
    }))),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (fn) => (sessionHooks.request = fn),
    setPermissionCheckHandler: (fn) => (sessionHooks.check = fn),
    webRequest: { onHeadersReceived: (fn) => (sessionHooks.headers = fn) },
  },
};

class FakeWebContents {
  listeners = {};
  windowOpenHandler = null;
  on(event, listener) {
    (this.listeners[event] ??= []).push(listener);
    return this;
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  /** Fires a cancellable event; true when some listener called preventDefault(). */
  fire(event, details) {
    let prevented = false;
    const e = { ...details, preventDefault: () => (prevented = true) };
    (this.listeners[event] ?? []).forEach((fn) => fn(e));
    return prevented;
  }
}

const windows = [];
export class BrowserWindow {
  static getAllWindows = () => windows;
  constructor(options) {
    report.windowOptions = options;
    this.webContents = new FakeWebContents();
    windows.push(this);
    emitApp('web-contents-created', {}, this.webContents);
  }
  once() {}
  on() {}
  show() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  async loadFile(file) {
    report.loaded = { file };
    setImmediate(() => drive(this, pathToFileURL(file).href).catch(fail));
  }
  async loadURL(url) {
    report.loaded = { url };
    setImmediate(() => drive(this, url).catch(fail));
  }
}

function fail(error) {
  report.driverError = String(error?.stack ?? error);
  finish();
}

const frameEvent = (url) => ({ senderFrame: url === null ? null : { url } });

/** Plays KeyHub's page and some intruders once the window has loaded. */
async function drive(window, appUrl) {
  const invoke = ipcHandlers['keyhub:invoke'];
  const call = (url, method, input) => invoke(frameEvent(url), method, input);
  report.ipc.info = await call(`${appUrl}#/vendors`, 'system.info', {});
  report.ipc.vendorList = await call(appUrl, 'vendor.list', {});
  report.ipc.evil = await call('https://evil.example/', 'system.info', {});
  report.ipc.otherFile = await call('file:///other/path/index.html', 'system.info', {});
  report.ipc.devtools = await call('devtools://devtools/bundled/devtools_app.html', 'system.info', {});
  report.ipc.goneFrame = await call(null, 'system.info', {});
  report.ipc.unknown = await call(appUrl, 'vendor.drop', {});

  const contents = window.webContents;
  report.navigation.toWebsite = contents.fire('will-navigate', { url: 'https://example.com/docs', isMainFrame: true });
  report.navigation.toFile = contents.fire('will-navigate', { url: 'file:///etc/passwd', isMainFrame: true });
  report.navigation.toSelf = contents.fire('will-navigate', { url: `${appUrl}#/skus`, isMainFrame: true });
  report.navigation.attachWebview = contents.fire('will-attach-webview', {});
  report.windowOpen.https = contents.windowOpenHandler({ url: 'https://example.com/release-notes' });
  report.windowOpen.javascript = contents.windowOpenHandler({ url: 'javascript:alert(1)' });

  const ask = (permission) => new Promise((resolve) => sessionHooks.request({}, permission, resolve, {}));
  report.permissions.media = await ask('media');
  report.permissions.geolocation = await ask('geolocation');
  report.permissions.clipboardWrite = await ask('clipboard-sanitized-write');
  report.permissions.checkNotifications = sessionHooks.check({}, 'notifications', 'file://', {});

  report.cspHeader = await new Promise((resolve) =>
    sessionHooks.headers({ resourceType: 'mainFrame', url: appUrl, responseHeaders: {} }, (r) =>
      resolve(r.responseHeaders?.['Content-Security-Policy'] ?? null),
    ),
  );

  emitApp('will-quit');
  report.quitCleanly = true; // will-quit closed the store without throwing
  finish();
}
