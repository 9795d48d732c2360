/**
 * The browser host renews automatic domain licenses on its own timer while the keys are
 * unlocked, and leaves them alone while they are locked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KDF_COST } from '../support/temp-store';
import { startTestHost, type TestHost } from './support';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost({ vault: { kdfCost: TEST_KDF_COST }, renewalEveryMs: 100 });
});
afterAll(async () => {
  await t?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const renewals = async () => (await t.call('audit.list', { action: 'domain.renew' })).items;

describe('the automatic domain renewal timer', () => {
  it('renews due automatic domains only while the keys are unlocked, as auto-renewal', async () => {
    const vendor = await t.call('vendor.create', { name: 'Imazen' });
    await t.call('vault.setup', { passphrase: 'correct horse battery' });
    const key = await t.call('key.generate', { vendorId: vendor.id, displayName: 'Main' });
    // Automatic domains live 3 days, inside the 7-day renewal window: due at once.
    const sku = await t.call('sku.create', { vendorId: vendor.id, sku: 'R4', privateKeyId: key.id, autoDomainDuration: 3, licenseDuration: 365 });
    const license = await t.call('license.issue', { skuId: sku.id, owner: 'Photometer AG' });
    await t.call('domain.add', { licenseId: license.licenseId, domain: 'photometer.com', automatic: true });

    // The timer may already have renewed while the keys were open; once locked, nothing more.
    await t.call('vault.lock', {});
    await sleep(200); // a sweep that began before the lock finishes
    const whileLocked = (await renewals()).length;
    await sleep(400);
    expect((await renewals()).length).toBe(whileLocked);

    await t.call('vault.unlock', { passphrase: 'correct horse battery' });
    let entries = await renewals();
    for (let i = 0; i < 50 && entries.length === whileLocked; i++) {
      await sleep(100);
      entries = await renewals();
    }
    expect(entries.length).toBeGreaterThan(whileLocked);
    expect(entries[0]).toMatchObject({ actor: 'auto-renewal', targetType: 'license', targetId: String(license.licenseId) });
  });
});
