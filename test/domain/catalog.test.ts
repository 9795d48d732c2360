import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../support/temp-store';

let t: TempStore;
beforeEach(() => {
  t = tempStore();
});
afterEach(() => t.cleanup());

const vendor = (name = 'Imazen') => t.call('vendor.create', { name, street: '1 Main St', city: 'Denver', region: 'CO', postal: '80202', country: 'US' });

function auditActions(): string[] {
  return (t.store.sqlite.prepare('SELECT action FROM audit_log ORDER BY id').all() as { action: string }[]).map((r) => r.action);
}

describe('vendors', () => {
  it('keep the seed postal fields and trim input', async () => {
    const v = await t.call('vendor.create', { name: '  Imazen  ', city: ' Denver ', street: '' });
    expect(v).toMatchObject({ name: 'Imazen', city: 'Denver', street: null });
    expect(await t.call('vendor.get', { id: v.id })).toMatchObject({ name: 'Imazen', skuCount: 0, licenseCount: 0 });
  });

  it('refuse a second vendor with the same name in any case', async () => {
    await vendor('Imazen');
    const error = await t.fail('vendor.create', { name: 'IMAZEN' });
    expect(error.code).toBe('CONFLICT');
    expect(error.details?.fields).toEqual({ name: 'A vendor named "IMAZEN" already exists.' });
  });

  it('name the empty field when a name is missing', async () => {
    const error = await t.fail('vendor.create', { name: '   ' });
    expect(error).toMatchObject({ code: 'VALIDATION', details: { fields: { name: 'Name is required.' } } });
  });

  it('list with search, sort both ways and pages, counted in SQL', async () => {
    for (const name of ['Beta Soft', 'Alpha Tools', 'Gamma 100% Labs', 'Delta_Apps']) await vendor(name);
    const asc = await t.call('vendor.list', { sort: 'name' });
    expect(asc.items.map((v) => v.name)).toEqual(['Alpha Tools', 'Beta Soft', 'Delta_Apps', 'Gamma 100% Labs']);
    const desc = await t.call('vendor.list', { sort: 'name', dir: 'desc', limit: 2, offset: 1 });
    expect(desc).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(desc.items.map((v) => v.name)).toEqual(['Delta_Apps', 'Beta Soft']);
    // % and _ are literal characters in a search, not wildcards.
    expect((await t.call('vendor.list', { search: '100%' })).items.map((v) => v.name)).toEqual(['Gamma 100% Labs']);
    expect((await t.call('vendor.list', { search: 'a_a' })).items.map((v) => v.name)).toEqual(['Delta_Apps']);
  });

  it('refuse to delete a vendor that has a catalog, naming what it has', async () => {
    const v = await vendor();
    await t.call('feature.create', { vendorId: v.id, code: 'R3.Core' });
    const error = await t.fail('vendor.delete', { id: v.id });
    expect(error.code).toBe('IN_USE');
    expect(error.message).toMatch(/Imazen still has 1 feature code/);
  });

  it('delete an empty vendor and audit who did it', async () => {
    const v = await vendor();
    await t.call('vendor.update', { id: v.id, name: 'Imazen LLC' });
    await t.call('vendor.delete', { id: v.id });
    expect((await t.fail('vendor.get', { id: v.id })).code).toBe('NOT_FOUND');
    expect(auditActions()).toEqual(['vendor.create', 'vendor.update', 'vendor.delete']);
    const last = t.store.sqlite.prepare('SELECT actor, target_type, target_id, details FROM audit_log ORDER BY id DESC').get();
    expect(last).toEqual({ actor: 'test', target_type: 'vendor', target_id: String(v.id), details: '{"name":"Imazen LLC"}' });
  });
});

describe('SKUs', () => {
  async function catalog() {
    const v = await vendor();
    const core = await t.call('feature.create', { vendorId: v.id, code: 'R3.Core' });
    const disk = await t.call('feature.create', { vendorId: v.id, code: 'R3.DiskCache' });
    const pkg = await t.call('package.create', { vendorId: v.id, displayName: 'Resizer' });
    return { v, core, disk, pkg };
  }

  it('store every seed field and their links', async () => {
    const { v, core, disk, pkg } = await catalog();
    const sku = await t.call('sku.create', {
      vendorId: v.id,
      sku: 'R3Bundle1Ent',
      name: 'Resizer 3 Enterprise bundle',
      maxDomains: 5,
      editOwnershipDuration: 30,
      maxSupportContacts: 3,
      changeSupportContactsDuration: 60,
      licenseDuration: 365,
      autoDomainDuration: 30,
      manualDomainDuration: null,
      canDeleteManualDomains: true,
      canDeleteAutoDomains: false,
      releaseDate: '2012-01-01',
      expirationDate: '2030-01-01T12:00:00+02:00',
      featureIds: [core.id, disk.id],
      packageIds: [pkg.id],
    });
    expect(sku).toMatchObject({
      sku: 'R3Bundle1Ent',
      maxDomains: 5,
      licenseDuration: 365,
      manualDomainDuration: null,
      canDeleteManualDomains: true,
      canDeleteAutoDomains: false,
      releaseDate: '2012-01-01T00:00:00.000Z',
      expirationDate: '2030-01-01T10:00:00.000Z',
      vendorName: 'Imazen',
      availability: 'on_sale',
      featureCount: 2,
    });
    expect(sku.features.map((f) => f.code)).toEqual(['R3.Core', 'R3.DiskCache']);
    expect(sku.packages.map((p) => p.displayName)).toEqual(['Resizer']);
  });

  it('refuse an expiration on or before the release date, saving nothing', async () => {
    const { v } = await catalog();
    const error = await t.fail('sku.create', { vendorId: v.id, sku: 'X1', releaseDate: '2026-05-01', expirationDate: '2026-04-30' });
    expect(error.details?.fields).toEqual({ expirationDate: 'Expiration date must be after the release date.' });
    expect((await t.call('sku.list', {})).total).toBe(0);
  });

  it('refuse impossible dates and negative durations with the field named', async () => {
    const { v } = await catalog();
    const bad = await t.fail('sku.create', { vendorId: v.id, sku: 'X1', releaseDate: '2026-02-30', licenseDuration: -5 });
    expect(bad.details?.fields).toMatchObject({
      releaseDate: expect.stringMatching(/real date/),
      licenseDuration: 'License duration cannot be negative.',
    });
  });

  it("refuse another vendor's feature codes", async () => {
    await catalog();
    const other = await vendor('Other');
    const foreign = await t.call('feature.create', { vendorId: other.id, code: 'O.Feature' });
    const first = (await t.call('vendor.list', { search: 'Imazen' })).items[0];
    const error = await t.fail('sku.create', { vendorId: first.id, sku: 'X1', featureIds: [foreign.id] });
    expect(error.details?.fields).toHaveProperty('featureIds');
  });

  it('keep SKU codes unique per vendor', async () => {
    const { v } = await catalog();
    await t.call('sku.create', { vendorId: v.id, sku: 'R3Elite' });
    expect((await t.fail('sku.create', { vendorId: v.id, sku: 'R3Elite' })).code).toBe('CONFLICT');
    const other = await vendor('Other');
    await expect(t.call('sku.create', { vendorId: other.id, sku: 'R3Elite' })).resolves.toBeTruthy();
  });

  it('filter by availability: upcoming, on sale, retired', async () => {
    const { v } = await catalog();
    await t.call('sku.create', { vendorId: v.id, sku: 'Old', releaseDate: '2010-01-01', expirationDate: '2011-01-01' });
    await t.call('sku.create', { vendorId: v.id, sku: 'Now', releaseDate: '2020-01-01' });
    await t.call('sku.create', { vendorId: v.id, sku: 'Always' });
    await t.call('sku.create', { vendorId: v.id, sku: 'Soon', releaseDate: '2999-01-01' });
    const codes = async (availability: 'upcoming' | 'on_sale' | 'retired') =>
      (await t.call('sku.list', { availability })).items.map((s) => s.sku);
    expect(await codes('retired')).toEqual(['Old']);
    expect(await codes('on_sale')).toEqual(['Always', 'Now']);
    expect(await codes('upcoming')).toEqual(['Soon']);
    expect((await t.call('sku.list', { availability: 'on_sale' })).total).toBe(2);
  });

  it('refuse to delete a SKU that has licenses and offer retirement instead', async () => {
    const { v } = await catalog();
    const sku = await t.call('sku.create', { vendorId: v.id, sku: 'R3Bundle1Ent', releaseDate: '2012-01-01' });
    t.store.sqlite.prepare(`INSERT INTO licenses (sku_id, owner_name, issued) VALUES (?, 'Kathrin Fretz', '2012-07-18T09:51:26.000Z')`).run(sku.id);
    const error = await t.fail('sku.delete', { id: sku.id });
    expect(error.code).toBe('IN_USE');
    expect(error.message).toMatch(/has 1 license.*Retire it instead/);
    const retired = await t.call('sku.retire', { id: sku.id });
    expect(retired.availability).toBe('retired');
    expect(retired.expirationDate).not.toBeNull();
    expect((await t.call('sku.get', { id: sku.id })).licenseCount).toBe(1);
  });

  it('refuse to retire a SKU before its release date', async () => {
    const { v } = await catalog();
    const sku = await t.call('sku.create', { vendorId: v.id, sku: 'Soon', releaseDate: '2999-01-01' });
    expect((await t.fail('sku.retire', { id: sku.id })).details?.fields).toHaveProperty('at');
  });

  it('delete a SKU without licenses, with its feature links', async () => {
    const { v, core } = await catalog();
    const sku = await t.call('sku.create', { vendorId: v.id, sku: 'Tmp', featureIds: [core.id] });
    await t.call('sku.delete', { id: sku.id });
    expect((await t.call('feature.get', { id: core.id })).skus).toEqual([]);
  });

  it('replace feature links on update', async () => {
    const { v, core, disk } = await catalog();
    const sku = await t.call('sku.create', { vendorId: v.id, sku: 'R3', featureIds: [core.id] });
    const updated = await t.call('sku.update', { id: sku.id, vendorId: v.id, sku: 'R3', featureIds: [disk.id] });
    expect(updated.features.map((f) => f.code)).toEqual(['R3.DiskCache']);
  });
});

describe('updates are patches', () => {
  it('keep what an update leaves out, and clear what it sets to null', async () => {
    const v = await vendor();
    await t.call('vendor.update', { id: v.id, name: 'Imazen LLC' });
    expect(await t.call('vendor.get', { id: v.id })).toMatchObject({ name: 'Imazen LLC', street: '1 Main St', city: 'Denver', postal: '80202' });
    await t.call('vendor.update', { id: v.id, street: null, city: '' });
    expect(await t.call('vendor.get', { id: v.id })).toMatchObject({ street: null, city: null, postal: '80202' });
  });

  it("keep a SKU's limits, permissions and links when only its name changes", async () => {
    const v = await vendor();
    const f = await t.call('feature.create', { vendorId: v.id, code: 'R3.Core' });
    const p = await t.call('package.create', { vendorId: v.id, displayName: 'Resizer' });
    const sku = await t.call('sku.create', { vendorId: v.id, sku: 'R3', maxDomains: 3, canDeleteAutoDomains: true, releaseDate: '2020-01-01', featureIds: [f.id], packageIds: [p.id] });
    const renamed = await t.call('sku.update', { id: sku.id, name: 'Resizer 3' });
    expect(renamed).toMatchObject({ name: 'Resizer 3', maxDomains: 3, canDeleteAutoDomains: true, releaseDate: '2020-01-01T00:00:00.000Z', featureCount: 1 });
    expect(renamed.packages.map((x) => x.id)).toEqual([p.id]);
    expect((await t.call('package.update', { id: p.id, displayName: 'Resizer 3' })).skus.map((x) => x.id)).toEqual([sku.id]);
  });

  it('check the sale window against the stored date the patch leaves alone', async () => {
    const v = await vendor();
    const sku = await t.call('sku.create', { vendorId: v.id, sku: 'R3', releaseDate: '2020-01-01' });
    const error = await t.fail('sku.update', { id: sku.id, expirationDate: '2019-06-01' });
    expect(error.details?.fields).toEqual({ expirationDate: 'Expiration date must be after the release date.' });
    expect((await t.call('sku.get', { id: sku.id })).expirationDate).toBeNull();
  });

  it('let a SKU keep its retired signing key, but not choose one', async () => {
    const v = await vendor();
    const addKey = (name: string, retired: boolean) =>
      Number(
        t.store.sqlite
          .prepare(`INSERT INTO private_keys (vendor_id, display_name, private_key_bytes, public_key, fingerprint, retired_at) VALUES (?, ?, x'00', 'pk', ?, ?)`)
          .run(v.id, name, `fp-${name}`, retired ? '2026-01-01T00:00:00.000Z' : null).lastInsertRowid,
      );
    const key = addKey('2024 key', false);
    const sku = await t.call('sku.create', { vendorId: v.id, sku: 'R3', privateKeyId: key });
    t.store.sqlite.prepare(`UPDATE private_keys SET retired_at = '2026-01-01T00:00:00.000Z' WHERE id = ?`).run(key);
    await expect(t.call('sku.update', { id: sku.id, name: 'still editable' })).resolves.toMatchObject({ privateKeyId: key });
    const other = await t.call('sku.create', { vendorId: v.id, sku: 'R4' });
    expect((await t.fail('sku.update', { id: other.id, privateKeyId: key })).details?.fields).toHaveProperty('privateKeyId');
  });
});

describe('codes and names ignore case when they must be unique', () => {
  it('refuse r3elite beside R3Elite, and r3.core beside R3.Core, for one vendor', async () => {
    const v = await vendor();
    await t.call('sku.create', { vendorId: v.id, sku: 'R3Elite' });
    expect((await t.fail('sku.create', { vendorId: v.id, sku: 'r3elite' })).code).toBe('CONFLICT');
    await t.call('feature.create', { vendorId: v.id, code: 'R3.Core' });
    expect((await t.fail('feature.create', { vendorId: v.id, code: 'r3.core' })).code).toBe('CONFLICT');
    const pkg = await t.call('package.create', { vendorId: v.id, displayName: 'Resizer' });
    await t.call('release.create', { packageId: pkg.id, displayName: 'R', version: '4.0.0-RC1', stability: 1, releaseDate: '2015-01-01' });
    expect((await t.fail('release.create', { packageId: pkg.id, displayName: 'R', version: '4.0.0-rc1', stability: 1, releaseDate: '2015-01-01' })).code).toBe('CONFLICT');
  });
});

describe('feature codes', () => {
  it('refuse deletion while a SKU uses the code, naming the SKU', async () => {
    const v = await vendor();
    const f = await t.call('feature.create', { vendorId: v.id, code: 'R3.Core' });
    await t.call('sku.create', { vendorId: v.id, sku: 'R3Elite', featureIds: [f.id] });
    const error = await t.fail('feature.delete', { id: f.id });
    expect(error).toMatchObject({ code: 'IN_USE' });
    expect(error.message).toMatch(/part of 1 SKU \(R3Elite\)/);
  });

  it('refuse codes with spaces', async () => {
    const v = await vendor();
    expect((await t.fail('feature.create', { vendorId: v.id, code: 'has space' })).details?.fields).toHaveProperty('code');
  });
});

describe('packages and releases', () => {
  it('list releases newest first and show the latest version', async () => {
    const v = await vendor();
    const pkg = await t.call('package.create', { vendorId: v.id, displayName: 'Resizer' });
    await t.call('release.create', { packageId: pkg.id, displayName: 'Resizer 4.0.0', version: '4.0.0', stability: 0, releaseDate: '2015-03-01' });
    await t.call('release.create', { packageId: pkg.id, displayName: 'Resizer 4 alpha 1', version: '4.0.0-alpha1', stability: 3, releaseDate: '2014-06-01', notesUrl: 'https://example.com/notes' });
    const detail = await t.call('package.get', { id: pkg.id });
    expect(detail.releases.map((r) => r.version)).toEqual(['4.0.0', '4.0.0-alpha1']);
    expect(detail).toMatchObject({ latestVersion: '4.0.0', releaseCount: 2 });
  });

  it('name their SKUs with where each stands on its sale window', async () => {
    const v = await vendor();
    const f = await t.call('feature.create', { vendorId: v.id, code: 'R3.Core' });
    const pkg = await t.call('package.create', { vendorId: v.id, displayName: 'Resizer' });
    const old = await t.call('sku.create', { vendorId: v.id, sku: 'Old', releaseDate: '2010-01-01', expirationDate: '2011-01-01', featureIds: [f.id], packageIds: [pkg.id] });
    const soon = await t.call('sku.create', { vendorId: v.id, sku: 'Soon', releaseDate: '2999-01-01', featureIds: [f.id], packageIds: [pkg.id] });
    const expected = [
      { id: old.id, sku: 'Old', name: null, availability: 'retired' },
      { id: soon.id, sku: 'Soon', name: null, availability: 'upcoming' },
    ];
    expect((await t.call('feature.get', { id: f.id })).skus).toEqual(expected);
    expect((await t.call('package.get', { id: pkg.id })).skus).toEqual(expected);
  });

  it('do not call a release latest before its release date', async () => {
    const v = await vendor();
    const pkg = await t.call('package.create', { vendorId: v.id, displayName: 'Resizer' });
    await t.call('release.create', { packageId: pkg.id, displayName: 'Resizer 4.0.0', version: '4.0.0', stability: 0, releaseDate: '2015-03-01' });
    await t.call('release.create', { packageId: pkg.id, displayName: 'Resizer 9', version: '9.0.0', stability: 4, releaseDate: '2999-01-01' });
    expect(await t.call('package.get', { id: pkg.id })).toMatchObject({ latestVersion: '4.0.0', releaseCount: 2 });
  });

  it('refuse a duplicate version, a bad URL and an unknown stability', async () => {
    const v = await vendor();
    const pkg = await t.call('package.create', { vendorId: v.id, displayName: 'Resizer' });
    const base = { packageId: pkg.id, displayName: 'R', version: '1.0', stability: 0, releaseDate: '2015-01-01' };
    await t.call('release.create', base);
    expect((await t.fail('release.create', base)).details?.fields).toHaveProperty('version');
    expect((await t.fail('release.create', { ...base, version: '1.1', downloadUrl: 'ftp://x' })).details?.fields).toHaveProperty('downloadUrl');
    expect((await t.fail('release.create', { ...base, version: '1.2', stability: 7 })).details?.fields).toHaveProperty('stability');
  });

  it('delete a package with its releases', async () => {
    const v = await vendor();
    const pkg = await t.call('package.create', { vendorId: v.id, displayName: 'Resizer' });
    await t.call('release.create', { packageId: pkg.id, displayName: 'R', version: '1.0', stability: 0, releaseDate: '2015-01-01' });
    await t.call('package.delete', { id: pkg.id });
    expect(t.store.sqlite.prepare('SELECT count(*) AS n FROM package_releases').get()).toEqual({ n: 0 });
  });
});
