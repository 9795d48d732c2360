/**
 * The license lifecycle and domain-license methods through the real browser host over
 * HTTP: each answers its envelope with the status its code maps to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { licenseMethods } from '../../src-main/api/methods/licenses';
import { verifyLicense } from '../../src-main/license/verifier';
import { TEST_KDF_COST } from '../support/temp-store';
import { startTestHost, type TestHost } from './support';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost({ vault: { kdfCost: TEST_KDF_COST } });
});
afterAll(async () => {
  await t?.stop();
});

const PASS = 'correct horse battery';

describe('licenses and domains over HTTP', () => {
  it('walks issue, get, domains, renew, transfer, owner, contacts, suspend, resume, revoke and the timeline', async () => {
    const vendor = await t.call('vendor.create', { name: 'Imazen' });
    await t.call('vault.setup', { passphrase: PASS });
    const key = await t.call('key.generate', { vendorId: vendor.id, displayName: 'Main' });
    const sku = await t.call('sku.create', {
      vendorId: vendor.id,
      sku: 'R4',
      privateKeyId: key.id,
      licenseDuration: 365,
      autoDomainDuration: 30,
      maxDomains: 2,
      maxSupportContacts: 1,
      canDeleteAutoDomains: true,
    });
    const retired = await t.call('sku.create', { vendorId: vendor.id, sku: 'R3', privateKeyId: key.id, releaseDate: '2020-01-01', expirationDate: '2021-01-01' });
    const owner = await t.call('customer.create', { name: 'Photometer AG' });
    const newOwner = await t.call('customer.create', { name: 'Bluewater Outfitters' });
    const contact = await t.call('user.create', { name: 'Lena Brunner', email: 'lena@photometer.example', customerId: owner.id });

    const first = await t.call('license.issue', { skuId: sku.id, owningEntityId: owner.id, supportContactIds: [contact.id], domains: ['example.com'] });
    const app = await t.call('app.create', { displayName: 'Image service', licenseIds: [first.licenseId] });
    const second = await t.call('license.issue', { skuId: sku.id, owner: 'Kathrin Fretz', appIds: [app.id] });
    expect(await t.fail('license.issue', { skuId: retired.id, owner: 'A' })).toMatchObject({ status: 400, error: { code: 'VALIDATION' } });
    expect((await t.call('license.issue', { skuId: retired.id, owner: 'A', override: { reason: 'Replacement' } })).licenseId).toBeGreaterThan(0);

    const detail = await t.call('license.get', { id: first.licenseId });
    expect(detail).toMatchObject({ ownerName: 'Photometer AG', state: 'active', supportContacts: [{ userId: contact.id }], apps: [{ id: app.id }], domains: [{ domainName: 'example.com' }] });
    expect((await t.call('license.get', { id: second.licenseId })).apps).toEqual([{ id: app.id, displayName: 'Image service' }]);
    expect((await t.fail('license.get', { id: 9999 })).status).toBe(404);

    const auto = await t.call('domain.add', { licenseId: first.licenseId, domain: 'shop.example.com', automatic: true });
    expect(auto).toMatchObject({ isAutomatic: true, state: 'live' });
    expect(await t.fail('domain.add', { licenseId: first.licenseId, domain: 'example.com' })).toMatchObject({ status: 409, error: { code: 'CONFLICT' } });
    expect(await t.fail('domain.add', { licenseId: first.licenseId, domain: 'third.example.com' })).toMatchObject({ status: 400, error: { message: expect.stringMatching(/allows 2 domains/) } });
    expect(await t.call('domain.delete', { id: auto.id })).toEqual({ id: auto.id, deleted: true });
    expect(await t.fail('domain.delete', { id: detail.domains[0].id })).toMatchObject({ status: 400, error: { details: { fields: { override: expect.any(String) } } } });
    expect(await t.call('domain.renewDue', { withinDays: 7 })).toEqual({ renewed: 0, stopped: 0, failed: [] });

    const renewed = await t.call('license.renew', { id: first.licenseId, days: 30 });
    expect(Date.parse(renewed.expires!) - Date.parse(detail.expires!)).toBe(30 * 86_400_000);
    const moved = await t.call('license.transfer', { id: first.licenseId, owningEntityId: newOwner.id, reason: 'Company sold' });
    expect(moved.ownerName).toBe('Bluewater Outfitters');
    const file = await t.call('license.file', { licenseId: first.licenseId });
    expect(verifyLicense(file.file, { publicKeys: [key.publicKey] }).claims).toMatchObject({ owner: 'Bluewater Outfitters', expires: renewed.expires });
    expect((await t.call('license.updateOwner', { id: first.licenseId, purchasingEntityId: owner.id })).purchasingEntityName).toBe('Photometer AG');
    expect((await t.call('license.setSupportContacts', { id: first.licenseId, userIds: [] })).supportContacts).toEqual([]);

    expect((await t.call('license.suspend', { id: second.licenseId, reason: 'Payment overdue' })).state).toBe('suspended');
    expect((await t.call('license.resume', { id: second.licenseId })).state).toBe('active');
    expect((await t.call('license.revoke', { id: second.licenseId, reason: 'chargeback' })).state).toBe('revoked');
    expect(await t.fail('license.revoke', { id: second.licenseId, reason: 'again' })).toMatchObject({ status: 409, error: { message: `License ${second.licenseId} is already revoked: chargeback.` } });
    expect(await t.fail('license.resume', { id: second.licenseId })).toMatchObject({ status: 400, error: { details: { fields: { reason: expect.any(String) } } } });

    const timeline = await t.call('license.timeline', { id: first.licenseId });
    expect(timeline.map((e) => e.action)).toEqual([
      'license.issue',
      'app.linkLicense',
      'domain.add',
      'domain.delete',
      'license.renew',
      'license.transfer',
      'license.updateOwner',
      'license.supportContacts',
    ]);
    expect(timeline.every((e) => e.actor === 'browser' && e.summary.endsWith('.'))).toBe(true);

    // Signing needs the keys: 423 while locked, and nothing changes.
    await t.call('vault.lock', {});
    expect(await t.fail('license.renew', { id: first.licenseId, days: 1 })).toMatchObject({ status: 423, error: { code: 'LOCKED' } });
    expect((await t.call('license.get', { id: first.licenseId })).expires).toBe(renewed.expires);
  });

  it('called every license and domain method this area builds', () => {
    const built = Object.keys(licenseMethods).filter((m) => m !== 'license.list' && m !== 'domain.list');
    expect(built.filter((m) => !t.called.has(m))).toEqual([]);
  });
});
