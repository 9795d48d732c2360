/**
 * End to end through the real Electron app: launch it on a scratch data folder, check
 * the window, the bridge and the security defaults from inside the page, then create a
 * vendor through the UI. Needs the Electron binary (node_modules/electron/dist), which
 * offline installs lack; there the whole suite reports itself skipped, with the reason.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareElectronSqliteDriver } from '../../src-main/hosts/launcher/electron-sqlite-build';
import { withSqliteBinding } from '../../src-main/hosts/launcher/electron-sqlite-driver';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The Electron executable, or null when its download never happened. */
function electronBinary(): string | null {
  try {
    // In plain Node, the electron package exports the path of the binary it downloaded.
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null; // "Electron failed to install correctly": no dist/ folder
  }
}

/**
 * The Electron build of better-sqlite3 that `npm start` prepares (built once, then
 * cached), checked by loading it in Electron's own Node; or why there is none. The
 * app gets it as the launcher passes it, in KEYHUB_SQLITE_BINDING.
 */
async function electronDriver(binary: string): Promise<{ path: string } | { missing: string }> {
  let driver: string;
  try {
    driver = await prepareElectronSqliteDriver({ root: repoRoot });
  } catch (error) {
    return { missing: (error as Error).message.split('\n')[0] };
  }
  try {
    const load = `new (require('better-sqlite3'))(':memory:', { nativeBinding: ${JSON.stringify(driver)} }).close()`;
    execFileSync(binary, ['-e', load], {
      cwd: repoRoot,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: 'ignore',
      timeout: 30_000,
    });
    return { path: driver };
  } catch {
    return { missing: `Electron cannot load ${driver}; delete it and run the tests again to rebuild it` };
  }
}

async function skipReason(binary: string | null): Promise<{ reason: string } | { driver: string }> {
  if (!binary) return { reason: 'Electron binary not installed — node_modules/electron/dist missing' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display — run under xvfb-run' };
  }
  // Without it the app would stop at its "driver built for Node.js" dialog and the test would time out.
  const driver = await electronDriver(binary);
  return 'path' in driver ? { driver: driver.path } : { reason: `no SQLite driver for Electron: ${driver.missing}` };
}

const binary = electronBinary();
const readiness = await skipReason(binary);
const reason = 'reason' in readiness ? readiness.reason : null;
const suiteName = reason ? `electron e2e (skipped: ${reason})` : 'electron e2e';
if (reason) console.info(`[keyhub] electron e2e skipped: ${reason}`);

/**
 * A throwaway app folder shaped like the packaged app (package.json, db/migrations,
 * out/), built with `electron-vite build --outDir`, so the test never rebuilds the
 * repo's out/ underneath other tests. It sits under node_modules/ so the bundle finds
 * the repo's node_modules.
 */
function buildScratchApp(): string {
  const cache = path.join(repoRoot, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const appDir = mkdtempSync(path.join(cache, 'keyhub-e2e-app-'));
  writeFileSync(
    path.join(appDir, 'package.json'),
    JSON.stringify({ name: 'keyhub', productName: 'KeyHub', version: '0.0.0-e2e', type: 'module', main: './out/main/index.js' }),
  );
  symlinkSync(path.join(repoRoot, 'db'), path.join(appDir, 'db'), 'junction');
  symlinkSync(path.join(repoRoot, 'resources'), path.join(appDir, 'resources'), 'junction');
  const electronVite = path.join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  execFileSync(process.execPath, [electronVite, 'build', '--outDir', path.join(appDir, 'out'), '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
    timeout: 170_000,
  });
  return appDir;
}

describe.skipIf(reason !== null)(suiteName, () => {
  let appDir: string;
  let dataDir: string;
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    appDir = buildScratchApp();
    dataDir = mkdtempSync(path.join(tmpdir(), 'keyhub-e2e-data-'));
    app = await _electron.launch({
      executablePath: binary!,
      // Chromium refuses to run as root with its sandbox (CI containers); this flag is for that case only.
      args: [appDir, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      cwd: repoRoot,
      env: withSqliteBinding(
        { ...process.env, KEYHUB_DATA: dataDir, ELECTRON_RENDERER_URL: '' },
        'driver' in readiness ? readiness.driver : '',
      ) as Record<string, string>,
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    for (const dir of [appDir, dataDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens one KeyHub window', async () => {
    await expect.poll(() => page.title()).toContain('KeyHub');
    expect(app.windows()).toHaveLength(1);
  });

  it('gives the page the bridge and nothing of Node', async () => {
    const seen = await page.evaluate(() => ({
      methods: window.keyhub?.methods ?? [],
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(seen.methods).toContain('vendor.create');
    expect(seen.require).toBe('undefined');
    expect(seen.process).toBe('undefined');
  });

  it('serves the API over IPC on the data folder it was given', async () => {
    const info = await page.evaluate(() => window.keyhub!.invoke('system.info', {}));
    expect(info).toMatchObject({ ok: true, data: { host: 'electron', dataDir } });
    const unknown = await page.evaluate(() =>
      (window.keyhub!.invoke as (m: string) => Promise<unknown>)('vendor.drop'),
    );
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('does not open new windows', async () => {
    // Not an http(s) URL, so the handler denies it without handing it to the OS browser.
    await page.evaluate(() => window.open('about:blank#keyhub-e2e', '_blank'));
    await page.waitForTimeout(500);
    expect(app.windows()).toHaveLength(1);
  });

  it('loads the Vendors screen and creates a vendor', async () => {
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Vendors' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vendors' }).waitFor();
    await page.getByRole('link', { name: /^Add (your first )?vendor$/ }).first().click();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Electron E2E Vendor Ltd.');
    await page.getByRole('button', { name: 'Add vendor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Electron E2E Vendor Ltd.' }).waitFor();

    const list = await page.evaluate(() => window.keyhub!.invoke('vendor.list', {}));
    expect(JSON.stringify(list)).toContain('Electron E2E Vendor Ltd.');
  });
});
