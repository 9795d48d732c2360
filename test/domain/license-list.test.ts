/**
 * license.list without a search: each state filter, SKU / vendor / customer / app
 * filters, every sort both ways, paging, and the capped total. Both ways the list
 * reads a page (through the filter's index, or walking the sort's index) must give the
 * same answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../support/temp-store';
import type { LicenseRow } from '../../src-main/domain/licenses/types';
import { COUNT_CAP } from '../../src-main/domain/licenses/list-engine';
import { daysFromNow, insertApp, insertCustomer, insertLicense, insertManyLicenses, seedCatalog, type Seeded } from './list-fixture';

const APP = '3f2b9c1e-5d4a-4b8e-9f10-2a6c7d8e9f01';

let t: TempStore;
let seed: Seeded;
let L: Record<string, number>;
let customer: number;

beforeAll(() => {
  t = tempStore();
  seed = seedCatalog(t);
  const { alpha, beta, gamma } = seed.skus;
  customer = insertCustomer(t, 'Acme Photo GmbH');
  const other = insertCustomer(t, 'Northwind Traders');
  L = {
    perpetual: insertLicense(t, { skuId: alpha, owner: 'zoe Zimmer', issued: daysFromNow(-400), expires: null, owningEntityId: customer }),
    active: insertLicense(t, { skuId: beta, owner: 'Anna Adler', issued: daysFromNow(-300), expires: daysFromNow(200), purchasingEntityId: customer, owningEntityId: other }),
    expiring: insertLicense(t, { skuId: gamma, owner: 'bert Brandt', issued: daysFromNow(-200), expires: daysFromNow(10) }),
    expiringLater: insertLicense(t, { skuId: alpha, owner: 'Carla Caspar', issued: daysFromNow(-100), expires: daysFromNow(40) }),
    expired: insertLicense(t, { skuId: beta, owner: 'Dora Dorn', issued: daysFromNow(-500), expires: daysFromNow(-5) }),
    suspended: insertLicense(t, { skuId: gamma, owner: 'Emil Ebner', issued: daysFromNow(-50), expires: daysFromNow(5), status: 'suspended' }),
    revoked: insertLicense(t, { skuId: alpha, owner: 'Fritz Fuchs', issued: daysFromNow(-20), expires: daysFromNow(-1), status: 'revoked' }),
  };
  insertApp(t, APP, [L.active, L.revoked]);
});

afterAll(() => t.cleanup());

const list = (input: Record<string, unknown>) => t.call('license.list', { limit: 500, ...input });
const idsOf = (rows: LicenseRow[]) => rows.map((r) => r.id);
const sorted = (...names: string[]) => names.map((n) => L[n]).sort((a, b) => a - b);

describe('filters', () => {
  it('by state: active (unexpired or perpetual), expired (active with a past expiry), suspended, revoked, expiring within 30 days', async () => {
    const byState = async (state: string) => idsOf((await list({ state, sort: 'id' })).items);
    expect(await byState('active')).toEqual(sorted('perpetual', 'active', 'expiring', 'expiringLater'));
    expect(await byState('expired')).toEqual(sorted('expired'));
    expect(await byState('suspended')).toEqual(sorted('suspended'));
    // A revoked license stays revoked after its expiry passes.
    expect(await byState('revoked')).toEqual(sorted('revoked'));
    expect(await byState('expiring')).toEqual(sorted('expiring'));
    const states = Object.fromEntries((await list({ sort: 'id' })).items.map((r) => [r.id, r.state]));
    expect(states[L.expired]).toBe('expired');
    expect(states[L.revoked]).toBe('revoked');
  });

  it('by SKU, by vendor, by customer (owning or purchasing) and by app', async () => {
    const ids = async (input: Record<string, unknown>) => idsOf((await list({ ...input, sort: 'id' })).items);
    expect(await ids({ skuId: seed.skus.beta })).toEqual(sorted('active', 'expired'));
    expect(await ids({ vendorId: seed.otherVendorId })).toEqual(sorted('expiring', 'suspended'));
    expect(await ids({ vendorId: seed.vendorId, state: 'revoked' })).toEqual(sorted('revoked'));
    expect(await ids({ customerId: customer })).toEqual(sorted('perpetual', 'active'));
    expect(await ids({ appId: APP })).toEqual(sorted('active', 'revoked'));
    expect(await ids({ appId: APP, state: 'active' })).toEqual(sorted('active'));
  });

  it('refuses a filter that is not one', async () => {
    expect((await t.fail('license.list', { state: 'lapsed' })).code).toBe('VALIDATION');
    expect((await t.fail('license.list', { appId: 'not-a-guid' })).code).toBe('VALIDATION');
  });
});

describe('sorting', () => {
  const order = async (sort: string, dir: 'asc' | 'desc') => idsOf((await list({ sort, dir })).items);
  const names = (...keys: string[]) => keys.map((k) => L[k]);

  it('newest first by default', async () => {
    expect(idsOf((await list({})).items)).toEqual(Object.values(L).sort((a, b) => b - a));
  });

  it('by id, issue date, owner (ignoring case) and SKU code (ignoring case), both ways', async () => {
    const byId = Object.values(L).sort((a, b) => a - b);
    expect(await order('id', 'asc')).toEqual(byId);
    expect(await order('id', 'desc')).toEqual([...byId].reverse());
    const byIssued = names('expired', 'perpetual', 'active', 'expiring', 'expiringLater', 'suspended', 'revoked');
    expect(await order('issued', 'asc')).toEqual(byIssued);
    expect(await order('issued', 'desc')).toEqual([...byIssued].reverse());
    const byOwner = names('active', 'expiring', 'expiringLater', 'expired', 'suspended', 'revoked', 'perpetual');
    expect(await order('owner', 'asc')).toEqual(byOwner);
    expect(await order('owner', 'desc')).toEqual([...byOwner].reverse());
    // alpha < Beta < gamma, then by id within a SKU.
    const bySku = names('perpetual', 'expiringLater', 'revoked', 'active', 'expired', 'expiring', 'suspended');
    expect(await order('sku', 'asc')).toEqual(bySku);
    expect(await order('sku', 'desc')).toEqual([...bySku].reverse());
  });

  it('by expiry: a perpetual license ("never") comes after every date, and first when descending', async () => {
    const byExpiry = names('expired', 'revoked', 'suspended', 'expiring', 'expiringLater', 'active', 'perpetual');
    expect(await order('expires', 'asc')).toEqual(byExpiry);
    expect(await order('expires', 'desc')).toEqual([...byExpiry].reverse());
  });
});

describe('paging and the capped total', () => {
  it('pages follow one another without gaps or repeats', async () => {
    const all = idsOf((await list({ sort: 'owner' })).items);
    const pages = [];
    for (let offset = 0; offset < all.length; offset += 3) pages.push(...idsOf((await list({ sort: 'owner', limit: 3, offset })).items));
    expect(pages).toEqual(all);
    const page = await list({ limit: 3, offset: 3 });
    expect(page).toMatchObject({ total: 7, limit: 3, offset: 3, totalIsLowerBound: false });
  });
});

describe('on more rows than the count cap', () => {
  let big: TempStore;
  let skus: Seeded['skus'];

  beforeAll(() => {
    big = tempStore();
    skus = seedCatalog(big).skus;
    // Owners descend as ids ascend, so id order and owner order differ.
    insertManyLicenses(big, skus.alpha, COUNT_CAP + 50, (i) => `Owner ${String(COUNT_CAP + 50 - i).padStart(6, '0')}`);
    for (const owner of ['owner 000100x', 'OWNER 000100y', 'Owner 000100z']) insertLicense(big, { skuId: skus.beta, owner, issued: daysFromNow(-2) });
  });

  afterAll(() => big.cleanup());

  it('counts up to the cap and says the total is at least that', async () => {
    const page = await big.call('license.list', { limit: 5 });
    expect(page.total).toBe(COUNT_CAP);
    expect(page.totalIsLowerBound).toBe(true);
    const few = await big.call('license.list', { skuId: skus.beta });
    expect(few).toMatchObject({ total: 3, totalIsLowerBound: false });
  });

  it('a search that matches more than the cap says so too', async () => {
    const page = await big.call('license.list', { search: 'owner', limit: 5 });
    expect(page.total).toBe(COUNT_CAP);
    expect(page.totalIsLowerBound).toBe(true);
  });

  it('sorts the same whether it walks the sort index (many matches) or sorts the filtered rows (few)', async () => {
    // Many: SKU alpha holds more than the cap, so the page walks the owner index.
    const many = await big.call('license.list', { skuId: skus.alpha, sort: 'owner', limit: 3, offset: 99 });
    expect(many.items.map((r) => r.ownerName)).toEqual(['Owner 000100', 'Owner 000101', 'Owner 000102']);
    // Few: SKU Beta's three are read through the SKU index and sorted, ignoring case.
    const few = await big.call('license.list', { skuId: skus.beta, sort: 'owner', dir: 'desc' });
    expect(few.items.map((r) => r.ownerName)).toEqual(['Owner 000100z', 'OWNER 000100y', 'owner 000100x']);
    // Both together: the same order as the unfiltered walk.
    const both = await big.call('license.list', { sort: 'owner', limit: 5, offset: 99 });
    expect(both.items.map((r) => r.ownerName)).toEqual(['Owner 000100', 'owner 000100x', 'OWNER 000100y', 'Owner 000100z', 'Owner 000101']);
  });

  it('reads every list, filter, sort and search through indexes: no whole-table scan, no sort of a walked order', async () => {
    const seen = new Set<string>();
    const prepare = big.store.sqlite.prepare.bind(big.store.sqlite);
    big.store.sqlite.prepare = ((sql: string) => (seen.add(sql), prepare(sql))) as typeof prepare;
    try {
      for (const sort of ['id', 'issued', 'expires', 'owner', 'sku'] as const) {
        for (const dir of ['asc', 'desc'] as const) {
          await big.call('license.list', { sort, dir });
          for (const state of ['active', 'expired', 'suspended', 'revoked', 'expiring'] as const) await big.call('license.list', { sort, dir, state });
          await big.call('license.list', { sort, dir, skuId: skus.alpha });
          await big.call('license.list', { sort, dir, vendorId: 1, state: 'active' });
          await big.call('license.list', { sort, dir, search: 'owner 0001', state: 'active' });
        }
      }
      for (const sort of ['domain', 'issued', 'expires', 'license'] as const) {
        for (const state of [undefined, 'live', 'expired', 'stopped'] as const) await big.call('domain.list', { sort, state });
      }
      await big.call('dashboard.summary', {});
    } finally {
      big.store.sqlite.prepare = prepare;
    }
    const problems: string[] = [];
    for (const sql of seen) {
      if (!/^\s*SELECT/i.test(sql)) continue;
      const params = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map(([, name]) => [name, name === 'ids' || name === 'customers' ? '[1]' : 1]));
      const plan = (big.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((r) => r.detail);
      if (plan.some((d) => /^SCAN (l|d|licenses|domain_licenses)$/.test(d))) problems.push(`whole-table scan: ${sql}`);
      // A walk reads its index in order; the sorted reads of few rows say so with (+column).
      const walks = sql.includes('INDEXED BY') && sql.includes('ORDER BY') && !sql.includes('(+') && !sql.includes('UNION ALL');
      if (walks && plan.some((d) => d.includes('TEMP B-TREE'))) problems.push(`sorts a walked index: ${sql}`);
    }
    expect(seen.size).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });
});
