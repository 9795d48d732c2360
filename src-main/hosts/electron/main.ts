/**
 * KeyHub's Electron main process: a thin shell of window, menu, single-instance lock
 * and one IPC channel around the same API every host serves. Decisions live in the
 * plain-Node modules beside this file; this file only wires them to electron.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell, type IpcMainInvokeEvent } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiContext } from '../../api/dispatch';
import { scheduleDomainRenewals } from '../renewal-schedule';
import { scheduleStripeSync } from '../sync-schedule';
import { handlers } from '../../api/handlers';
import { openStore, type Store } from '../../store/open';
import { INVOKE_CHANNEL } from './bridge';
import { contentSecurityPolicy } from './csp';
import { chooseDataDir } from './data-dir';
import { devSqliteBinding } from './dev-sqlite-binding';
import { guardAllWebContents, guardSession } from './harden';
import { createInvokeHandler } from './ipc-handler';
import { applicationMenuTemplate } from './menu';
import { builtRendererIndex, chooseRendererSource, isAppRendererUrl, type RendererSource } from './renderer-source';
import { storeOpenFailure } from './startup-failure';
import { osKeychainFrom } from './os-keychain';
import { mainWindowOptions } from './window-options';

const APP_ID = 'com.keyhub.console';
const isDev = !app.isPackaged;

let mainWindow: BrowserWindow | null = null;

/** Shows the error once the app can draw a dialog (on Linux, earlier goes to stderr only), then quits. */
async function fail(title: string, message: string, exitCode: number): Promise<void> {
  await app.whenReady();
  dialog.showErrorBox(title, message);
  app.exit(exitCode);
}

function senderFrameUrl(event: IpcMainInvokeEvent): string | undefined {
  try {
    return event.senderFrame?.url;
  } catch {
    return undefined; // the frame was disposed while the call was in flight
  }
}

function createMainWindow(renderer: RendererSource): BrowserWindow {
  const iconPath = path.join(app.getAppPath(), 'resources', 'icon.png');
  const window = new BrowserWindow(
    mainWindowOptions({
      preloadPath: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
      iconPath: existsSync(iconPath) ? iconPath : undefined,
    }),
  );
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  const loading = renderer.kind === 'dev-server' ? window.loadURL(renderer.url) : window.loadFile(renderer.indexPath);
  loading.catch((error: unknown) => console.error('[keyhub] the window could not load its page:', error));
  return window;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function startWithStore(store: Store, renderer: RendererSource): void {
  const ctx = createApiContext(store, 'desktop', 'electron', {}, { osKeychain: osKeychainFrom(safeStorage, process.platform) });
  const stopRenewals = scheduleDomainRenewals(ctx);
  app.on('will-quit', stopRenewals);
  // Quitting first lets a running sync finish its page (the next sync resumes after it), then closes the store.
  const stopSyncSchedule = scheduleStripeSync(ctx);
  let syncSettled = false;
  app.on('before-quit', (event) => {
    if (syncSettled) return;
    syncSettled = true;
    event.preventDefault();
    void stopSyncSchedule().finally(() => app.quit());
  });
  const handle = createInvokeHandler({
    ctx,
    handlers,
    isAllowedSender: (frameUrl) => isAppRendererUrl(frameUrl, renderer),
  });
  ipcMain.handle(INVOKE_CHANNEL, (event, method: unknown, input: unknown) =>
    handle(senderFrameUrl(event), method, input),
  );

  guardSession(
    session.defaultSession,
    contentSecurityPolicy(renderer.kind === 'dev-server' ? { devServerOrigin: renderer.origin } : {}),
  );

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      applicationMenuTemplate({
        isDev,
        platform: process.platform,
        openDataFolder: () => void shell.openPath(store.dataDir),
      }),
    ),
  );

  mainWindow = createMainWindow(renderer);
  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open brings one back.
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(renderer);
  });
}

async function main(): Promise<void> {
  // Every renderer sandboxed, whatever a future window's options say.
  app.enableSandbox();
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

  let dataDir: string;
  try {
    dataDir = chooseDataDir({
      argv: process.argv,
      env: process.env,
      userData: app.getPath('userData'),
      cwd: process.cwd(),
    });
  } catch (error) {
    return fail('KeyHub could not start', error instanceof Error ? error.message : String(error), 2);
  }

  // Electron keys its single-instance lock (and Chromium its caches) on userData, so
  // pointing it at the data folder means: one KeyHub per data folder, and two
  // KeyHubs on two folders (a test, a second company) may run side by side.
  app.setPath('userData', dataDir);
  if (!app.requestSingleInstanceLock()) {
    app.quit(); // the running KeyHub gets 'second-instance' and comes to the front
    return;
  }
  app.on('second-instance', focusMainWindow);

  const renderer = chooseRendererSource({
    isPackaged: app.isPackaged,
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
    indexPath: builtRendererIndex(import.meta.url),
  });
  guardAllWebContents(renderer);

  await app.whenReady();

  let store: Store;
  try {
    store = openStore({
      dataDir,
      // From the app's own folder (the repo, or app.asar when packaged), not the working directory.
      migrationsDir: path.join(app.getAppPath(), 'db', 'migrations'),
      // Unpackaged: the Electron build of better-sqlite3 the launcher prepared, if any.
      nativeBinding: devSqliteBinding({ isPackaged: app.isPackaged, env: process.env }),
    });
  } catch (error) {
    // openStore closed the file without changing it; say why and leave.
    const { title, message } = storeOpenFailure(error, dataDir);
    return fail(title, message, 1);
  }
  app.on('will-quit', () => store.close());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  startWithStore(store, renderer);
}

main().catch((error: unknown) => {
  console.error('[keyhub] start-up failed:', error);
  void fail('KeyHub could not start', error instanceof Error ? (error.stack ?? error.message) : String(error), 1);
});
