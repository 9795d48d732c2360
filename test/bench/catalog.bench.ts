/**
 * Catalog at scale: store open time, and first-page list/search latency through the
 * API boundary (validation included) on a store with many vendors, SKUs and features.
 */
import { rmSync } from 'node:fs';
import { createApiContext, invoke, type ApiContext } from '../../src-main/api/dispatch';
import { handlers } from '../../src-main/api/handlers';
import { openStore } from '../../src-main/store/open';
import { tempDir } from '../support/temp-store';
import { percentile, report, timeEach } from './report';

export async function catalogBench(quick: boolean): Promise<void> {
  const vendorCount = quick ? 20 : 200;
  const skusPerVendor = quick ? 500 : 1000;
  const featuresPerVendor = 50;
  const dataDir = tempDir('keyhub-bench-');
  let store = openStore({ dataDir });

  // Bulk fill with prepared statements in one transaction (the way hot paths write).
  const fill = store.sqlite.transaction(() => {
    const vendor = store.sqlite.prepare('INSERT INTO vendors (name, city, country) VALUES (?, ?, ?)');
    const sku = store.sqlite.prepare('INSERT INTO skus (vendor_id, sku, name, license_duration, release_date, expiration_date) VALUES (?, ?, ?, ?, ?, ?)');
    const feature = store.sqlite.prepare('INSERT INTO feature_ids (vendor_id, code) VALUES (?, ?)');
    const link = store.sqlite.prepare('INSERT INTO sku_feature_ids (sku_id, feature_id) VALUES (?, ?)');
    for (let v = 1; v <= vendorCount; v++) {
      const vendorId = Number(vendor.run(`Vendor ${v}`, `City ${v % 37}`, ['US', 'DE', 'CH', 'GB'][v % 4]).lastInsertRowid);
      const featureIds: number[] = [];
      for (let f = 0; f < featuresPerVendor; f++) featureIds.push(Number(feature.run(vendorId, `F${v}.${f}`).lastInsertRowid));
      for (let s = 0; s < skusPerVendor; s++) {
        const year = 2010 + (s % 15);
        const skuId = Number(
          sku.run(vendorId, `SKU-${v}-${s}`, `Product ${s} edition ${v}`, 365, `${year}-01-01T00:00:00.000Z`, s % 5 === 0 ? `${year + 2}-01-01T00:00:00.000Z` : null).lastInsertRowid,
        );
        link.run(skuId, featureIds[s % featuresPerVendor]);
        link.run(skuId, featureIds[(s + 7) % featuresPerVendor]);
      }
    }
  });
  fill();
  store.close();
  const skuTotal = vendorCount * skusPerVendor;

  const opens = await timeEach(5, () => openStore({ dataDir }).close());
  report({ bench: 'catalog.store_open_median', value: percentile(opens, 50), unit: 'ms' }, `${skuTotal} SKUs`);

  store = openStore({ dataDir });
  const ctx: ApiContext = createApiContext(store, 'bench', 'test');
  const call = async (method: string, input: unknown) => {
    const result = await invoke(ctx, handlers, method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  };
  const sorts = ['sku', 'name', 'vendor', 'releaseDate', 'expirationDate'] as const;
  const queries = 200;
  const cases: [string, (i: number) => Promise<void>][] = [
    ['catalog.sku_list_first_page', (i) => call('sku.list', { sort: sorts[i % sorts.length], dir: i % 2 ? 'desc' : 'asc', limit: 50 })],
    ['catalog.sku_search', (i) => call('sku.list', { search: `edition ${i % vendorCount}`, limit: 50 })],
    ['catalog.sku_list_by_vendor', (i) => call('sku.list', { vendorId: (i % vendorCount) + 1, availability: 'on_sale', limit: 50 })],
    ['catalog.vendor_list_first_page', (i) => call('vendor.list', { sort: i % 2 ? 'name' : 'country', limit: 50 })],
    ['catalog.feature_list_first_page', (i) => call('feature.list', { sort: 'code', search: `F${i % vendorCount}.`, limit: 50 })],
  ];
  for (const [name, run] of cases) {
    const durations = await timeEach(queries, run);
    report({ bench: `${name}_p50`, value: percentile(durations, 50), unit: 'ms' }, `${skuTotal} SKUs, ${queries} queries`);
    report({ bench: `${name}_p95`, value: percentile(durations, 95), unit: 'ms' });
  }
  store.close();
  rmSync(dataDir, { recursive: true, force: true });
}
