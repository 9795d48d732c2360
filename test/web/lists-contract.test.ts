/**
 * license.list, domain.list, dashboard.summary and export.csv through the real browser
 * host over HTTP: envelopes, 400 with the field named for a bad filter or query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KDF_COST } from '../support/temp-store';
import { startTestHost, type TestHost } from './support';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost({ vault: { kdfCost: TEST_KDF_COST } });
});
afterAll(async () => {
  await t?.stop();
});

describe('lists, dashboard and export over HTTP', () => {
  it('finds an issued license and its domains, counts it, and exports it', async () => {
    const vendor = await t.call('vendor.create', { name: 'Imazen' });
    await t.call('vault.setup', { passphrase: 'correct horse battery' });
    const key = await t.call('key.generate', { vendorId: vendor.id, displayName: 'Main' });
    const sku = await t.call('sku.create', { vendorId: vendor.id, sku: 'R3', privateKeyId: key.id, licenseDuration: 365 });
    const issued = await t.call('license.issue', { skuId: sku.id, owner: 'Kathrin Fretz', domains: ['example.com', 'shop.example.com'] });

    const page = await t.call('license.list', { search: 'kath', state: 'active' });
    expect(page).toMatchObject({ total: 1, totalIsLowerBound: false, limit: 50, offset: 0 });
    expect(page.items[0]).toMatchObject({ id: issued.licenseId, ownerName: 'Kathrin Fretz', state: 'active', liveDomainCount: 2 });
    const domains = await t.call('domain.list', { search: 'example.com', state: 'live' });
    expect(domains.items.map((d) => d.domainName)).toEqual(['example.com', 'shop.example.com']);

    const dashboard = await t.call('dashboard.summary', { expiringWithinDays: 30 });
    expect(dashboard.licenses).toMatchObject({ total: 1, active: 1 });
    expect(dashboard.domains).toMatchObject({ live: 2 });
    expect(dashboard.issuedPerMonth.at(-1)?.count).toBe(1);

    const exported = await t.call('export.csv', { list: 'domain.list', query: { licenseId: issued.licenseId, sort: 'domain', dir: 'desc' } });
    expect(exported.rows).toBe(2);
    expect(exported.csv.split('\n').slice(1, 3).map((line) => line.split(',')[2])).toEqual(['shop.example.com', 'example.com']);
  });

  it('answers 400 naming the field for a filter or an export query the list refuses', async () => {
    const bad = await t.fail('license.list', { state: 'lapsed' });
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.error.details as { fields: object }).fields)).toEqual(['state']);
    const badExport = await t.fail('export.csv', { list: 'domain.list', query: { state: 'gone' } });
    expect(badExport.status).toBe(400);
    expect(Object.keys((badExport.error.details as { fields: object }).fields)).toEqual(['query.state']);
  });
});
