/**
 * Debian's Chromium, driven by playwright-core (which ships no browser of its own).
 * Where /usr/bin/chromium is missing, UI suites skip themselves and say why; CI
 * installs it, so there they run.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { MethodInput, MethodName, MethodOutput } from '../../src-main/api/contract';
import type { Envelope } from '../../src-main/api/errors';
import { startWebHost, type WebHost } from '../../src-main/hosts/web/server';
import { TEST_KDF_COST } from './temp-store';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Why UI tests cannot run here, or null when they can. */
export const chromiumSkipReason: string | null = existsSync(CHROMIUM_PATH)
  ? null
  : `${CHROMIUM_PATH} not found — install Debian's chromium (apt-get install chromium) to run the UI tests`;

if (chromiumSkipReason) console.info(`[keyhub] UI tests skipped: ${chromiumSkipReason}`);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface OpenKeyHubOptions {
  /** 1280x800 (the size the UI is designed for) unless told; the window's minimum is 960x600. */
  viewport?: { width: number; height: number };
  /** Fills the fresh data folder before the host opens it (e.g. with the demo catalog). */
  prepare?: (dataDir: string) => Promise<void>;
}

/**
 * One UI test session: a browser host on a fresh data folder, and a Chromium page
 * opened with the host's token link.
 * Console errors, page errors and CSP refusals are collected: a test can assert none.
 */
export interface UiSession {
  page: Page;
  host: WebHost;
  dataDir: string;
  /** Problems the page reported (console errors, uncaught exceptions, CSP refusals). */
  pageProblems: string[];
  /** Calls the API the way the page does, for setting up and checking data. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  close(): Promise<void>;
}

export async function openKeyHub(options: OpenKeyHubOptions = {}): Promise<UiSession> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'keyhub-ui-'));
  await options.prepare?.(dataDir);
  // A cheap KDF, so setting and typing passphrases takes milliseconds in tests.
  const host = await startWebHost({ dataDir, port: 0, vault: { kdfCost: TEST_KDF_COST } });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    // A context of its own, so a test can open more tabs in it (they share its storage).
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const pageProblems: string[] = [];
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // An API refusal is an envelope sent with a 4xx status; Chromium logs each one. Expected.
      const apiRefusal = message.text().startsWith('Failed to load resource') && message.location().url.includes('/api/');
      if (!apiRefusal) pageProblems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => pageProblems.push(`page error: ${error.message}`));
    await page.goto(host.url);

    const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
      const response = await fetch(`${host.origin}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-KeyHub-Token': host.token },
        body: JSON.stringify(input),
      });
      const envelope = (await response.json()) as Envelope<MethodOutput<M>>;
      if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code} ${envelope.error.message}`);
      return envelope.data;
    };

    const openedBrowser = browser;
    return {
      page,
      host,
      dataDir,
      pageProblems,
      call,
      close: async () => {
        await openedBrowser.close();
        await host.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    await host.close();
    throw error;
  }
}
