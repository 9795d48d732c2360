/**
 * Leaving a form: every way out (a side-navigation link, the "← back" link, the
 * browser's Back, Cancel) asks "Discard your changes?" while there are unsaved
 * changes; none asks when there are none, or once they are saved. Closing the tab
 * gets the browser's own warning.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';

describe.skipIf(chromiumSkipReason !== null)('leaving a form', () => {
  let s: UiSession;
  let vendorId: number;

  beforeAll(async () => {
    s = await openKeyHub();
    vendorId = (await s.call('vendor.create', { name: 'Wingtip Toys' })).id;
  });

  afterAll(async () => {
    await s?.close();
  });

  const goTo = (hash: string, page: Page = s.page) => page.goto(`${s.host.origin}/#${hash}`);
  /**
   * A full page load: the router stamps the history entry it starts on as its own.
   * Back is held only on the way to such an entry (one made by a hash typed into
   * the address bar, as `goTo` does, is not).
   */
  const loadPage = async (hash: string) => {
    await goTo(hash);
    await s.page.reload();
  };
  const question = () => s.page.getByRole('alertdialog', { name: 'Discard your changes?' });
  const sideNavLink = (label: string) => s.page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: label });
  const pageTitle = (name: string) => s.page.getByRole('heading', { name, level: 1, exact: true });

  it('asks before a side-navigation link leaves a SKU form with changes', async () => {
    const { page } = s;
    await goTo(`/catalog/skus/new?vendorId=${vendorId}`);
    await page.getByLabel('SKU code').fill('WT-UNSAVED');
    await page.getByLabel('Max domains').fill('4');

    await sideNavLink('Feature codes').click();
    await question().waitFor();
    await page.screenshot({ path: '/tmp/ui-fix/leave-by-side-nav.png' });

    // Keep editing: still here, every value as typed.
    await question().getByRole('button', { name: 'Keep editing' }).click();
    await question().waitFor({ state: 'detached' });
    expect(page.url()).toContain(`/catalog/skus/new?vendorId=${vendorId}`);
    expect(await page.getByLabel('SKU code').inputValue()).toBe('WT-UNSAVED');
    expect(await page.getByLabel('Max domains').inputValue()).toBe('4');

    // Discard changes: the link is followed, and nothing was saved.
    await sideNavLink('Feature codes').click();
    await question().getByRole('button', { name: 'Discard changes' }).click();
    await pageTitle('Feature codes').waitFor();
    expect((await s.call('sku.list', { search: 'WT-UNSAVED' })).total).toBe(0);
    expect(s.pageProblems).toEqual([]);
  });

  it('asks before the “← back” link leaves a form with changes', async () => {
    const { page } = s;
    const pkg = await s.call('package.create', { vendorId, displayName: 'Wingtip Builder' });
    await goTo(`/catalog/packages/${pkg.id}/edit`);
    await page.getByLabel('Name').fill('Wingtip Builder Pro');

    await page.getByRole('link', { name: '← Wingtip Builder' }).click();
    await question().getByRole('button', { name: 'Discard changes' }).click();
    await pageTitle('Wingtip Builder').waitFor();
    expect((await s.call('package.get', { id: pkg.id })).displayName).toBe('Wingtip Builder');
  });

  it('asks before the browser’s Back leaves a vendor form with changes', async () => {
    const { page } = s;
    const vendor = await s.call('vendor.create', { name: 'Northwind Traders' });
    await loadPage(`/catalog/vendors/${vendor.id}`);
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.getByLabel('Name').fill('Northwind Traders (renamed)');

    await page.goBack();
    await question().waitFor();
    expect(page.url()).toContain(`/catalog/vendors/${vendor.id}/edit`);
    await question().getByRole('button', { name: 'Keep editing' }).click();
    await question().waitFor({ state: 'detached' });
    expect(page.url()).toContain(`/catalog/vendors/${vendor.id}/edit`);
    expect(await page.getByLabel('Name').inputValue()).toBe('Northwind Traders (renamed)');

    await page.goBack();
    await question().getByRole('button', { name: 'Discard changes' }).click();
    await pageTitle('Northwind Traders').waitFor();
    expect(page.url()).toMatch(new RegExp(`/catalog/vendors/${vendor.id}$`));
    expect((await s.call('vendor.get', { id: vendor.id })).name).toBe('Northwind Traders');
    expect(s.pageProblems).toEqual([]);
  });

  it('goes to the saved record without asking', async () => {
    const { page } = s;
    const vendor = await s.call('vendor.create', { name: 'Adventure Works' });
    await goTo(`/catalog/vendors/${vendor.id}/edit`);
    await page.getByLabel('Name').fill('Adventure Works Cycles');
    await page.getByRole('button', { name: 'Save changes' }).click();

    await pageTitle('Adventure Works Cycles').waitFor();
    expect(await question().count()).toBe(0);
    expect((await s.call('vendor.get', { id: vendor.id })).name).toBe('Adventure Works Cycles');
  });

  it('leaves a form without changes at once, whichever way out', async () => {
    const { page } = s;
    const sku = await s.call('sku.create', { vendorId, sku: 'WT-CLEAN', name: 'Clean edition' });

    await goTo(`/catalog/skus/${sku.id}/edit`);
    await page.getByLabel('SKU code').waitFor();
    await sideNavLink('Vendors').click();
    await pageTitle('Vendors').waitFor();

    await goTo(`/catalog/skus/${sku.id}/edit`);
    await page.getByRole('link', { name: '← WT-CLEAN' }).click();
    await pageTitle('WT-CLEAN').waitFor();

    await loadPage(`/catalog/skus/${sku.id}`);
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.getByLabel('SKU code').waitFor();
    await page.goBack();
    await pageTitle('WT-CLEAN').waitFor();
    expect(await question().count()).toBe(0);
    expect(s.pageProblems).toEqual([]);
  });

  it('asks before Cancel discards changes, and leaves at once when there are none', async () => {
    const { page } = s;
    const feature = await s.call('feature.create', { vendorId, code: 'espresso', description: 'Pulls a shot' });
    const detailHeading = pageTitle('espresso');

    await goTo(`/catalog/features/${feature.id}/edit`);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await detailHeading.waitFor();
    expect(await question().count()).toBe(0);

    await goTo(`/catalog/features/${feature.id}/edit`);
    await page.getByLabel('Description').fill('Pulls a double shot');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await question().waitFor();
    await page.screenshot({ path: '/tmp/ui-fix/discard-changes.png' });
    await question().getByRole('button', { name: 'Keep editing' }).click();
    await question().waitFor({ state: 'detached' });
    expect(await page.getByLabel('Description').inputValue()).toBe('Pulls a double shot');

    // Undoing the change by hand makes the form clean again: no question.
    await page.getByLabel('Description').fill('Pulls a shot');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await detailHeading.waitFor();

    await goTo(`/catalog/features/${feature.id}/edit`);
    await page.getByLabel('Description').fill('Pulls a double shot');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await question().getByRole('button', { name: 'Discard changes' }).click();
    await detailHeading.waitFor();
    expect((await s.call('feature.get', { id: feature.id })).description).toBe('Pulls a shot');
    expect(s.pageProblems).toEqual([]);
  });

  it('has the browser warn before closing a tab with unsaved changes, and only then', async () => {
    const tab = await s.page.context().newPage();
    await goTo('/catalog/vendors/new', tab);
    const name = tab.getByLabel('Name');
    // Typed, not filled: Chromium warns only on a page the user has interacted with.
    await name.click();
    await tab.keyboard.type('Contoso');

    const warning = tab.waitForEvent('dialog');
    await tab.close({ runBeforeUnload: true });
    const dialog = await warning;
    expect(dialog.type()).toBe('beforeunload');
    await dialog.dismiss();
    expect(tab.isClosed()).toBe(false);
    expect(await name.inputValue()).toBe('Contoso');

    // Clean again: the tab closes without a word.
    await name.fill('');
    const closed = tab.waitForEvent('close');
    await tab.close({ runBeforeUnload: true });
    await closed;
  });
});
