/**
 * The catalog slice end to end, through the real UI in Chromium and the browser host:
 * a vendor, two feature codes, a SKU granting both, a package with a release; then a
 * reload, and everything is still there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';

describe.skipIf(chromiumSkipReason !== null)('catalog through the UI', () => {
  let s: UiSession;

  beforeAll(async () => {
    s = await openKeyHub();
  });

  afterAll(async () => {
    await s?.close();
  });

  it('takes the token out of the address bar and keeps working after a reload', async () => {
    const { page } = s;
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    expect(page.url()).toBe(`${s.host.origin}/#/`);
    expect(page.url()).not.toContain(s.host.token);
    await expect(page.locator('.topbar__path').textContent()).resolves.toContain(s.dataDir);

    await page.reload();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.locator('.topbar__path').waitFor();
    expect(await page.getByText('This tab cannot reach KeyHub').count()).toBe(0);
  });

  it('creates a vendor, a SKU with two feature codes and a package with a release, all still there after a reload', async () => {
    const { page } = s;

    // Vendor, from the empty list's call to action.
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Vendors' }).click();
    await page.getByText('No vendors yet.').waitFor();
    await page.getByRole('link', { name: 'Add your first vendor' }).click();
    await page.getByLabel('Name').fill('Northwind Tools');
    await page.getByLabel('City').fill('Lisbon');
    await page.getByLabel('Country').fill('Portugal');
    await page.getByRole('button', { name: 'Add vendor' }).click();
    await page.getByRole('heading', { name: 'Northwind Tools' }).waitFor();
    await page.getByText('Vendor “Northwind Tools” added.').waitFor();

    // Two feature codes, from the vendor's page (the vendor comes preselected).
    for (const [code, description] of [
      ['export-pdf', 'Export to PDF'],
      ['batch-resize', 'Resize many images at once'],
    ]) {
      await page.getByRole('link', { name: 'Add feature code' }).click();
      await page.getByLabel('Code').fill(code);
      await page.getByLabel('Description').fill(description);
      await page.getByRole('button', { name: 'Add feature code' }).click();
      await page.getByRole('heading', { name: code }).waitFor();
      await page.getByRole('link', { name: 'Northwind Tools' }).first().click();
      await page.getByRole('heading', { name: 'Northwind Tools' }).waitFor();
    }

    // The SKU, granting both codes.
    await page.getByRole('link', { name: 'Add SKU' }).click();
    await page.getByLabel('SKU code').fill('NW-PRO');
    await page.getByLabel('Name', { exact: true }).fill('Northwind Pro');
    await page.getByLabel('Release date').fill('2025-01-15');
    await page.getByLabel('License duration').fill('365');
    await page.getByLabel('Max domains').fill('3');
    await page.getByLabel('Customers may delete manual domains').check();
    await page.getByLabel('export-pdf').check();
    await page.getByLabel('batch-resize').check();
    await page.getByRole('button', { name: 'Add SKU' }).click();
    await page.getByRole('heading', { name: 'NW-PRO' }).waitFor();
    const skuFeatures = page.getByRole('region', { name: /Feature codes/ });
    await skuFeatures.getByRole('link', { name: 'export-pdf' }).waitFor();
    await skuFeatures.getByRole('link', { name: 'batch-resize' }).waitFor();
    await page.getByText('365 days').waitFor();

    // The package, linked to the SKU, and its first release.
    await page.getByRole('link', { name: 'Northwind Tools' }).first().click();
    await page.getByRole('link', { name: 'Add package' }).click();
    await page.getByLabel('Name').fill('Northwind Desktop');
    await page.getByLabel('NW-PRO').check();
    await page.getByRole('button', { name: 'Add package' }).click();
    await page.getByRole('heading', { name: 'Northwind Desktop' }).waitFor();
    await page.getByRole('link', { name: 'Add release' }).click();
    await page.getByLabel('Version').fill('2.1.0');
    await page.getByLabel('Stability').selectOption({ label: 'Beta (beta)' });
    await page.getByLabel('Release date').fill('2025-02-01');
    await page.getByLabel('Download URL').fill('https://downloads.example.com/northwind-2.1.0.exe');
    await page.getByRole('button', { name: 'Add release' }).click();
    await page.getByRole('heading', { name: 'Northwind Desktop' }).waitFor();

    await page.reload();

    const releases = page.getByRole('region', { name: /Releases/ });
    await releases.getByRole('cell', { name: '2.1.0', exact: true }).waitFor();
    await releases.getByText('Beta').waitFor();
    await releases.getByText('1 Feb 2025').waitFor();
    await page.getByRole('region', { name: /SKUs that include it/ }).getByRole('link', { name: 'NW-PRO' }).click();
    await page.getByRole('heading', { name: 'NW-PRO' }).waitFor();
    await page.getByRole('region', { name: /Feature codes/ }).getByRole('link', { name: 'batch-resize' }).waitFor();
    await page.getByRole('region', { name: /Packages/ }).getByRole('link', { name: 'Northwind Desktop' }).waitFor();

    // And the store agrees with the screen.
    const sku = (await s.call('sku.list', { search: 'NW-PRO' })).items[0];
    const detail = await s.call('sku.get', { id: sku.id });
    expect(detail.features.map((f) => f.code).sort()).toEqual(['batch-resize', 'export-pdf']);
    expect(detail).toMatchObject({ licenseDuration: 365, maxDomains: 3, canDeleteManualDomains: true, canDeleteAutoDomains: false });
    expect(detail.releaseDate).toBe('2025-01-15T00:00:00.000Z');
    const pkg = await s.call('package.get', { id: detail.packages[0].id });
    expect(pkg.releases).toMatchObject([{ version: '2.1.0', stability: 2, displayName: 'Northwind Desktop' }]);

    await page.screenshot({ path: '/tmp/keyhub-ui-sku-detail.png' });
    expect(s.pageProblems).toEqual([]);
  });

  it('sorts and searches the SKU list through the API', async () => {
    const { page } = s;
    const vendor = (await s.call('vendor.list', {})).items[0];
    for (const code of ['AA-BASIC', 'ZZ-ULTIMATE']) {
      await s.call('sku.create', { vendorId: vendor.id, sku: code });
    }
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'SKUs' }).click();
    const firstCode = () => page.locator('tbody tr').first().locator('td').first().textContent();
    await page.getByRole('cell', { name: 'ZZ-ULTIMATE' }).waitFor();
    expect(await firstCode()).toBe('AA-BASIC');

    await page.getByRole('button', { name: 'SKU' }).click();
    await expect.poll(firstCode).toBe('ZZ-ULTIMATE');
    expect(page.url()).toContain('dir=desc');

    await page.getByRole('searchbox', { name: 'Search SKUs' }).fill('nw-');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await firstCode()).toBe('NW-PRO');

    await page.getByRole('searchbox', { name: 'Search SKUs' }).fill('no such sku');
    await page.getByText('No SKUs match.').waitFor();
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(3);
    expect(await page.getByRole('searchbox', { name: 'Search SKUs' }).inputValue()).toBe('');
  });

  it('filters SKUs by availability and vendor', async () => {
    const { page } = s;
    const other = await s.call('vendor.create', { name: 'Tailspin Labs' });
    await s.call('sku.create', { vendorId: other.id, sku: 'TS-NEXT', releaseDate: '2099-01-01' });
    await page.goto(`${s.host.origin}/#/catalog/skus`);
    await page.getByRole('cell', { name: 'TS-NEXT' }).waitFor();

    await page.getByLabel('Availability').selectOption({ label: 'Upcoming' });
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await page.locator('tbody .badge', { hasText: 'Upcoming' }).waitFor();

    await page.getByLabel('Availability').selectOption({ label: 'Any availability' });
    await page.getByLabel('Vendor').selectOption({ label: 'Northwind Tools' });
    await expect.poll(() => page.locator('tbody tr').count()).toBe(3);
    expect(await page.getByRole('cell', { name: 'TS-NEXT' }).count()).toBe(0);
  });

  it('pages through a long list', async () => {
    const { page } = s;
    for (let i = 1; i <= 28; i++) {
      await s.call('vendor.create', { name: `Paging Vendor ${String(i).padStart(2, '0')}` });
    }
    await page.goto(`${s.host.origin}/#/catalog/vendors`);
    await page.getByText('1–25 of 30 vendors').waitFor();
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.getByText('26–30 of 30 vendors').waitFor();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(5);
    await page.getByRole('button', { name: '← Previous' }).click();
    await page.getByText('1–25 of 30 vendors').waitFor();
  });
});
