/**
 * Every area of the product is reachable from the left navigation; areas not built yet
 * say what is coming and what to do now. Forms work with the keyboard alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREA_GROUPS } from '../../src-renderer/shell/areas';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';

const EXPECTED_AREAS = [
  'Dashboard',
  'Vendors',
  'SKUs',
  'Feature codes',
  'Packages',
  'Licenses',
  'Customers',
  'Apps',
  'Domains',
  'Transactions',
  'Waiting items',
  'Stripe prices',
  'Subscriptions',
  'Signing keys',
  'Verify license',
  'Sync',
  'Users & rights',
  'Audit log',
  'Settings',
];

describe.skipIf(chromiumSkipReason !== null)('navigation and keyboard use', () => {
  let s: UiSession;

  beforeAll(async () => {
    s = await openKeyHub();
  });

  afterAll(async () => {
    await s?.close();
  });

  it('lists every area of the product in the navigation', async () => {
    const nav = s.page.getByRole('navigation', { name: 'Areas' });
    await nav.getByRole('link').first().waitFor();
    const labels = await nav.getByRole('link').evaluateAll((links) =>
      links.map((a) => a.firstElementChild?.textContent ?? ''),
    );
    expect(labels).toEqual(EXPECTED_AREAS);
  });

  it('opens each area; the ones not built yet say what is coming and what to do now', async () => {
    const { page } = s;
    const nav = page.getByRole('navigation', { name: 'Areas' });
    for (const area of AREA_GROUPS.flatMap((g) => g.areas)) {
      await nav.getByRole('link', { name: area.label }).click();
      await page.getByRole('heading', { level: 1, name: area.label }).waitFor();
      expect(await nav.locator('[aria-current="page"]').textContent()).toContain(area.label);
      if (area.coming) {
        await page.getByText('This area is not built yet.').waitFor();
        await page.getByText('What to do now:').waitFor();
        await page.getByRole('link', { name: area.coming.meanwhile.label }).waitFor();
      } else {
        expect(await page.getByText('This area is not built yet.').count()).toBe(0);
      }
    }
    await nav.getByRole('link', { name: 'Transactions' }).click();
    await page.screenshot({ path: '/tmp/keyhub-ui-coming-soon.png' });

    // The empty catalog lists each say what to do next.
    for (const [label, emptyText, action] of [
      ['Vendors', 'No vendors yet.', 'Add your first vendor'],
      ['SKUs', 'No SKUs yet, and no vendor to sell them.', 'Add your first vendor'],
      ['Feature codes', 'No feature codes yet.', 'Add your first feature code'],
      ['Packages', 'No packages yet.', 'Add your first package'],
    ]) {
      await nav.getByRole('link', { name: label }).click();
      await page.getByText(emptyText).waitFor();
      await page.getByRole('link', { name: action }).waitFor();
    }

    // Settings shows where the data lives.
    await nav.getByRole('link', { name: 'Settings' }).click();
    await page.getByText(s.dataDir, { exact: true }).waitFor();
    expect(s.pageProblems).toEqual([]);
  });

  it('says so when an address leads nowhere', async () => {
    const { page } = s;
    await page.goto(`${s.host.origin}/#/catalog/skus/not-a-number`);
    await page.getByText('There is nothing at this address.').waitFor();
    await page.goto(`${s.host.origin}/#/catalog/vendors/999999`);
    await page.getByText('This vendor does not exist (any more).').waitFor();
  });

  it('fills and submits a form with the keyboard only, and Esc cancels', async () => {
    const { page } = s;
    await page.goto(`${s.host.origin}/#/catalog/vendors/new`);
    await page.getByRole('heading', { name: 'Add a vendor' }).waitFor();

    // The first field has focus; Tab walks the fields in order; Enter saves.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-name');
    await page.keyboard.type('Fabrikam Keyboards');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1 Harbour Road');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Oslo');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0150');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Norway');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Fabrikam Keyboards' }).waitFor();
    const vendor = (await s.call('vendor.list', { search: 'Fabrikam' })).items[0];
    expect(vendor).toMatchObject({ street: '1 Harbour Road', city: 'Oslo', region: null, postal: '0150', country: 'Norway' });

    // A SKU form: the vendor comes preselected, so the code has focus; Space ticks a
    // checkbox and Enter on it saves.
    await s.call('feature.create', { vendorId: vendor.id, code: 'macro-keys' });
    await page.goto(`${s.host.origin}/#/catalog/skus/new?vendorId=${vendor.id}`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-sku');
    await page.keyboard.type('FK-ONE');
    await page.getByLabel('macro-keys').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'FK-ONE' }).waitFor();
    const sku = (await s.call('sku.list', { search: 'FK-ONE' })).items[0];
    expect(sku.featureCount).toBe(1);

    // Esc leaves an untouched edit form at once.
    const activeId = () => page.evaluate(() => document.activeElement?.id);
    await page.goto(`${s.host.origin}/#/catalog/vendors/${vendor.id}/edit`);
    await expect.poll(activeId).toBe('field-name');
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: 'Fabrikam Keyboards', exact: true }).waitFor();

    // With changes, Esc asks first; Esc again keeps editing, with focus back in the field.
    await page.goto(`${s.host.origin}/#/catalog/vendors/${vendor.id}/edit`);
    await expect.poll(activeId).toBe('field-name');
    await page.keyboard.type(' (changed)');
    await page.keyboard.press('Escape');
    const question = page.getByRole('alertdialog', { name: 'Discard your changes?' });
    await question.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Keep editing');
    await page.keyboard.press('Escape');
    await question.waitFor({ state: 'detached' });
    await expect.poll(activeId).toBe('field-name');
    expect(await page.getByLabel('Name').inputValue()).toBe('Fabrikam Keyboards (changed)');

    // Esc, Tab to "Discard changes", Enter: gone, unsaved.
    await page.keyboard.press('Escape');
    await question.waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Fabrikam Keyboards', exact: true }).waitFor();
    expect((await s.call('vendor.get', { id: vendor.id })).name).toBe('Fabrikam Keyboards');
  });

  it('shows where keyboard focus is', async () => {
    const { page } = s;
    await page.goto(`${s.host.origin}/#/catalog/vendors/new`);
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { style: style.outlineStyle, shadow: style.boxShadow };
    });
    expect(outline.style !== 'none' || outline.shadow !== 'none').toBe(true);
  });
});
