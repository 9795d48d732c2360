/**
 * The browser host's token: links opened in new tabs of the same browser work, a tab
 * without the token (or with one from an earlier launch) says how to get in, and a
 * token the host refuses is dropped.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLaunchPage } from '../../src-main/hosts/web/launch-page';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';

const TOKEN_KEY = 'keyhub.token';

describe.skipIf(chromiumSkipReason !== null)('the browser host token in the UI', () => {
  let s: UiSession;

  beforeAll(async () => {
    s = await openKeyHub();
    await s.page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  afterAll(async () => {
    await s?.close();
  });

  /** A browser profile of its own: nothing stored, as on another machine or after clearing data. */
  async function withFreshContext(use: (page: Page, context: BrowserContext) => Promise<void>): Promise<void> {
    const context = await s.page.context().browser()!.newContext();
    context.setDefaultTimeout(10_000);
    try {
      await use(await context.newPage(), context);
    } finally {
      await context.close();
    }
  }

  const storedToken = (page: Page) => page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY);

  it('reaches KeyHub from a second tab opened without the token in its address (Ctrl/middle-click)', async () => {
    const tab = await s.page.context().newPage();
    try {
      await tab.goto(`${s.host.origin}/#/catalog/vendors`);
      await tab.getByRole('heading', { name: 'Vendors', level: 1 }).waitFor();
      await tab.getByText('No vendors yet.').waitFor();
      expect(await tab.getByText('This tab cannot reach KeyHub').count()).toBe(0);
      expect(tab.url()).not.toContain(s.host.token);
    } finally {
      await tab.close();
    }
  });

  it('tells a tab opened without the token link how to get in', async () => {
    await withFreshContext(async (stranger) => {
      await stranger.goto(`${s.host.origin}/#/catalog/vendors`);
      await stranger.getByRole('heading', { name: 'This tab cannot reach KeyHub' }).waitFor();
      const text = await stranger.locator('.no-access').textContent();
      expect(text).toContain('keyhub serve');
      expect(text).toContain('npm start');
      await stranger.screenshot({ path: '/tmp/ui-fix/no-access.png' });
    });
  });

  it('drops a token from an earlier launch, says how to get in, and takes the new one', async () => {
    await withFreshContext(async (page) => {
      await page.goto(`${s.host.origin}/#/`);
      await page.evaluate((key) => localStorage.setItem(key, 'token-of-an-earlier-launch'), TOKEN_KEY);
      await page.reload();
      await page.getByRole('heading', { name: 'This tab cannot reach KeyHub' }).waitFor();
      expect(await storedToken(page)).toBeNull();

      // The address KeyHub printed brings the page back, and a reload keeps it there.
      await page.goto(s.host.url);
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      expect(await storedToken(page)).toBe(s.host.token);
      await page.reload();
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    });
  });

  it('shows how to get in as soon as any call is refused, not just at start', async () => {
    await withFreshContext(async (page) => {
      await page.goto(s.host.url);
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      // KeyHub was started again meanwhile: the page's token is no longer the host's.
      await page.evaluate((key) => localStorage.setItem(key, 'token-of-an-earlier-launch'), TOKEN_KEY);
      await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Vendors' }).click();
      await page.getByRole('heading', { name: 'This tab cannot reach KeyHub' }).waitFor();
      expect(await storedToken(page)).toBeNull();
    });
  });

  it('opens KeyHub from the launch page the browser is started with (keyhub serve, npm start)', async () => {
    const launch = writeLaunchPage(s.host.url);
    try {
      await withFreshContext(async (page) => {
        await page.goto(`file://${launch.path}`);
        await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
        expect(page.url()).toBe(`${s.host.origin}/#/`);
      });
    } finally {
      launch.remove();
    }
  });
});
