import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoCatalog, loadDemo } from '../../src-main/domain/demo';
import { tempStore, type TempStore } from '../support/temp-store';

let t: TempStore;
beforeEach(() => {
  t = tempStore();
});
afterEach(() => t.cleanup());

const count = (table: string) => (t.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('the demo catalog', () => {
  it('loads a living catalog: on-sale, retired and upcoming SKUs with features and releases', async () => {
    const summary = await loadDemo(t.ctx);
    expect(summary.vendors).toBeGreaterThanOrEqual(2);
    expect(count('vendors')).toBe(summary.vendors);
    expect(count('skus')).toBe(summary.skus);
    expect(count('package_releases')).toBe(summary.releases);
    const availability = new Set((await t.call('sku.list', { limit: 500 })).items.map((s) => s.availability));
    expect(availability).toEqual(new Set(['on_sale', 'retired', 'upcoming']));
  });

  it('loads all or nothing: a clash halfway leaves the store as it was', async () => {
    const second = demoCatalog()[1];
    await t.call('vendor.create', { name: second.name });
    const before = ['vendors', 'skus', 'feature_ids', 'packages', 'package_releases', 'audit_log'].map(count);
    await expect(loadDemo(t.ctx, { force: true })).rejects.toThrow(/already exists/);
    expect(['vendors', 'skus', 'feature_ids', 'packages', 'package_releases', 'audit_log'].map(count)).toEqual(before);
  });

  it('refuses a store that already has vendors unless forced', async () => {
    await t.call('vendor.create', { name: 'Mine' });
    await expect(loadDemo(t.ctx)).rejects.toThrow(/already holds 1 vendor/);
  });
});
