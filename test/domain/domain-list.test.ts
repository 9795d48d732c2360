/**
 * domain.list: live / expired / stopped (its license suspended, revoked or expired),
 * the license and automatic filters, every sort both ways, paging and the total.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../support/temp-store';
import type { DomainLicenseRow } from '../../src-main/domain/licenses/types';
import { PROBE_COUNT_CAP } from '../../src-main/domain/licenses/list-engine';
import { daysFromNow, insertDomain, insertLicense, seedCatalog } from './list-fixture';

let t: TempStore;
let D: Record<string, number>;
let lic: Record<string, number>;

beforeAll(() => {
  t = tempStore();
  const { skus } = seedCatalog(t);
  lic = {
    valid: insertLicense(t, { skuId: skus.alpha, owner: 'Anna Adler', expires: daysFromNow(300) }),
    suspended: insertLicense(t, { skuId: skus.beta, owner: 'Bert Brandt', status: 'suspended' }),
    expired: insertLicense(t, { skuId: skus.gamma, owner: 'Carla Caspar', issued: daysFromNow(-400), expires: daysFromNow(-3) }),
    revoked: insertLicense(t, { skuId: skus.gamma, owner: 'Dora Dorn', issued: daysFromNow(-400), expires: daysFromNow(60), status: 'revoked' }),
  };
  D = {
    liveManual: insertDomain(t, { licenseId: lic.valid, domain: 'b-site.com', issued: daysFromNow(-30), expires: daysFromNow(100) }),
    liveAuto: insertDomain(t, { licenseId: lic.valid, domain: 'a-site.com', issued: daysFromNow(-20), expires: daysFromNow(20), automatic: true }),
    liveNever: insertDomain(t, { licenseId: lic.valid, domain: 'shop.a-site.com', issued: daysFromNow(-10), expires: null }),
    expiredOwn: insertDomain(t, { licenseId: lic.valid, domain: 'old-site.org', issued: daysFromNow(-60), expires: daysFromNow(-1), automatic: true }),
    stoppedSuspended: insertDomain(t, { licenseId: lic.suspended, domain: 'paused.net', issued: daysFromNow(-40), expires: daysFromNow(50) }),
    stoppedRevoked: insertDomain(t, { licenseId: lic.revoked, domain: 'lapsed.io', issued: daysFromNow(-50), expires: daysFromNow(30), automatic: true }),
    // Its license expired (a domain license never outlives its license).
    expiredBoth: insertDomain(t, { licenseId: lic.expired, domain: 'gone.io', issued: daysFromNow(-70), expires: daysFromNow(-4) }),
  };
});

afterAll(() => t.cleanup());

const list = (input: Record<string, unknown>) => t.call('domain.list', { limit: 500, ...input });
const idsOf = (rows: DomainLicenseRow[]) => rows.map((r) => r.id);
const sorted = (...names: string[]) => names.map((n) => D[n]).sort((a, b) => a - b);
const byId = (rows: DomainLicenseRow[]) => idsOf(rows).sort((a, b) => a - b);

describe('domain.list filters', () => {
  it('by state: live, expired by its own date, stopped because its license is suspended or revoked', async () => {
    expect(byId((await list({ state: 'live' })).items)).toEqual(sorted('liveManual', 'liveAuto', 'liveNever'));
    expect(byId((await list({ state: 'expired' })).items)).toEqual(sorted('expiredOwn', 'expiredBoth'));
    expect(byId((await list({ state: 'stopped' })).items)).toEqual(sorted('stoppedSuspended', 'stoppedRevoked'));
    const states = Object.fromEntries((await list({})).items.map((r) => [r.id, r.state]));
    expect(states[D.stoppedRevoked]).toBe('stopped');
    expect(states[D.expiredBoth]).toBe('expired');
  });

  it('by license and by automatic or manual', async () => {
    expect(byId((await list({ licenseId: lic.valid })).items)).toEqual(sorted('liveManual', 'liveAuto', 'liveNever', 'expiredOwn'));
    expect(byId((await list({ automatic: true })).items)).toEqual(sorted('liveAuto', 'expiredOwn', 'stoppedRevoked'));
    expect(byId((await list({ automatic: false, state: 'live' })).items)).toEqual(sorted('liveManual', 'liveNever'));
    expect(byId((await list({ licenseId: lic.revoked, state: 'stopped' })).items)).toEqual(sorted('stoppedRevoked'));
    expect(byId((await list({ licenseId: lic.expired, state: 'stopped' })).items)).toEqual([]);
  });

  it('marks which live domains renew by themselves', async () => {
    const rows = Object.fromEntries((await list({})).items.map((r) => [r.id, r]));
    expect(rows[D.liveAuto].renewsAutomatically).toBe(true);
    expect(rows[D.liveManual].renewsAutomatically).toBe(false);
    expect(rows[D.stoppedRevoked].renewsAutomatically).toBe(false);
  });
});

describe('domain.list sorting and paging', () => {
  const order = async (sort: string, dir?: 'asc' | 'desc') => idsOf((await list({ sort, dir })).items);
  const names = (...keys: string[]) => keys.map((k) => D[k]);

  it('by domain name by default, and by name, issue date, expiry (never last) and license both ways', async () => {
    const byName = names('liveAuto', 'liveManual', 'expiredBoth', 'stoppedRevoked', 'expiredOwn', 'stoppedSuspended', 'liveNever');
    expect(idsOf((await list({})).items)).toEqual(byName);
    expect(await order('domain', 'desc')).toEqual([...byName].reverse());
    const byIssued = names('expiredBoth', 'expiredOwn', 'stoppedRevoked', 'stoppedSuspended', 'liveManual', 'liveAuto', 'liveNever');
    expect(await order('issued', 'asc')).toEqual(byIssued);
    expect(await order('issued', 'desc')).toEqual([...byIssued].reverse());
    const byExpiry = names('expiredBoth', 'expiredOwn', 'liveAuto', 'stoppedRevoked', 'stoppedSuspended', 'liveManual', 'liveNever');
    expect(await order('expires', 'asc')).toEqual(byExpiry);
    expect(await order('expires', 'desc')).toEqual([...byExpiry].reverse());
    // By license, then by domain name within it.
    const byLicense = names('liveAuto', 'liveManual', 'expiredOwn', 'liveNever', 'stoppedSuspended', 'expiredBoth', 'stoppedRevoked');
    expect(await order('license', 'asc')).toEqual(byLicense);
    expect(await order('license', 'desc')).toEqual([...byLicense].reverse());
  });

  it('pages with an exact total on a small store', async () => {
    const page = await t.call('domain.list', { limit: 2, offset: 2 });
    expect(page).toMatchObject({ total: 7, limit: 2, offset: 2, totalIsLowerBound: false });
    expect(idsOf(page.items)).toEqual(names('expiredBoth', 'stoppedRevoked'));
  });
});

describe('domain.list totals', () => {
  it('count up to 10,000 rows, and up to 1,000 where each row needs its license looked up (live, stopped)', async () => {
    const big = tempStore();
    try {
      const { skus } = seedCatalog(big);
      const valid = insertLicense(big, { skuId: skus.alpha, owner: 'Valid' });
      const revoked = insertLicense(big, { skuId: skus.alpha, owner: 'Revoked', status: 'revoked' });
      const insert = big.store.sqlite.prepare('INSERT INTO domain_licenses (license_id, domain_name, issued, expires, is_automatic) VALUES (?, ?, ?, NULL, 0)');
      const issued = daysFromNow(-1);
      big.store.sqlite.transaction(() => {
        for (let i = 0; i < PROBE_COUNT_CAP + 20; i++) insert.run(valid, `live${i}.example.com`, issued);
        for (let i = 0; i < PROBE_COUNT_CAP + 30; i++) insert.run(revoked, `stopped${i}.example.com`, issued);
      })();
      const total = PROBE_COUNT_CAP * 2 + 50;
      expect(await big.call('domain.list', { limit: 5 })).toMatchObject({ total, totalIsLowerBound: false });
      expect(await big.call('domain.list', { state: 'live', limit: 5 })).toMatchObject({ total: PROBE_COUNT_CAP, totalIsLowerBound: true });
      const stopped = await big.call('domain.list', { state: 'stopped', limit: 3, offset: 1 });
      expect(stopped).toMatchObject({ total: PROBE_COUNT_CAP, totalIsLowerBound: true });
      expect(stopped.items.map((d) => d.domainName)).toEqual(['stopped1.example.com', 'stopped10.example.com', 'stopped100.example.com']);
      expect(await big.call('domain.list', { state: 'expired' })).toMatchObject({ total: 0, totalIsLowerBound: false });
      expect(await big.call('domain.list', { state: 'stopped', licenseId: revoked, limit: 1 })).toMatchObject({ total: PROBE_COUNT_CAP, totalIsLowerBound: true });
      expect(await big.call('domain.list', { state: 'stopped', licenseId: valid, limit: 1 })).toMatchObject({ total: 0, totalIsLowerBound: false });
    } finally {
      big.cleanup();
    }
  });
});
