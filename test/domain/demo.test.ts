import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoCatalog, loadDemo } from '../../src-main/domain/demo';
import { DEMO_PASSPHRASE } from '../../src-main/domain/demo/licensing';
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

  it('loads licensing books: keys, customers, licenses in several states with domains, apps with reports', async () => {
    const summary = await loadDemo(t.ctx);
    const l = summary.licensing;
    expect(l.passphrase).toBe(DEMO_PASSPHRASE);
    expect(count('licenses')).toBe(l.licenses);
    expect(count('domain_licenses')).toBe(l.domains);
    expect(count('customers')).toBe(l.customers);
    expect(count('apps')).toBe(l.apps);
    const states = new Set((await t.call('license.list', { limit: 100 })).items.map((row) => row.state));
    expect(states).toEqual(new Set(['active', 'suspended', 'revoked']));
    expect((await t.call('license.list', { search: 'Kathrin' })).items[0]).toMatchObject({ sku: 'R3Bundle1Ent', owningEntityName: 'Kathrin Fretz' });
    const automatic = (await t.call('domain.list', { automatic: true, limit: 100 })).items;
    expect(automatic.map((d) => d.domainName).sort()).toEqual(['shop.gallery-nord.example.com', 'staging.photometer.example.com']);
    const app = (await t.call('app.list', { search: 'Photometer' })).items[0];
    expect((await t.call('app.stats', { appId: app.id, bucket: 'day' })).length).toBeGreaterThan(0);
    // The keys are locked again, and open with the documented passphrase.
    expect((await t.call('vault.status', {})).state).toBe('locked');
    await t.call('vault.unlock', { passphrase: DEMO_PASSPHRASE });
  });

  it('leaves the licensing books empty when the store already has its own passphrase', async () => {
    await t.call('vault.setup', { passphrase: 'the owner’s own passphrase' });
    await t.call('vault.lock', {});
    const summary = await loadDemo(t.ctx);
    expect(summary.licensing).toMatchObject({ licenses: 0, passphrase: null });
    expect(count('skus')).toBe(summary.skus);
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
