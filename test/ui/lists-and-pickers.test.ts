/**
 * Lists and pickers: searches stay within what the API takes (and its raw wording never
 * shows), tables fit the window at its minimum width, and pickers offer every choice,
 * past the API's 500-row pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../src-main/api/contract';
import { invoke, type ApiContext } from '../../src-main/api/dispatch';
import { handlers } from '../../src-main/api/handlers';
import { loadDemo } from '../../src-main/domain/demo';
import { openStore } from '../../src-main/store/open';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';
import { createApiContext } from '../../src-main/api/dispatch';

/** zod's own wording, which people should never read. */
const RAW_ZOD = /Too big|Too small|expected (string|number|int)/;

/** Runs work against the data folder's store in this process, before the host opens it. */
async function withStore(dataDir: string, work: (ctx: ApiContext) => Promise<void>): Promise<void> {
  const store = openStore({ dataDir });
  try {
    await work(createApiContext(store, 'test', 'test'));
  } finally {
    store.close();
  }
}

async function call<M extends MethodName>(ctx: ApiContext, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await invoke(ctx, handlers, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.data as MethodOutput<M>;
}

describe.skipIf(chromiumSkipReason !== null)('list parameters', () => {
  let s: UiSession;

  beforeAll(async () => {
    s = await openKeyHub();
    const vendor = await s.call('vendor.create', { name: 'Wide World Importers' });
    await s.call('sku.create', { vendorId: vendor.id, sku: 'WWI-ONE' });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('stops a search at the API’s 256 characters', async () => {
    const { page } = s;
    await page.goto(`${s.host.origin}/#/catalog/skus`);
    await page.getByRole('cell', { name: 'WWI-ONE' }).waitFor();
    const search = page.getByRole('searchbox', { name: 'Search SKUs' });
    await search.fill('x'.repeat(300));
    expect((await search.inputValue()).length).toBe(256);
    await page.getByText('No SKUs match.').waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(RAW_ZOD);
  });

  it('brings an address’s search, filter and page within what the API takes', async () => {
    const { page } = s;
    const tooLong = 'y'.repeat(300);
    await page.goto(`${s.host.origin}/#/catalog/skus?q=${tooLong}&vendor=1.5&page=99999999999999999999`);
    await page.getByText('No SKUs match.').waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(RAW_ZOD);

    await page.goto(`${s.host.origin}/#/catalog/features?vendor=-4`);
    await page.getByText('No feature codes yet.').waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(RAW_ZOD);
    expect(s.pageProblems).toEqual([]);
  });
});

describe.skipIf(chromiumSkipReason !== null)('tables at the window’s minimum width (960x700)', () => {
  let s: UiSession;

  beforeAll(async () => {
    s = await openKeyHub({
      viewport: { width: 960, height: 700 },
      prepare: (dataDir) => withStore(dataDir, async (ctx) => void (await loadDemo(ctx))),
    });
  });

  afterAll(async () => {
    await s?.close();
  });

  /** Each table on screen, and how far its content reaches beyond its card (0 when it fits). */
  const overflowOfTables = () =>
    s.page.locator('.table-wrap').evaluateAll((wraps) => wraps.map((wrap) => wrap.scrollWidth - wrap.clientWidth));

  it('shows every column of the catalog’s tables, with the demo catalog', async () => {
    const { page } = s;
    const vendor = (await s.call('vendor.list', { search: 'Imazen' })).items[0];
    const pkg = (await s.call('package.list', { search: 'Imageflow Server' })).items[0];
    const screens: [string, string][] = [
      ['skus', '/catalog/skus'],
      ['vendors', '/catalog/vendors'],
      ['features', '/catalog/features'],
      ['packages', '/catalog/packages'],
      ['vendor', `/catalog/vendors/${vendor.id}`],
      ['package', `/catalog/packages/${pkg.id}`],
    ];
    for (const [name, hash] of screens) {
      await page.goto(`${s.host.origin}/#${hash}`);
      await page.locator('tbody tr').first().waitFor();
      await page.screenshot({ path: `/tmp/ui-fix/${name}-960.png` });
      const overflow = await overflowOfTables();
      expect(overflow.length).toBeGreaterThan(0);
      expect({ name, overflow }).toEqual({ name, overflow: overflow.map(() => 0) });
    }

    // The SKU list folds the vendor under the name, and keeps the counts in view.
    await page.goto(`${s.host.origin}/#/catalog/skus`);
    const row = page.getByRole('row', { name: /ImageflowServerPro/ });
    await row.locator('.narrow-only', { hasText: 'Imazen' }).waitFor();
    expect(await page.getByRole('columnheader', { name: 'Vendor' }).isVisible()).toBe(false);
    for (const header of ['Features', 'Licenses']) {
      const box = await page.getByRole('columnheader', { name: header }).boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(960);
    }
    expect(s.pageProblems).toEqual([]);
  });

  it('scrolls a table too wide for its card inside the card, not the page', async () => {
    const { page } = s;
    const vendor = (await s.call('vendor.list', { search: 'Imazen' })).items[0];
    await s.call('sku.create', { vendorId: vendor.id, sku: `ImageflowServerEnterpriseEditionWithEveryPluginIncluded` });
    await page.goto(`${s.host.origin}/#/catalog/skus?vendor=${vendor.id}`);
    await page.getByRole('cell', { name: /EveryPluginIncluded/ }).waitFor();
    await page.screenshot({ path: '/tmp/ui-fix/skus-960-long-code.png' });
    const [overflow] = await overflowOfTables();
    expect(overflow).toBeGreaterThan(0);
    expect(await page.locator('.table-wrap').evaluate((wrap) => getComputedStyle(wrap).overflowX)).toBe('auto');
    // The page itself does not scroll sideways: only the table does, inside its card.
    expect(await page.locator('main').evaluate((main) => main.scrollWidth - main.clientWidth)).toBe(0);
  });
});

describe.skipIf(chromiumSkipReason !== null)('pickers with more than one page of choices', () => {
  const COUNT = 505;
  const label = (prefix: string, n: number) => `${prefix}-${String(n).padStart(3, '0')}`;
  let s: UiSession;
  let lastVendorId = 0;

  beforeAll(async () => {
    s = await openKeyHub({
      prepare: (dataDir) =>
        withStore(dataDir, async (ctx) => {
          // One transaction: each call's own nests inside it, and 1,500 rows take a moment, not minutes.
          ctx.store.sqlite.exec('BEGIN IMMEDIATE');
          for (let n = 1; n <= COUNT; n++) lastVendorId = (await call(ctx, 'vendor.create', { name: label('Vendor', n) })).id;
          for (let n = 1; n <= COUNT; n++) {
            await call(ctx, 'feature.create', { vendorId: lastVendorId, code: label('feature', n) });
            await call(ctx, 'sku.create', { vendorId: lastVendorId, sku: label('SKU', n) });
          }
          ctx.store.sqlite.exec('COMMIT');
        }),
    });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('offers every vendor and every feature code in the SKU form', async () => {
    const { page } = s;
    await page.goto(`${s.host.origin}/#/catalog/skus/new`);
    const vendor = page.getByLabel('Vendor');
    await expect.poll(() => vendor.locator('option').count()).toBe(COUNT + 1);
    await vendor.selectOption({ label: label('Vendor', COUNT) });
    const features = page.getByRole('group', { name: /^Feature codes ·/ });
    await features.getByLabel(label('feature', COUNT)).waitFor();
    expect(await features.getByRole('checkbox').count()).toBe(COUNT);
  });

  it('offers every SKU in the package form, and every vendor in the list filter', async () => {
    const { page } = s;
    await page.goto(`${s.host.origin}/#/catalog/packages/new?vendorId=${lastVendorId}`);
    const skus = page.getByRole('group', { name: /^SKUs ·/ });
    await skus.getByLabel(label('SKU', COUNT)).waitFor();
    expect(await skus.getByRole('checkbox').count()).toBe(COUNT);

    await page.goto(`${s.host.origin}/#/catalog/skus`);
    await page.getByRole('cell', { name: label('SKU', 1) }).waitFor();
    await expect.poll(() => page.getByLabel('Vendor').locator('option').count()).toBe(COUNT + 1);
    expect(s.pageProblems).toEqual([]);
  });
});
