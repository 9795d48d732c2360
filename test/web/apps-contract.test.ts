/** Every app method through the real browser host over HTTP: answers, refusals and their status codes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appMethods } from '../../src-main/api/methods/apps';
import { TEST_KDF_COST } from '../support/temp-store';
import { startTestHost, type TestHost } from './support';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost({ vault: { kdfCost: TEST_KDF_COST } });
});
afterAll(async () => {
  await t?.stop();
});

describe('apps over HTTP', () => {
  it('walks apps, links, keys, a report, issues, stats and subscriptions; refusals carry their codes', async () => {
    const vendor = await t.call('vendor.create', { name: 'Imazen' });
    await t.call('vault.setup', { passphrase: 'correct horse battery' });
    const key = await t.call('key.generate', { vendorId: vendor.id, displayName: 'Main' });
    const sku = await t.call('sku.create', { vendorId: vendor.id, sku: 'R3', privateKeyId: key.id });
    const first = (await t.call('license.issue', { skuId: sku.id, owner: 'Kathrin Fretz' })).licenseId;
    const second = (await t.call('license.issue', { skuId: sku.id, owner: 'Photometer AG' })).licenseId;

    const app = await t.call('app.create', { displayName: 'Shop site', licenseIds: [first] });
    expect(app).toMatchObject({ displayName: 'Shop site', licenseCount: 1, licenses: [{ id: first, state: 'active' }] });
    expect((await t.fail('app.create', { displayName: 'Shop', licenseIds: [] })).status).toBe(400);
    expect((await t.call('app.update', { id: app.id, displayName: 'Shop' })).displayName).toBe('Shop');
    expect((await t.call('app.list', { search: 'sho' })).items.map((a) => a.id)).toEqual([app.id]);

    const orphan = await t.fail('app.unlinkLicense', { appId: app.id, licenseId: first });
    expect(orphan).toMatchObject({ status: 409, error: { code: 'IN_USE', message: expect.stringMatching(/would be orphaned/) } });
    expect((await t.call('app.linkLicense', { appId: app.id, licenseId: second })).licenseCount).toBe(2);
    expect((await t.fail('app.linkLicense', { appId: app.id, licenseId: second })).status).toBe(409);
    expect((await t.call('app.unlinkLicense', { appId: app.id, licenseId: first })).licenses.map((l) => l.id)).toEqual([second]);

    const appKey = await t.call('app.createKey', { appId: app.id });
    expect((await t.call('app.get', { id: app.id })).keys.map((k) => k.id)).toEqual([appKey.id]);
    expect(await t.call('app.deleteKey', { id: appKey.id })).toEqual({ id: appKey.id, deleted: true });
    expect((await t.fail('app.deleteKey', { id: appKey.id })).status).toBe(404);

    const report = await t.call('app.report', {
      appId: app.id,
      content: [
        JSON.stringify({ type: 'issue', severity: 'Error', message: 'License check failed', time: '2026-11-20T10:00:00Z' }),
        JSON.stringify({ type: 'stat', kind: 'Requests', value: 40, time: '2026-11-20T10:00:00Z' }),
        '{oops',
      ].join('\n'),
    });
    expect(report).toMatchObject({ issues: 1, stats: 1, rejectedCount: 1, rejected: [{ line: 3 }] });
    expect((await t.call('app.issues', { appId: app.id, severity: 'error' })).items.map((i) => i.message)).toEqual(['License check failed']);
    expect(await t.call('app.stats', { appId: app.id, bucket: 'month' })).toEqual([{ kind: 1, label: 'Requests', points: [{ t: '2026-11-01T00:00:00.000Z', value: 40 }] }]);

    const kinds = await t.call('app.notificationKinds', {});
    const user = await t.call('user.create', { name: 'Ann Staff', email: 'ann@example.com' });
    const sub = await t.call('app.subscribe', { userId: user.id, appId: app.id, kindId: kinds[0].id });
    expect(sub).toMatchObject({ userName: 'Ann Staff', appName: 'Shop', kind: kinds[0].kind });
    expect((await t.fail('app.subscribe', { userId: user.id, appId: app.id, kindId: kinds[0].id })).status).toBe(409);
    expect(await t.call('app.unsubscribe', { id: sub.id })).toEqual({ id: sub.id, deleted: true });

    expect(await t.call('app.delete', { id: app.id })).toEqual({ id: app.id, deleted: true });
    expect((await t.fail('app.get', { id: app.id })).status).toBe(404);
    expect((await t.fail('app.get', { id: 'not-a-guid' })).status).toBe(400);
  });

  it('called every app method of the contract', () => {
    expect(Object.keys(appMethods).filter((m) => !t.called.has(m))).toEqual([]);
  });
});
