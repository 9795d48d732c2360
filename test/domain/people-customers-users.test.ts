/** Customers and users (staff and customers' contacts): every rule on a real SQLite file. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../support/temp-store';
import { APP_ID, addSupportContact, auditRows, insertApp, insertLicense, insertTransaction, subscribe } from '../support/people-fixtures';

let t: TempStore;
let skuId: number;
beforeEach(async () => {
  t = tempStore();
  const vendor = await t.call('vendor.create', { name: 'Imazen' });
  skuId = (await t.call('sku.create', { vendorId: vendor.id, sku: 'R3Bundle1Ent' })).id;
});
afterEach(() => t.cleanup());

const count = (sql: string, ...params: unknown[]) => (t.store.sqlite.prepare(sql).pluck().get(...params) as number);

describe('customers', () => {
  it('create keeps every field; get shows contacts and provider customer ids', async () => {
    const imazen = await t.call('customer.create', { name: 'Imazen', email: 'billing@imazen.co', phone: '+1 206 555 0100', city: 'Seattle', country: 'US', notes: 'Reseller' });
    expect(imazen).toMatchObject({ kind: 'organization', name: 'Imazen', email: 'billing@imazen.co', city: 'Seattle', street: null });
    await t.call('user.create', { name: 'Nathanael Jones', email: 'nathanael@imazen.co', customerId: imazen.id });
    await t.call('user.create', { name: 'Angela Gube', email: 'angela@imazen.co', customerId: imazen.id });
    t.store.sqlite.prepare("INSERT INTO provider_customers (customer_id, provider, provider_customer_id) VALUES (?, 'stripe', 'cus_123'), (?, 'paypal', 'XH947JE7P6KRJ')").run(imazen.id, imazen.id);

    const detail = await t.call('customer.get', { id: imazen.id });
    expect(detail.contacts.map((c) => c.name)).toEqual(['Angela Gube', 'Nathanael Jones']);
    expect(detail.contacts[0]).toMatchObject({ customerId: imazen.id, customerName: 'Imazen', role: 'viewer' });
    expect(detail.contactCount).toBe(2);
    expect(detail.providerIds).toEqual([
      { provider: 'paypal', providerCustomerId: 'XH947JE7P6KRJ' },
      { provider: 'stripe', providerCustomerId: 'cus_123' },
    ]);
    expect((await t.fail('customer.get', { id: 999 })).code).toBe('NOT_FOUND');
  });

  it('a malformed email is a field error', async () => {
    const bad = await t.fail('customer.create', { name: 'X', email: 'not-an-email' });
    expect(bad).toMatchObject({ code: 'VALIDATION', details: { fields: { email: 'Email must look like name@example.com.' } } });
  });

  it('list searches name and email, filters by kind, sorts by license count, pages in SQL', async () => {
    const imazen = await t.call('customer.create', { name: 'Imazen', email: 'billing@imazen.co' });
    const kathrin = await t.call('customer.create', { kind: 'person', name: 'Kathrin Fretz', email: 'kathrin@photometer.com' });
    const acme = await t.call('customer.create', { name: 'Acme Fonts' });
    insertLicense(t.store.sqlite, { skuId, ownerName: 'Kathrin Fretz', owningEntityId: kathrin.id, purchasingEntityId: kathrin.id });
    insertLicense(t.store.sqlite, { skuId, ownerName: 'Kathrin Fretz', owningEntityId: kathrin.id, purchasingEntityId: imazen.id });
    insertLicense(t.store.sqlite, { skuId, ownerName: 'Other', purchasingEntityId: kathrin.id });

    const byCount = await t.call('customer.list', { sort: 'licenseCount', dir: 'desc' });
    // A license naming the customer twice (owner and buyer) counts once.
    expect(byCount.items.map((c) => [c.name, c.licenseCount])).toEqual([['Kathrin Fretz', 3], ['Imazen', 1], ['Acme Fonts', 0]]);

    expect((await t.call('customer.list', { search: 'PHOTOMETER' })).items.map((c) => c.id)).toEqual([kathrin.id]);
    expect((await t.call('customer.list', { search: 'acme' })).items.map((c) => c.id)).toEqual([acme.id]);
    expect((await t.call('customer.list', { kind: 'person' })).items.map((c) => c.id)).toEqual([kathrin.id]);
    // LIKE wildcards in a search are literal.
    expect((await t.call('customer.list', { search: '%' })).total).toBe(0);

    const page = await t.call('customer.list', { sort: 'name', limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 3, limit: 1, offset: 1, items: [{ name: 'Imazen' }] });
  });

  it('update is a patch: kind, email and the rest keep their values; null clears', async () => {
    const kathrin = await t.call('customer.create', { kind: 'person', name: 'Kathrin Fretz', email: 'kathrin@photometer.com', city: 'Zürich' });
    const updated = await t.call('customer.update', { id: kathrin.id, country: 'CH' });
    expect(updated).toMatchObject({ kind: 'person', email: 'kathrin@photometer.com', city: 'Zürich', country: 'CH' });
    expect((await t.call('customer.update', { id: kathrin.id, city: null })).city).toBeNull();
    expect((await t.fail('customer.update', { id: 999, name: 'x' })).code).toBe('NOT_FOUND');
  });

  it('delete is refused while a license names the customer, saying how many, and changes nothing', async () => {
    const kathrin = await t.call('customer.create', { kind: 'person', name: 'Kathrin Fretz' });
    await t.call('user.create', { name: 'Kathrin', email: 'kathrin@photometer.com', customerId: kathrin.id });
    insertLicense(t.store.sqlite, { skuId, ownerName: 'Kathrin Fretz', owningEntityId: kathrin.id });
    insertLicense(t.store.sqlite, { skuId, ownerName: 'Bought for someone', purchasingEntityId: kathrin.id });

    const refused = await t.fail('customer.delete', { id: kathrin.id });
    expect(refused).toMatchObject({ code: 'IN_USE', details: { licenseCount: 2 } });
    expect(refused.message).toContain('Kathrin Fretz is the owning or purchasing entity of 2 licenses');
    expect(count('SELECT count(*) FROM customers WHERE id = ?', kathrin.id)).toBe(1);
    expect(count('SELECT count(*) FROM users WHERE customer_id = ?', kathrin.id)).toBe(1);
    expect(auditRows(t.store.sqlite, 'customer', kathrin.id).map((r) => r.action)).toEqual(['customer.create']);
  });

  it('delete is refused while a payment transaction names the customer', async () => {
    const kathrin = await t.call('customer.create', { kind: 'person', name: 'Kathrin Fretz' });
    insertTransaction(t.store.sqlite, kathrin.id);
    const refused = await t.fail('customer.delete', { id: kathrin.id });
    expect(refused).toMatchObject({ code: 'IN_USE', details: { transactionCount: 1 } });
    expect(refused.message).toContain('1 payment transaction');
  });

  it('delete takes its contacts (and their grants) and provider ids with it, and the audit log names them', async () => {
    const acme = await t.call('customer.create', { name: 'Acme Fonts' });
    const contact = await t.call('user.create', { name: 'Ada', email: 'ada@acme.example', customerId: acme.id });
    const staff = await t.call('user.create', { name: 'Sam Staff', email: 'sam@vendor.example' });
    const licenseId = insertLicense(t.store.sqlite, { skuId, ownerName: 'Someone else' });
    const [view] = (await t.call('right.list', {})).filter((r) => r.name === 'View');
    await t.call('right.grant', { userId: contact.id, rightId: view.id, objectType: 'license', objectId: String(licenseId) });
    await t.call('right.grant', { userId: staff.id, rightId: view.id, objectType: 'customer', objectId: String(acme.id) });
    t.store.sqlite.prepare("INSERT INTO provider_customers (customer_id, provider, provider_customer_id) VALUES (?, 'stripe', 'cus_acme')").run(acme.id);

    expect(await t.call('customer.delete', { id: acme.id })).toEqual({ id: acme.id, deleted: true });
    expect(count('SELECT count(*) FROM users WHERE id = ?', contact.id)).toBe(0);
    expect(count('SELECT count(*) FROM users WHERE id = ?', staff.id)).toBe(1);
    expect(count('SELECT count(*) FROM provider_customers')).toBe(0);
    expect(count('SELECT count(*) FROM user_object_rights')).toBe(0);

    const deleted = auditRows(t.store.sqlite, 'customer', acme.id);
    expect(deleted.map((r) => r.action)).toEqual(['customer.create', 'right.grant', 'right.revoke', 'customer.delete']);
    expect(deleted[2].details).toMatchObject({ userName: 'Sam Staff', right: 'View', because: 'customer.delete' });
    expect(deleted[3].details).toMatchObject({ name: 'Acme Fonts', contactsRemoved: [{ id: contact.id, name: 'Ada', email: 'ada@acme.example' }] });
    // The license's timeline says its grant went with the contact.
    expect(auditRows(t.store.sqlite, 'license', licenseId).map((r) => [r.action, r.details.because ?? null])).toEqual([
      ['right.grant', null],
      ['right.revoke', 'customer.delete'],
    ]);
  });

  it('create, update and delete are audited as customer actions by the actor', async () => {
    const c = await t.call('customer.create', { name: 'Acme Fonts' });
    await t.call('customer.update', { id: c.id, name: 'Acme Type' });
    await t.call('customer.delete', { id: c.id });
    const rows = auditRows(t.store.sqlite, 'customer', c.id);
    expect(rows.map((r) => [r.actor, r.action])).toEqual([
      ['test', 'customer.create'],
      ['test', 'customer.update'],
      ['test', 'customer.delete'],
    ]);
    expect(rows[1].details).toMatchObject({ before: { name: 'Acme Fonts' }, after: { name: 'Acme Type' } });
  });
});

describe('users', () => {
  it('emails are unique ignoring case, on create and on update, with the field named', async () => {
    const sam = await t.call('user.create', { name: 'Sam', email: 'sam@vendor.example' });
    const dup = await t.fail('user.create', { name: 'Sam 2', email: 'SAM@Vendor.example' });
    expect(dup).toMatchObject({ code: 'CONFLICT', details: { fields: { email: expect.stringContaining('SAM@Vendor.example') } } });
    const other = await t.call('user.create', { name: 'Ola', email: 'ola@vendor.example' });
    expect((await t.fail('user.update', { id: other.id, email: 'Sam@vendor.example' })).code).toBe('CONFLICT');
    // A user may keep (or re-case) their own email.
    expect((await t.call('user.update', { id: sam.id, email: 'Sam@vendor.example' })).email).toBe('Sam@vendor.example');
    expect(count('SELECT count(*) FROM users')).toBe(2);
  });

  it('customerId must name a customer, on create and on update', async () => {
    const missing = await t.fail('user.create', { name: 'Ada', email: 'ada@x.example', customerId: 42 });
    expect(missing).toMatchObject({ code: 'VALIDATION', details: { fields: { customerId: 'Customer 42 does not exist.' } } });
    const ada = await t.call('user.create', { name: 'Ada', email: 'ada@x.example' });
    expect((await t.fail('user.update', { id: ada.id, customerId: 42 })).details).toMatchObject({ fields: { customerId: 'Customer 42 does not exist.' } });
    expect((await t.call('user.get', { id: ada.id })).customerId).toBeNull();
  });

  it('role defaults to staff for staff and viewer for contacts; update moves a user between them', async () => {
    const acme = await t.call('customer.create', { name: 'Acme Fonts' });
    expect((await t.call('user.create', { name: 'Sam', email: 'sam@v.example' })).role).toBe('staff');
    const ada = await t.call('user.create', { name: 'Ada', email: 'ada@acme.example', customerId: acme.id });
    expect(ada.role).toBe('viewer');
    expect((await t.call('user.create', { name: 'Boss', email: 'boss@acme.example', customerId: acme.id, role: 'admin' })).role).toBe('admin');
    const moved = await t.call('user.update', { id: ada.id, customerId: null, isActive: false });
    expect(moved).toMatchObject({ customerId: null, isActive: false, name: 'Ada', role: 'viewer' });
  });

  it('list filters by customer and by kind, searches name and email, sorts', async () => {
    const acme = await t.call('customer.create', { name: 'Acme Fonts' });
    const imazen = await t.call('customer.create', { name: 'Imazen' });
    await t.call('user.create', { name: 'Sam Staff', email: 'sam@vendor.example', role: 'admin' });
    await t.call('user.create', { name: 'Ada', email: 'ada@acme.example', customerId: acme.id });
    await t.call('user.create', { name: 'Nathanael', email: 'nathanael@imazen.co', customerId: imazen.id });

    const names = async (input: Parameters<TempStore['call']>[1]) => (await t.call('user.list', input as never)).items.map((u) => u.name);
    expect(await names({ kind: 'staff' })).toEqual(['Sam Staff']);
    expect(await names({ kind: 'contact' })).toEqual(['Ada', 'Nathanael']);
    expect(await names({ customerId: imazen.id })).toEqual(['Nathanael']);
    expect(await names({ search: 'ACME' })).toEqual(['Ada']);
    expect(await names({ search: 'sam' })).toEqual(['Sam Staff']);
    expect(await names({ sort: 'email', dir: 'desc' })).toEqual(['Sam Staff', 'Nathanael', 'Ada']);
    expect(await names({ sort: 'role' })).toEqual(['Sam Staff', 'Ada', 'Nathanael']);
    const page = await t.call('user.list', { kind: 'contact', limit: 1 });
    expect(page).toMatchObject({ total: 2, items: [{ name: 'Ada', customerName: 'Acme Fonts', rightCount: 0 }] });
  });

  it('detail shows the rights held, the licenses supported and the notification subscriptions', async () => {
    const sam = await t.call('user.create', { name: 'Sam', email: 'sam@vendor.example' });
    const licenseId = insertLicense(t.store.sqlite, { skuId, ownerName: 'Kathrin Fretz' });
    insertApp(t.store.sqlite, APP_ID, 'Shop site');
    const rights = await t.call('right.list', {});
    const rightId = (name: string) => rights.find((r) => r.name === name)!.id;
    await t.call('right.grant', { userId: sam.id, rightId: rightId('Manage domains'), objectType: 'license', objectId: String(licenseId) });
    await t.call('right.grant', { userId: sam.id, rightId: rightId('View'), objectType: 'app', objectId: APP_ID });
    addSupportContact(t.store.sqlite, licenseId, sam.id);
    subscribe(t.store.sqlite, sam.id, APP_ID, 'Errors');
    subscribe(t.store.sqlite, sam.id, APP_ID, 'InsecureVersion');

    const detail = await t.call('user.get', { id: sam.id });
    expect(detail.rightCount).toBe(2);
    expect(detail.rights.map((r) => [r.rightName, r.objectType, r.objectLabel])).toEqual([
      ['View', 'app', 'App Shop site'],
      ['Manage domains', 'license', `License ${licenseId} · Kathrin Fretz · R3Bundle1Ent`],
    ]);
    expect(detail.supportContactFor).toEqual([{ licenseId, ownerName: 'Kathrin Fretz', sku: 'R3Bundle1Ent' }]);
    expect(detail.subscriptions.map((s) => [s.appName, s.kind, s.userName])).toEqual([
      ['Shop site', 'Errors', 'Sam'],
      ['Shop site', 'InsecureVersion', 'Sam'],
    ]);
  });

  it('delete removes grants and support-contact places, and tells each license why', async () => {
    const sam = await t.call('user.create', { name: 'Sam', email: 'sam@vendor.example' });
    const licenseId = insertLicense(t.store.sqlite, { skuId, ownerName: 'Kathrin Fretz' });
    const [view] = (await t.call('right.list', {})).filter((r) => r.name === 'View');
    await t.call('right.grant', { userId: sam.id, rightId: view.id, objectType: 'license', objectId: String(licenseId) });
    addSupportContact(t.store.sqlite, licenseId, sam.id);
    t.store.sqlite.prepare("INSERT INTO audit_log (actor, actor_user_id, target_type, target_id, action) VALUES ('Sam', ?, 'license', ?, 'license.view')").run(sam.id, String(licenseId));

    expect(await t.call('user.delete', { id: sam.id })).toEqual({ id: sam.id, deleted: true });
    expect(count('SELECT count(*) FROM user_object_rights')).toBe(0);
    expect(count('SELECT count(*) FROM license_support_contacts')).toBe(0);
    // History outlives people: the entry stays, with the actor's name.
    expect(count("SELECT count(*) FROM audit_log WHERE actor = 'Sam' AND actor_user_id IS NULL")).toBe(1);

    const timeline = auditRows(t.store.sqlite, 'license', licenseId).map((r) => [r.action, r.details.because ?? null]);
    expect(timeline).toEqual([
      ['right.grant', null],
      ['license.view', null],
      ['right.revoke', 'user.delete'],
      ['license.supportContactRemoved', 'user.delete'],
    ]);
    expect(auditRows(t.store.sqlite, 'user', sam.id).at(-1)).toMatchObject({
      action: 'user.delete',
      details: { name: 'Sam', email: 'sam@vendor.example', grantsRemoved: 1, supportContactPlacesRemoved: 1 },
    });
    expect((await t.fail('user.delete', { id: sam.id })).code).toBe('NOT_FOUND');
  });

  it('create and update are audited as user actions', async () => {
    const u = await t.call('user.create', { name: 'Sam', email: 'sam@vendor.example' });
    await t.call('user.update', { id: u.id, role: 'owner' });
    const rows = auditRows(t.store.sqlite, 'user', u.id);
    expect(rows.map((r) => r.action)).toEqual(['user.create', 'user.update']);
    expect(rows[1].details).toMatchObject({ before: { role: 'staff' }, after: { role: 'owner' } });
  });
});
