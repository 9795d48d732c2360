/**
 * Every customer, user and right method, and the audit log's two, called through the real
 * browser host over HTTP, with the status codes and envelopes the UI relies on.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peopleMethods } from '../../src-main/api/methods/people';
import { DATABASE_FILE } from '../../src-main/store/paths';
import type { Customer, ObjectRight, Right, User } from '../../src-main/domain/people/types';
import { APP_ID, insertApp, insertLicense } from '../support/people-fixtures';
import { startTestHost, type TestHost } from './support';

let t: TestHost;
let licenseId: number;
beforeAll(async () => {
  t = await startTestHost();
  const vendor = await t.call('vendor.create', { name: 'Imazen' });
  const sku = await t.call('sku.create', { vendorId: vendor.id, sku: 'R3Bundle1Ent' });
  // Licenses and apps come from other areas; write them beside the host's own connection.
  const db = new Database(path.join(t.dataDir, DATABASE_FILE));
  licenseId = insertLicense(db, { skuId: sku.id, ownerName: 'Kathrin Fretz' });
  insertApp(db, APP_ID, 'Shop site');
  db.close();
});
afterAll(async () => {
  await t?.stop();
});

let imazen: Customer;
let kathrin: Customer;
let sam: User;
let ada: User;
let refund: Right;
let grant: ObjectRight;

describe('customers, users and rights over HTTP', () => {
  it('customer.create, .update, .get, .list; a bad email is 400 naming the field', async () => {
    imazen = await t.call('customer.create', { name: 'Imazen', email: 'billing@imazen.co' });
    kathrin = await t.call('customer.create', { kind: 'person', name: 'Kathrin' });
    expect((await t.call('customer.update', { id: kathrin.id, name: 'Kathrin Fretz' })).kind).toBe('person');
    expect(await t.call('customer.get', { id: imazen.id })).toMatchObject({ name: 'Imazen', contacts: [], providerIds: [], licenseCount: 0 });
    expect((await t.call('customer.list', { kind: 'person' })).items.map((c) => c.name)).toEqual(['Kathrin Fretz']);
    const bad = await t.fail('customer.create', { name: 'X', email: 'nope' });
    expect(bad).toMatchObject({ status: 400, error: { code: 'VALIDATION', details: { fields: { email: expect.any(String) } } } });
    expect((await t.fail('customer.get', { id: 999 })).status).toBe(404);
  });

  it('user.create, .update, .get, .list; a taken email is 409 naming the field', async () => {
    sam = await t.call('user.create', { name: 'Sam', email: 'sam@vendor.example' });
    ada = await t.call('user.create', { name: 'Ada', email: 'ada@imazen.co', customerId: imazen.id });
    expect((await t.call('user.update', { id: sam.id, role: 'admin' })).role).toBe('admin');
    expect((await t.call('user.list', { kind: 'contact' })).items.map((u) => u.name)).toEqual(['Ada']);
    const taken = await t.fail('user.create', { name: 'Other', email: 'Ada@Imazen.co' });
    expect(taken).toMatchObject({ status: 409, error: { code: 'CONFLICT', details: { fields: { email: expect.any(String) } } } });
    expect((await t.fail('user.create', { name: 'Bo', email: 'bo@x.example', customerId: 99 })).status).toBe(400);
    expect((await t.call('customer.get', { id: imazen.id })).contacts.map((c) => c.id)).toEqual([ada.id]);
  });

  it('right.list, .create, .grant, .forObject; a duplicate grant is 409, an unknown object 400', async () => {
    const rights = await t.call('right.list', {});
    const view = rights.find((r) => r.name === 'View')!;
    refund = await t.call('right.create', { name: 'Refund' });
    expect((await t.fail('right.create', { name: 'REFUND' })).status).toBe(409);

    grant = await t.call('right.grant', { userId: ada.id, rightId: view.id, objectType: 'license', objectId: String(licenseId) });
    expect(grant.objectLabel).toBe(`License ${licenseId} · Kathrin Fretz · R3Bundle1Ent`);
    const app = await t.call('right.grant', { userId: sam.id, rightId: refund.id, objectType: 'app', objectId: APP_ID.toUpperCase() });
    expect(app).toMatchObject({ objectId: APP_ID, objectLabel: 'App Shop site' });
    expect((await t.fail('right.grant', { userId: ada.id, rightId: view.id, objectType: 'license', objectId: String(licenseId) })).status).toBe(409);
    const unknown = await t.fail('right.grant', { userId: ada.id, rightId: view.id, objectType: 'customer', objectId: '999' });
    expect(unknown).toMatchObject({ status: 400, error: { details: { fields: { objectId: expect.stringContaining('Customer 999 does not exist') } } } });

    expect((await t.call('right.forObject', { objectType: 'license', objectId: String(licenseId) })).map((g) => g.userName)).toEqual(['Ada']);
    expect((await t.call('user.get', { id: sam.id })).rights.map((g) => g.rightName)).toEqual(['Refund']);
  });

  it('right.delete is 409 while held; right.revoke, then right.delete', async () => {
    const held = await t.fail('right.delete', { id: refund.id });
    expect(held).toMatchObject({ status: 409, error: { code: 'IN_USE' } });
    const [appGrant] = await t.call('right.forObject', { objectType: 'app', objectId: APP_ID });
    expect(await t.call('right.revoke', { id: appGrant.id })).toEqual({ id: appGrant.id, deleted: true });
    expect(await t.call('right.delete', { id: refund.id })).toEqual({ id: refund.id, deleted: true });
  });

  it('customer.delete is 409 while a license names the customer; user.delete and customer.delete otherwise', async () => {
    const db = new Database(path.join(t.dataDir, DATABASE_FILE));
    db.prepare('UPDATE licenses SET purchasing_entity_id = ? WHERE id = ?').run(kathrin.id, licenseId);
    db.close();
    expect(await t.fail('customer.delete', { id: kathrin.id })).toMatchObject({ status: 409, error: { code: 'IN_USE', details: { licenseCount: 1 } } });
    expect(await t.call('user.delete', { id: sam.id })).toEqual({ id: sam.id, deleted: true });
    expect(await t.call('customer.delete', { id: imazen.id })).toEqual({ id: imazen.id, deleted: true });
    expect((await t.fail('user.get', { id: ada.id })).status).toBe(404);
  });
});

describe('the audit log over HTTP', () => {
  it('audit.list filters by target and action prefix, newest first; audit.facets lists what there is', async () => {
    const onLicense = await t.call('audit.list', { targetType: 'license', targetId: String(licenseId) });
    // Ada's grant went with her customer (customer.delete), after it was made.
    expect(onLicense.items.map((r) => [r.action, r.details.because ?? null])).toEqual([
      ['right.revoke', 'customer.delete'],
      ['right.grant', null],
    ]);
    const customers = await t.call('audit.list', { action: 'customer.', dir: 'asc' });
    expect(customers.items.map((r) => r.action)).toEqual(['customer.create', 'customer.create', 'customer.update', 'customer.delete']);
    expect(customers.items.every((r) => r.actor === 'browser')).toBe(true);
    expect((await t.fail('audit.list', { from: 'soon' })).status).toBe(400);

    const facets = await t.call('audit.facets', {});
    expect(facets.actors).toEqual(['browser']);
    expect(facets.targetTypes).toEqual(['app', 'customer', 'license', 'right', 'sku', 'user', 'vendor']);
    expect(facets.actions).toEqual(expect.arrayContaining(['right.grant', 'right.revoke', 'user.delete', 'customer.delete']));
  });

  it('called every people method of the contract, and both audit methods', () => {
    const methods = [...Object.keys(peopleMethods), 'audit.list', 'audit.facets'];
    expect(methods.filter((m) => !t.called.has(m))).toEqual([]);
  });
});
