/**
 * Builds the three Electron bundles into a scratch folder (never over out/, which other
 * tests serve) and checks what can be checked without the Electron binary: the preload
 * runs in a sandbox-like VM; the main bundle runs on plain Node against an electron stub
 * (test/electron/support) that records its window, menu, guards and IPC answers; and the
 * renderer runs from file://, under its CSP, in Chromium with a stand-in for the bridge.
 */
import Database from 'better-sqlite3';
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../src-main/api/contract';
import { handlers } from '../../src-main/api/handlers';
import type { KeyHubBridge } from '../../src-main/hosts/electron/bridge';
import { contentSecurityPolicy, metaContentSecurityPolicy } from '../../src-main/hosts/electron/csp';
import { createInvokeHandler } from '../../src-main/hosts/electron/ipc-handler';
import { chooseRendererSource, isAppRendererUrl } from '../../src-main/hosts/electron/renderer-source';
import { KEYHUB_APPLICATION_ID, openStore, type Store } from '../../src-main/store/open';
import { CHROMIUM_PATH, chromiumSkipReason } from '../support/browser';
import { createApiContext } from '../../src-main/api/dispatch';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const electronVite = path.join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const stubRegistration = pathToFileURL(path.join(repoRoot, 'test', 'electron', 'support', 'register-electron-stub.mjs')).href;

// Inside the repo, so the bundles resolve node_modules and find package.json and db/ as out/ would.
const cacheDir = path.join(repoRoot, 'node_modules', '.cache');
let outDir: string;
const scratch: string[] = [];

beforeAll(async () => {
  mkdirSync(cacheDir, { recursive: true });
  // Real path: Node reports the bundle's own location with symlinks resolved.
  outDir = realpathSync(mkdtempSync(path.join(cacheDir, 'keyhub-electron-build-')));
  await promisify(execFile)(process.execPath, [electronVite, 'build', '--outDir', outDir, '--logLevel', 'warn'], {
    cwd: repoRoot,
    timeout: 170_000,
  });
}, 180_000);

afterAll(() => {
  for (const dir of [outDir, ...scratch]) if (dir) rmSync(dir, { recursive: true, force: true });
});

function tempDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'keyhub-main-smoke-'));
  scratch.push(dir);
  return dir;
}

const preloadFile = () => path.join(outDir, 'preload', 'index.cjs');
const mainFile = () => path.join(outDir, 'main', 'index.js');

describe('electron-vite build', () => {
  it('writes out/main/index.js, out/preload/index.cjs and out/renderer/index.html', () => {
    expect(existsSync(mainFile())).toBe(true);
    expect(readdirSync(path.join(outDir, 'preload')).filter((f) => f.endsWith('.cjs'))).toEqual(['index.cjs']);
    expect(existsSync(path.join(outDir, 'renderer', 'index.html'))).toBe(true);
  });

  it('makes main an ES module that loads better-sqlite3 from node_modules', () => {
    const main = readFileSync(mainFile(), 'utf8');
    expect(main).toMatch(/^import .* from "electron";$/m);
    expect(main).toMatch(/^import \w+ from "better-sqlite3";$/m);
    expect(main).not.toContain('require("better-sqlite3")');
    expect(main).not.toContain('better_sqlite3.node');
  });

  it('keeps Node, the store and npm code out of the preload', () => {
    const preload = readFileSync(preloadFile(), 'utf8');
    const required = [...preload.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    for (const banned of ['better-sqlite3', 'node:fs', '"fs"', 'drizzle-orm']) {
      expect(preload, banned).not.toContain(banned);
    }
    // Our own few functions and the method list: zod or any other library would be far bigger.
    expect(preload.length).toBeLessThan(10_000);
  });

  it('puts the production CSP in index.html ahead of every script', () => {
    const html = readFileSync(path.join(outDir, 'renderer', 'index.html'), 'utf8');
    const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/);
    expect(meta).not.toBeNull();
    const policy = meta![1].replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
    expect(policy).toBe(metaContentSecurityPolicy());
    expect(policy).not.toContain('unsafe-inline');
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });
});

describe('the built preload, in a sandbox-like VM', () => {
  interface Loaded {
    bridge: KeyHubBridge;
    exposedAs: string;
    sent: unknown[][];
  }

  /** Runs the bundle the way a sandboxed preload runs: CommonJS, `require` of electron only. */
  function loadPreload(): Loaded {
    const loaded: Partial<Loaded> = { sent: [] };
    const electron = {
      contextBridge: {
        exposeInMainWorld: (key: string, api: KeyHubBridge) => {
          loaded.exposedAs = key;
          loaded.bridge = api;
        },
      },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => {
          loaded.sent!.push(args);
          return { ok: true, data: 'from main' };
        },
      },
    };
    const sandboxRequire = (id: string) => {
      if (id === 'electron') return electron;
      throw new Error(`module not found: ${id} (a sandboxed preload can only require electron)`);
    };
    const module = { exports: {} };
    const source = readFileSync(preloadFile(), 'utf8');
    const wrapper = vm.runInNewContext(`(function (require, module, exports) {${source}\n})`, {});
    wrapper(sandboxRequire, module, module.exports);
    return loaded as Loaded;
  }

  it('exposes window.keyhub with every contract method', () => {
    const { bridge, exposedAs } = loadPreload();
    expect(exposedAs).toBe('keyhub');
    expect([...bridge.methods]).toEqual(METHOD_NAMES);
  });

  it('sends known methods over keyhub:invoke and refuses unknown ones itself', async () => {
    const { bridge, sent } = loadPreload();
    await expect(bridge.invoke('vendor.list', { search: 'a' })).resolves.toEqual({ ok: true, data: 'from main' });
    expect(sent).toEqual([['keyhub:invoke', 'vendor.list', { search: 'a' }]]);
    const unknown = await (bridge.invoke as (m: string) => Promise<unknown>)('vendor.drop');
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(sent).toHaveLength(1);
  });
});

describe('the built main process, on plain Node with a stubbed electron', () => {
  interface StubReport {
    sandboxEnabled: boolean;
    paths: Record<string, string>;
    quit: boolean;
    exitCode: number | null;
    errorBox: { title: string; message: string } | null;
    windowOptions: { webPreferences: Record<string, unknown> } | null;
    loaded: { file?: string; url?: string } | null;
    menu: { name: string; items: string[] }[] | null;
    channels: string[];
    ipc: Record<string, { ok: boolean; data?: Record<string, unknown>; error?: { code: string } }>;
    navigation: Record<string, boolean>;
    windowOpen: Record<string, { action: string }>;
    permissions: Record<string, boolean>;
    cspHeader: string[] | null;
    openedExternally: string[];
    quitCleanly: boolean;
    driverError?: string;
  }

  function runMain(env: Record<string, string>): StubReport {
    const stdout = execFileSync(process.execPath, ['--import', stubRegistration, mainFile()], {
      cwd: repoRoot,
      env: { ...process.env, ELECTRON_RENDERER_URL: '', KEYHUB_STUB_APP_PATH: repoRoot, ...env },
      encoding: 'utf8',
      timeout: 30_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = stdout.split('\n').find((l) => l.startsWith('KEYHUB_STUB_REPORT '));
    if (!line) throw new Error(`main printed no report:\n${stdout}`);
    return JSON.parse(line.slice('KEYHUB_STUB_REPORT '.length)) as StubReport;
  }

  describe('a normal start', () => {
    let dataDir: string;
    let report: StubReport;
    beforeAll(() => {
      dataDir = tempDataDir();
      report = runMain({ KEYHUB_DATA: dataDir });
    }, 60_000);

    it('starts without errors, on the data folder it was given', () => {
      expect(report.driverError).toBeUndefined();
      expect(report.errorBox).toBeNull();
      expect(report.sandboxEnabled).toBe(true);
      expect(report.paths.userData).toBe(dataDir);
      expect(existsSync(path.join(dataDir, 'keyhub.db'))).toBe(true);
    });

    it('opens one secure window on the built renderer, with the built preload', () => {
      expect(report.loaded?.file).toBe(path.join(outDir, 'renderer', 'index.html'));
      const web = report.windowOptions!.webPreferences;
      expect(web).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
      expect(web.preload).toBe(path.join(outDir, 'preload', 'index.cjs'));
    });

    it('registers exactly one IPC channel that serves the API to the app page', () => {
      expect(report.channels).toEqual(['keyhub:invoke']);
      expect(report.ipc.info).toMatchObject({ ok: true, data: { host: 'electron', dataDir } });
      expect(report.ipc.vendorList.ok).toBe(true);
      expect(report.ipc.unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    });

    it('answers FORBIDDEN to every other sender', () => {
      for (const key of ['evil', 'otherFile', 'devtools', 'goneFrame']) {
        expect(report.ipc[key], key).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    });

    it('blocks navigation and new windows; web links go to the OS browser, others nowhere', () => {
      expect(report.navigation).toEqual({ toWebsite: true, toFile: true, toSelf: false, attachWebview: true });
      expect(report.windowOpen).toEqual({ https: { action: 'deny' }, javascript: { action: 'deny' } });
      expect(report.openedExternally).toEqual(['https://example.com/docs', 'https://example.com/release-notes']);
    });

    it('denies permissions except clipboard writes, and sends the CSP header', () => {
      expect(report.permissions).toEqual({
        media: false,
        geolocation: false,
        clipboardWrite: true,
        checkNotifications: false,
      });
      expect(report.cspHeader).toEqual([contentSecurityPolicy()]);
    });

    it('sets the File, Edit, View and Help menus', () => {
      expect(report.menu!.map((m) => m.name)).toEqual(['&File', 'editMenu', '&View', 'help']);
      // The stub says "not packaged", which is development: the developer tools are offered.
      expect(report.menu!.find((m) => m.name === '&View')!.items).toContain('toggleDevTools');
      expect(report.menu!.find((m) => m.name === 'help')!.items).toEqual(['Open Data Folder']);
    });

    it('closes the store on quit', () => {
      expect(report.quitCleanly).toBe(true);
    });
  });

  it('refuses a store from a newer KeyHub with a dialog, and leaves the file as it was', () => {
    const dataDir = tempDataDir();
    const file = path.join(dataDir, 'keyhub.db');
    const db = new Database(file);
    db.exec('CREATE TABLE future (x)');
    db.pragma(`application_id = ${KEYHUB_APPLICATION_ID}`);
    db.pragma('user_version = 9999');
    db.close();
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');

    const report = runMain({ KEYHUB_DATA: dataDir });

    expect(report.errorBox?.title).toBe('KeyHub needs an update');
    expect(report.errorBox?.message).toContain('newer KeyHub');
    expect(report.exitCode).toBe(1);
    expect(report.channels).toEqual([]);
    expect(report.windowOptions).toBeNull();
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
    expect(readdirSync(dataDir)).toEqual(['keyhub.db']);
  });

  describe('with the SQLite driver the launcher names in KEYHUB_SQLITE_BINDING (unpackaged)', () => {
    // Stands in for the launcher's Electron build: this runs on Node, so Node's build is the one that loads.
    const nodeDriver = path.join(repoRoot, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

    it('opens the store through it', () => {
      const driver = path.join(tempDataDir(), 'better_sqlite3.node');
      copyFileSync(nodeDriver, driver);
      const report = runMain({ KEYHUB_DATA: tempDataDir(), KEYHUB_SQLITE_BINDING: driver });
      expect(report.errorBox).toBeNull();
      expect(report.driverError).toBeUndefined();
      expect(report.ipc.vendorList.ok).toBe(true);
    });

    it('loads that file and no other: a broken one ends in a dialog that names it', () => {
      const driver = path.join(tempDataDir(), 'better_sqlite3.node');
      writeFileSync(driver, 'not a compiled driver');
      const report = runMain({ KEYHUB_DATA: tempDataDir(), KEYHUB_SQLITE_BINDING: driver });
      expect(report.errorBox?.message).toContain(driver);
      expect(report.exitCode).toBe(1);
      expect(report.windowOptions).toBeNull();
    });

    it('ignores a name whose file is gone, and uses the driver in node_modules', () => {
      const report = runMain({ KEYHUB_DATA: tempDataDir(), KEYHUB_SQLITE_BINDING: path.join(tempDataDir(), 'gone.node') });
      expect(report.errorBox).toBeNull();
      expect(report.ipc.vendorList.ok).toBe(true);
    });
  });

  it('quits at once when another KeyHub holds the data folder', () => {
    const dataDir = tempDataDir();
    const report = runMain({ KEYHUB_DATA: dataDir, KEYHUB_STUB_SCENARIO: 'second-instance' });
    expect(report.quit).toBe(true);
    expect(report.windowOptions).toBeNull();
    expect(existsSync(path.join(dataDir, 'keyhub.db'))).toBe(false);
  });
});

describe.skipIf(chromiumSkipReason !== null)('the built renderer, from file:// in Chromium with a stand-in bridge', () => {
  let browser: Browser;
  let page: Page;
  let store: Store;
  const problems: string[] = [];

  beforeAll(async () => {
    const dataDir = tempDataDir();
    store = openStore({ dataDir });
    const renderer = chooseRendererSource({
      isPackaged: true,
      devServerUrl: undefined,
      indexPath: path.join(outDir, 'renderer', 'index.html'),
    });
    // The main process's handler, with its sender check fed the page's real URL.
    const handle = createInvokeHandler({
      ctx: createApiContext(store, 'desktop', 'electron'),
      handlers,
      isAllowedSender: (url) => isAppRendererUrl(url, renderer),
    });
    // Electron grants file:// pages the right to load their ES module scripts; Chromium needs a flag.
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--allow-file-access-from-files'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(10_000);
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.exposeFunction('__keyhubMain', (method: unknown, input: unknown) => handle(page.url(), method, input));
    // What the preload does, minus contextBridge: window.keyhub with invoke and methods.
    await page.addInitScript((methods) => {
      const send = (window as unknown as { __keyhubMain: (m: unknown, i: unknown) => Promise<unknown> }).__keyhubMain;
      Object.defineProperty(window, 'keyhub', {
        value: Object.freeze({ methods, invoke: (method: unknown, input: unknown) => send(method, input) }),
      });
    }, METHOD_NAMES);
    await page.goto(renderer.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    store?.close();
  });

  it('starts under the production CSP without a single refusal or error', async () => {
    await page.getByRole('navigation', { name: 'Areas' }).waitFor();
    await expect.poll(() => page.title()).toContain('KeyHub');
    expect(problems).toEqual([]);
  });

  it('creates a vendor through the Vendors screen, over the bridge', async () => {
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Vendors' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vendors' }).waitFor();
    await page.getByRole('link', { name: /^Add (your first )?vendor$/ }).first().click();
    await page.getByRole('textbox', { name: /^Name/ }).fill('File URL Vendor Ltd.');
    await page.getByRole('button', { name: 'Add vendor' }).click();
    await page.getByRole('heading', { level: 1, name: 'File URL Vendor Ltd.' }).waitFor();
    expect(new URL(page.url()).protocol).toBe('file:');
    expect(store.sqlite.prepare('SELECT name FROM vendors').all()).toEqual([{ name: 'File URL Vendor Ltd.' }]);
    expect(problems).toEqual([]);
  });
});
