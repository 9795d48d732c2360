/**
 * Every catalog method of the contract, called through the real browser host over
 * HTTP, with the status codes and envelopes the UI relies on.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogMethods } from '../../src-main/api/methods/catalog';
import { DATABASE_FILE } from '../../src-main/store/paths';
import type { Feature, PackageDetail, SkuDetail, Vendor } from '../../src-main/domain/catalog/types';
import { startTestHost, type TestHost } from './support';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost();
});
afterAll(async () => {
  await t?.stop();
});

// Built up by the tests below, in order (vitest runs a file's tests sequentially).
let imazen: Vendor;
let acme: Vendor;
const features: Record<string, Feature> = {};
let ir4: PackageDetail;
let elite: SkuDetail;

describe('the catalog over HTTP', () => {
  it('system.info names the web host and the data folder', async () => {
    const info = await t.call('system.info', {});
    expect(info).toMatchObject({ name: 'KeyHub', host: 'web', dataDir: t.dataDir });
    expect(info.databasePath).toBe(path.join(t.dataDir, DATABASE_FILE));
  });

  it('vendor.create keeps the postal fields; a duplicate is 409 CONFLICT; a blank name is 400 VALIDATION', async () => {
    imazen = await t.call('vendor.create', { name: 'Imazen', street: '1919 Pike Place', city: 'Seattle', region: 'WA', postal: '98101', country: 'United States' });
    expect(imazen).toMatchObject({ id: expect.any(Number), name: 'Imazen', city: 'Seattle', postal: '98101' });
    acme = await t.call('vendor.create', { name: 'Acme Fonts', country: 'Germany' });

    const duplicate = await t.fail('vendor.create', { name: 'imazen' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.error.code).toBe('CONFLICT');

    const blank = await t.fail('vendor.create', { name: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.error).toMatchObject({ code: 'VALIDATION', details: { fields: { name: 'Name is required.' } } });
  });

  it('feature.create per vendor; the same code twice for one vendor is 409, for another vendor fine', async () => {
    for (const code of ['R_Elite', 'R_Performance', 'R_WebP']) {
      features[code] = await t.call('feature.create', { vendorId: imazen.id, code, description: `${code} rights` });
    }
    features.acme = await t.call('feature.create', { vendorId: acme.id, code: 'R_Elite' });
    const again = await t.fail('feature.create', { vendorId: imazen.id, code: 'R_Elite' });
    expect(again).toMatchObject({ status: 409, error: { code: 'CONFLICT' } });
  });

  it('package.create and release.create; a repeated version is 409 and a bad stability 400', async () => {
    ir4 = await t.call('package.create', { vendorId: imazen.id, displayName: 'ImageResizer 4' });
    expect(ir4).toMatchObject({ displayName: 'ImageResizer 4', releases: [], skus: [] });
    await t.call('release.create', { packageId: ir4.id, displayName: 'ImageResizer 4.0.0', version: '4.0.0', stability: 0, releaseDate: '2016-11-02', downloadUrl: 'https://downloads.imazen.example/ir-4.0.0.zip' });
    const rc = await t.call('release.create', { packageId: ir4.id, displayName: 'ImageResizer 4.3.0-rc1', version: '4.3.0-rc1', stability: 1, releaseDate: '2026-01-10', notesUrl: 'https://imazen.example/notes/4.3.0-rc1' });
    expect(rc).toMatchObject({ version: '4.3.0-rc1', stability: 1, releaseDate: '2026-01-10T00:00:00.000Z' });

    expect(await t.fail('release.create', { packageId: ir4.id, displayName: 'again', version: '4.0.0', stability: 0, releaseDate: '2016-11-03' })).toMatchObject({ status: 409, error: { code: 'CONFLICT' } });
    const unstable = await t.fail('release.create', { packageId: ir4.id, displayName: 'x', version: '9', stability: 7, releaseDate: '2016-11-03' });
    expect(unstable.status).toBe(400);
    expect(unstable.error.details?.fields).toHaveProperty('stability');
  });

  it('sku.create links features and packages; a bad date range and a foreign feature are 400', async () => {
    elite = await t.call('sku.create', {
      vendorId: imazen.id,
      sku: 'R4Elite',
      name: 'ImageResizer 4 Elite',
      maxDomains: 10,
      licenseDuration: 365,
      editOwnershipDuration: 30,
      maxSupportContacts: 3,
      changeSupportContactsDuration: 365,
      autoDomainDuration: 30,
      manualDomainDuration: 365,
      canDeleteManualDomains: true,
      canDeleteAutoDomains: false,
      releaseDate: '2016-11-02',
      featureIds: [features.R_Elite.id, features.R_Performance.id],
      packageIds: [ir4.id],
    });
    expect(elite).toMatchObject({ sku: 'R4Elite', vendorName: 'Imazen', maxDomains: 10, canDeleteAutoDomains: false, availability: 'on_sale' });
    expect(elite.features.map((f) => f.code).sort()).toEqual(['R_Elite', 'R_Performance']);
    expect(elite.packages).toEqual([{ id: ir4.id, displayName: 'ImageResizer 4' }]);

    const backwards = await t.fail('sku.create', { vendorId: imazen.id, sku: 'Backwards', releaseDate: '2026-05-01', expirationDate: '2026-04-01' });
    expect(backwards).toMatchObject({ status: 400, error: { code: 'VALIDATION', details: { fields: { expirationDate: 'Expiration date must be after the release date.' } } } });

    const foreign = await t.fail('sku.create', { vendorId: imazen.id, sku: 'Foreign', featureIds: [features.acme.id] });
    expect(foreign).toMatchObject({ status: 400, error: { code: 'VALIDATION' } });
    expect(foreign.error.details?.fields).toHaveProperty('featureIds');

    expect(await t.fail('sku.create', { vendorId: imazen.id, sku: 'R4Elite' })).toMatchObject({ status: 409, error: { code: 'CONFLICT' } });
  });

  it('sku.list searches, sorts both ways, pages and filters by vendor and availability', async () => {
    for (const sku of ['R4Performance', 'R4Creative', 'R3Elite']) await t.call('sku.create', { vendorId: imazen.id, sku, releaseDate: '2015-01-01' });
    await t.call('sku.create', { vendorId: acme.id, sku: 'AcmeSans' });
    await t.call('sku.create', { vendorId: imazen.id, sku: 'R5Preview', releaseDate: '2099-01-01' });

    const r4 = await t.call('sku.list', { search: 'r4', sort: 'sku' });
    expect(r4.items.map((s) => s.sku)).toEqual(['R4Creative', 'R4Elite', 'R4Performance']);
    expect(r4.total).toBe(3);

    const page = await t.call('sku.list', { vendorId: imazen.id, sort: 'sku', dir: 'desc', limit: 2, offset: 1 });
    expect(page).toMatchObject({ total: 5, limit: 2, offset: 1 });
    expect(page.items.map((s) => s.sku)).toEqual(['R4Performance', 'R4Elite']);

    const upcoming = await t.call('sku.list', { availability: 'upcoming' });
    expect(upcoming.items.map((s) => s.sku)).toEqual(['R5Preview']);

    const badSort = await t.fail('sku.list', { sort: 'price' });
    expect(badSort.status).toBe(400);
  });

  it('sku.get and sku.update replace fields and links', async () => {
    expect(await t.call('sku.get', { id: elite.id })).toMatchObject({ id: elite.id, sku: 'R4Elite', featureCount: 2 });
    const updated = await t.call('sku.update', {
      id: elite.id,
      vendorId: imazen.id,
      sku: 'R4Elite',
      name: 'ImageResizer 4 Elite (renamed)',
      maxDomains: null,
      releaseDate: '2016-11-02',
      featureIds: [features.R_Elite.id, features.R_WebP.id],
      packageIds: [],
    });
    expect(updated).toMatchObject({ name: 'ImageResizer 4 Elite (renamed)', maxDomains: null, packages: [] });
    expect(updated.features.map((f) => f.code).sort()).toEqual(['R_Elite', 'R_WebP']);
    expect(await t.fail('sku.get', { id: 99_999 })).toMatchObject({ status: 404, error: { code: 'NOT_FOUND' } });
  });

  it('a SKU with licenses is refused deletion (409 IN_USE) and retired instead', async () => {
    // No license API yet: write one row straight into the store, as a later issue's code will.
    const db = new Database(path.join(t.dataDir, DATABASE_FILE));
    db.pragma('busy_timeout = 5000');
    db.prepare(`INSERT INTO licenses (sku_id, owner_name, issued) VALUES (?, 'Contoso', '2026-01-05T00:00:00.000Z')`).run(elite.id);
    db.close();

    const refused = await t.fail('sku.delete', { id: elite.id });
    expect(refused).toMatchObject({ status: 409, error: { code: 'IN_USE', details: { suggestion: 'sku.retire' } } });

    const retired = await t.call('sku.retire', { id: elite.id, at: '2026-02-01' });
    expect(retired).toMatchObject({ expirationDate: '2026-02-01T00:00:00.000Z', availability: 'retired', licenseCount: 1 });
    const early = await t.fail('sku.retire', { id: (await t.call('sku.list', { search: 'R3Elite' })).items[0].id, at: '2014-01-01' });
    expect(early).toMatchObject({ status: 400, error: { code: 'VALIDATION' } });
  });

  it('sku.delete removes an unlicensed SKU', async () => {
    const doomed = (await t.call('sku.list', { search: 'R5Preview' })).items[0];
    expect(await t.call('sku.delete', { id: doomed.id })).toEqual({ id: doomed.id, deleted: true });
    expect(await t.fail('sku.get', { id: doomed.id })).toMatchObject({ status: 404 });
  });

  it('feature.get/list/update, and feature.delete refused while a SKU grants it', async () => {
    const detail = await t.call('feature.get', { id: features.R_Elite.id });
    expect(detail.skus.map((s) => s.sku)).toEqual(['R4Elite']);
    const list = await t.call('feature.list', { vendorId: imazen.id, sort: 'code', dir: 'desc' });
    expect(list.items.map((f) => f.code)).toEqual(['R_WebP', 'R_Performance', 'R_Elite']);

    const renamed = await t.call('feature.update', { id: features.R_WebP.id, code: 'R_WebP2', description: 'WebP v2' });
    expect(renamed).toMatchObject({ code: 'R_WebP2', description: 'WebP v2' });

    expect(await t.fail('feature.delete', { id: features.R_Elite.id })).toMatchObject({ status: 409, error: { code: 'IN_USE' } });
    expect(await t.call('feature.delete', { id: features.R_Performance.id })).toEqual({ id: features.R_Performance.id, deleted: true });
  });

  it('package.get/list/update, release.update and release.delete', async () => {
    const creative = (await t.call('sku.list', { search: 'R4Creative' })).items[0];
    const renamed = await t.call('package.update', { id: ir4.id, displayName: 'ImageResizer 4.x', skuIds: [creative.id] });
    expect(renamed).toMatchObject({ displayName: 'ImageResizer 4.x', skus: [{ id: creative.id, sku: 'R4Creative' }] });

    const detail = await t.call('package.get', { id: ir4.id });
    expect(detail.releases.map((r) => r.version).sort()).toEqual(['4.0.0', '4.3.0-rc1']);
    const rc = detail.releases.find((r) => r.version === '4.3.0-rc1')!;

    const stable = await t.call('release.update', { id: rc.id, displayName: 'ImageResizer 4.3.0', version: '4.3.0', stability: 0, releaseDate: '2026-02-01', notesUrl: null, downloadUrl: 'https://downloads.imazen.example/ir-4.3.0.zip' });
    expect(stable).toMatchObject({ version: '4.3.0', stability: 0, notesUrl: null });
    expect(await t.call('release.get', { id: rc.id })).toEqual(stable);
    const badUrl = await t.fail('release.update', { id: rc.id, displayName: 'x', version: '4.3.0', stability: 0, releaseDate: '2026-02-01', downloadUrl: 'ftp://nope' });
    expect(badUrl.status).toBe(400);

    const list = await t.call('package.list', { search: '4.x' });
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ releaseCount: 2, latestVersion: '4.3.0', skuCount: 1 });

    const old = detail.releases.find((r) => r.version === '4.0.0')!;
    expect(await t.call('release.delete', { id: old.id })).toEqual({ id: old.id, deleted: true });
    expect(await t.fail('release.delete', { id: old.id })).toMatchObject({ status: 404, error: { code: 'NOT_FOUND' } });
    expect(await t.fail('release.get', { id: old.id })).toMatchObject({ status: 404, error: { code: 'NOT_FOUND' } });
  });

  it('vendor.get/list/update, vendor.delete refused with a catalog and allowed without, package.delete', async () => {
    expect(await t.call('vendor.get', { id: imazen.id })).toMatchObject({ skuCount: 4, featureCount: 2, packageCount: 1, licenseCount: 1 });
    const moved = await t.call('vendor.update', { id: acme.id, name: 'Acme Type', city: 'Berlin', country: 'Germany' });
    expect(moved).toMatchObject({ name: 'Acme Type', city: 'Berlin', street: null });

    const list = await t.call('vendor.list', { search: 'type', sort: 'name' });
    expect(list.items.map((v) => v.name)).toEqual(['Acme Type']);
    const paged = await t.call('vendor.list', { sort: 'name', dir: 'desc', limit: 1 });
    expect(paged).toMatchObject({ total: 2, limit: 1, offset: 0, items: [{ name: 'Imazen' }] });

    expect(await t.fail('vendor.delete', { id: imazen.id })).toMatchObject({ status: 409, error: { code: 'IN_USE' } });
    expect(await t.call('package.delete', { id: ir4.id })).toEqual({ id: ir4.id, deleted: true });

    const empty = await t.call('vendor.create', { name: 'Short-lived Ltd' });
    expect(await t.call('vendor.delete', { id: empty.id })).toEqual({ id: empty.id, deleted: true });
    expect(await t.fail('vendor.get', { id: empty.id })).toMatchObject({ status: 404 });
  });

  it('called every catalog method of the contract', () => {
    const catalog = ['system.info', ...Object.keys(catalogMethods)];
    expect(catalog.filter((m) => !t.called.has(m))).toEqual([]);
  });
});
