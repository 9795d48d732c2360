/** Rights and user-object rights (grants): every rule on a real SQLite file. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OBJECT_TYPES as STORED_OBJECT_TYPES } from '../../db/schema';
import { OBJECT_TYPES } from '../../src-main/api/schemas';
import type { Right, User } from '../../src-main/domain/people/types';
import { tempStore, type TempStore } from '../support/temp-store';
import { APP_ID, auditRows, insertApp, insertLicense } from '../support/people-fixtures';

let t: TempStore;
let sam: User;
let view: Right;
let manageDomains: Right;
let vendorId: number;
let skuId: number;
let licenseId: number;
let packageId: number;
let customerId: number;

beforeEach(async () => {
  t = tempStore();
  vendorId = (await t.call('vendor.create', { name: 'Imazen' })).id;
  skuId = (await t.call('sku.create', { vendorId, sku: 'R3Bundle1Ent' })).id;
  packageId = (await t.call('package.create', { vendorId, displayName: 'ImageResizer 4' })).id;
  customerId = (await t.call('customer.create', { name: 'Imazen' })).id;
  licenseId = insertLicense(t.store.sqlite, { skuId, ownerName: 'Kathrin Fretz' });
  insertApp(t.store.sqlite, APP_ID, 'Shop site');
  sam = await t.call('user.create', { name: 'Sam', email: 'sam@vendor.example' });
  const rights = await t.call('right.list', {});
  view = rights.find((r) => r.name === 'View')!;
  manageDomains = rights.find((r) => r.name === 'Manage domains')!;
});
afterEach(() => t.cleanup());

const grantCount = () => t.store.sqlite.prepare('SELECT count(*) FROM user_object_rights').pluck().get() as number;

describe('rights', () => {
  it("the API's object types are the store's", () => {
    expect([...OBJECT_TYPES].sort()).toEqual([...STORED_OBJECT_TYPES].sort());
  });

  it('list has the seeded rights by name, with how many grants each has', async () => {
    await t.call('right.grant', { userId: sam.id, rightId: view.id, objectType: 'license', objectId: String(licenseId) });
    await t.call('right.grant', { userId: sam.id, rightId: view.id, objectType: 'app', objectId: APP_ID });
    const list = await t.call('right.list', {});
    expect(list.map((r) => r.name)).toEqual(['Download releases', 'Edit ownership', 'Manage apps', 'Manage domains', 'View']);
    expect(list.find((r) => r.name === 'View')!.grantCount).toBe(2);
    expect(list.find((r) => r.name === 'Manage apps')!.grantCount).toBe(0);
  });

  it('create refuses a name another right has, ignoring case', async () => {
    const refund = await t.call('right.create', { name: 'Refund' });
    expect(refund).toMatchObject({ name: 'Refund', grantCount: 0 });
    const dup = await t.fail('right.create', { name: 'manage DOMAINS' });
    expect(dup).toMatchObject({ code: 'CONFLICT', details: { fields: { name: 'A right named "manage DOMAINS" already exists.' } } });
    expect(auditRows(t.store.sqlite, 'right', refund.id).map((r) => r.action)).toEqual(['right.create']);
  });

  it('delete is refused while anyone holds the right, and works once nobody does', async () => {
    const grant = await t.call('right.grant', { userId: sam.id, rightId: manageDomains.id, objectType: 'license', objectId: String(licenseId) });
    const refused = await t.fail('right.delete', { id: manageDomains.id });
    expect(refused).toMatchObject({ code: 'IN_USE', details: { grantCount: 1 } });
    expect(refused.message).toContain('"Manage domains" is held in 1 grant.');
    expect(grantCount()).toBe(1);
    await t.call('right.revoke', { id: grant.id });
    expect(await t.call('right.delete', { id: manageDomains.id })).toEqual({ id: manageDomains.id, deleted: true });
    expect((await t.call('right.list', {})).map((r) => r.name)).not.toContain('Manage domains');
    expect((await t.fail('right.delete', { id: manageDomains.id })).code).toBe('NOT_FOUND');
  });
});

describe('grants', () => {
  it('labels each kind of object for people', async () => {
    const labels: Array<[string, string, string]> = [
      ['license', String(licenseId), `License ${licenseId} · Kathrin Fretz · R3Bundle1Ent`],
      ['app', APP_ID, 'App Shop site'],
      ['customer', String(customerId), 'Customer Imazen'],
      ['sku', String(skuId), 'SKU R3Bundle1Ent · Imazen'],
      ['vendor', String(vendorId), 'Vendor Imazen'],
      ['package', String(packageId), 'Package ImageResizer 4 · Imazen'],
    ];
    for (const [objectType, objectId, label] of labels) {
      const grant = await t.call('right.grant', { userId: sam.id, rightId: view.id, objectType: objectType as never, objectId });
      expect(grant).toMatchObject({ userId: sam.id, userName: 'Sam', userEmail: 'sam@vendor.example', rightName: 'View', objectType, objectId, objectLabel: label });
    }
    expect(grantCount()).toBe(6);
  });

  it('refuses an unknown user, right, or object of each type, by field, and changes nothing', async () => {
    expect(await t.fail('right.grant', { userId: 99, rightId: view.id, objectType: 'license', objectId: String(licenseId) })).toMatchObject({
      code: 'VALIDATION',
      details: { fields: { userId: 'User 99 does not exist.' } },
    });
    expect(await t.fail('right.grant', { userId: sam.id, rightId: 99, objectType: 'license', objectId: String(licenseId) })).toMatchObject({
      code: 'VALIDATION',
      details: { fields: { rightId: 'Right 99 does not exist.' } },
    });
    const unknown: Array<[string, string, string]> = [
      ['license', '999', 'License 999 does not exist'],
      ['app', '00000000-0000-4000-8000-000000000000', 'App 00000000-0000-4000-8000-000000000000 does not exist'],
      ['customer', '999', 'Customer 999 does not exist'],
      ['sku', '999', 'SKU 999 does not exist'],
      ['vendor', '999', 'Vendor 999 does not exist'],
      ['package', '999', 'Package 999 does not exist'],
    ];
    for (const [objectType, objectId, message] of unknown) {
      const refused = await t.fail('right.grant', { userId: sam.id, rightId: view.id, objectType, objectId });
      expect(refused.code).toBe('VALIDATION');
      expect((refused.details?.fields as Record<string, string>).objectId).toContain(message);
    }
    // An id of the wrong form for its type, and a type that is not one.
    expect((await t.fail('right.grant', { userId: sam.id, rightId: view.id, objectType: 'license', objectId: 'abc' })).details).toMatchObject({
      fields: { objectId: expect.stringContaining('whole number') },
    });
    expect((await t.fail('right.grant', { userId: sam.id, rightId: view.id, objectType: 'app', objectId: '12' })).details).toMatchObject({
      fields: { objectId: expect.stringContaining('GUID') },
    });
    expect((await t.fail('right.grant', { userId: sam.id, rightId: view.id, objectType: 'planet', objectId: '1' })).code).toBe('VALIDATION');
    expect(grantCount()).toBe(0);
  });

  it('stores ids in one form: a GUID in lower case without braces, an integer without leading zeros', async () => {
    const app = await t.call('right.grant', { userId: sam.id, rightId: view.id, objectType: 'app', objectId: `{${APP_ID.toUpperCase()}}` });
    expect(app.objectId).toBe(APP_ID);
    const license = await t.call('right.grant', { userId: sam.id, rightId: view.id, objectType: 'license', objectId: ` 0${licenseId}` });
    expect(license.objectId).toBe(String(licenseId));
    // …so the same grant written another way is still a duplicate.
    expect((await t.fail('right.grant', { userId: sam.id, rightId: view.id, objectType: 'app', objectId: APP_ID })).code).toBe('CONFLICT');
  });

  it('a duplicate grant is a conflict that names who, what and where', async () => {
    await t.call('right.grant', { userId: sam.id, rightId: view.id, objectType: 'license', objectId: String(licenseId) });
    const dup = await t.fail('right.grant', { userId: sam.id, rightId: view.id, objectType: 'license', objectId: String(licenseId) });
    expect(dup.code).toBe('CONFLICT');
    expect(dup.message).toBe(`Sam already holds "View" on License ${licenseId} · Kathrin Fretz · R3Bundle1Ent.`);
    // Another right on the same object, or the same right elsewhere, is fine.
    await t.call('right.grant', { userId: sam.id, rightId: manageDomains.id, objectType: 'license', objectId: String(licenseId) });
    await t.call('right.grant', { userId: sam.id, rightId: view.id, objectType: 'app', objectId: APP_ID });
    expect(grantCount()).toBe(3);
  });

  it('forObject lists the grants on that object only; an unknown object is NOT_FOUND', async () => {
    const ola = await t.call('user.create', { name: 'Ola', email: 'ola@vendor.example' });
    await t.call('right.grant', { userId: sam.id, rightId: view.id, objectType: 'license', objectId: String(licenseId) });
    await t.call('right.grant', { userId: ola.id, rightId: manageDomains.id, objectType: 'license', objectId: String(licenseId) });
    await t.call('right.grant', { userId: ola.id, rightId: view.id, objectType: 'app', objectId: APP_ID });
    const onLicense = await t.call('right.forObject', { objectType: 'license', objectId: String(licenseId) });
    expect(onLicense.map((g) => [g.rightName, g.userName])).toEqual([['Manage domains', 'Ola'], ['View', 'Sam']]);
    expect((await t.call('right.forObject', { objectType: 'app', objectId: APP_ID.toUpperCase() })).map((g) => g.userName)).toEqual(['Ola']);
    expect(await t.call('right.forObject', { objectType: 'customer', objectId: String(customerId) })).toEqual([]);
    expect((await t.fail('right.forObject', { objectType: 'license', objectId: '999' })).code).toBe('NOT_FOUND');
  });

  it('revoke removes one grant; grants and revocations are audited on the object', async () => {
    const a = await t.call('right.grant', { userId: sam.id, rightId: view.id, objectType: 'license', objectId: String(licenseId) });
    await t.call('right.grant', { userId: sam.id, rightId: manageDomains.id, objectType: 'license', objectId: String(licenseId) });
    expect(await t.call('right.revoke', { id: a.id })).toEqual({ id: a.id, deleted: true });
    expect((await t.call('right.forObject', { objectType: 'license', objectId: String(licenseId) })).map((g) => g.rightName)).toEqual(['Manage domains']);
    expect((await t.fail('right.revoke', { id: a.id })).code).toBe('NOT_FOUND');

    const timeline = auditRows(t.store.sqlite, 'license', licenseId);
    expect(timeline.map((r) => [r.actor, r.action, r.details.right])).toEqual([
      ['test', 'right.grant', 'View'],
      ['test', 'right.grant', 'Manage domains'],
      ['test', 'right.revoke', 'View'],
    ]);
    expect(timeline[2].details).toMatchObject({ grantId: a.id, userId: sam.id, userName: 'Sam', objectLabel: `License ${licenseId} · Kathrin Fretz · R3Bundle1Ent` });
  });

  it("a grant whose object has gone since still reads for people", async () => {
    await t.call('right.grant', { userId: sam.id, rightId: view.id, objectType: 'app', objectId: APP_ID });
    t.store.sqlite.prepare('DELETE FROM apps WHERE id = ?').run(APP_ID);
    const [grant] = (await t.call('user.get', { id: sam.id })).rights;
    expect(grant.objectLabel).toBe(`App ${APP_ID} (deleted)`);
  });
});

describe('rights on catalog objects that are deleted', () => {
  it('go with the package, SKU or vendor, each recorded as a right.revoke on it', async () => {
    const other = await t.call('vendor.create', { name: 'Northwind' });
    const otherSku = await t.call('sku.create', { vendorId: other.id, sku: 'NW1' });
    const otherPackage = await t.call('package.create', { vendorId: other.id, displayName: 'Compare' });
    for (const [objectType, objectId] of [['package', otherPackage.id], ['sku', otherSku.id], ['vendor', other.id]] as const) {
      await t.call('right.grant', { userId: sam.id, rightId: view.id, objectType, objectId: String(objectId) });
    }
    expect(grantCount()).toBe(3);
    await t.call('package.delete', { id: otherPackage.id });
    await t.call('sku.delete', { id: otherSku.id });
    await t.call('vendor.delete', { id: other.id });
    expect(grantCount()).toBe(0);
    const revokes = (await t.call('audit.list', { action: 'right.revoke' })).items;
    expect(revokes.map((r) => [r.targetType, r.details.because]).sort()).toEqual([
      ['package', 'package.delete'],
      ['sku', 'sku.delete'],
      ['vendor', 'vendor.delete'],
    ]);
  });
});
