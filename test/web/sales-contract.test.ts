/**
 * Every sales method through the real browser host over HTTP: an IPN import sent in
 * the UI's batches, the transaction list and page (with the raw message's fields), a
 * partial refund decided, the waiting queue mapped and retried, a customer's purchases,
 * the settings; refusals carry their codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesMethods } from '../../src-main/api/methods/sales';
import { BROWSER_BATCH_LIMITS, splitIpnText } from '../../src-main/domain/sales/ipn/split';
import { DEFAULT_IPN_VALIDATE_URL, DEFAULT_STRIPE_SETTINGS } from '../../src-main/domain/settings/settings';
import { eventForm, SEED_SAMPLE, SEED_TXN, sampleForm } from '../domain/ipn-fixture';
import { TEST_KDF_COST } from '../support/temp-store';
import { startTestHost, type TestHost } from './support';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost({ vault: { kdfCost: TEST_KDF_COST } });
});
afterAll(async () => {
  await t?.stop();
});

describe('sales over HTTP', () => {
  let r3: number;
  let r4: number;

  it('imports the seed sample; the transaction list and page show it, its raw fields decoded', async () => {
    const vendor = await t.call('vendor.create', { name: 'Imazen' });
    await t.call('vault.setup', { passphrase: 'correct horse battery' });
    const key = await t.call('key.generate', { vendorId: vendor.id, displayName: 'Main' });
    r3 = (await t.call('sku.create', { vendorId: vendor.id, sku: 'R3Bundle1Ent', privateKeyId: key.id, licenseDuration: 365 })).id;
    r4 = (await t.call('sku.create', { vendorId: vendor.id, sku: 'R4Elite', privateKeyId: key.id })).id;

    const [batch] = splitIpnText(SEED_SAMPLE, BROWSER_BATCH_LIMITS);
    expect(await t.call('transaction.importIpn', { messages: batch.messages })).toMatchObject({ messages: 1, recorded: 1, issued: 1, rejected: [] });

    const page = await t.call('transaction.list', { search: SEED_TXN });
    expect(page.items).toEqual([expect.objectContaining({ providerTxnId: SEED_TXN, status: 'confirmed', gross: 24900, currency: 'USD', licenseCount: 1 })]);
    const detail = await t.call('transaction.get', { id: page.items[0].id });
    expect(detail.rawFields.slice(0, 2)).toEqual([
      { key: 'payment_date', value: '02:51:26 Jul 18, 2012 MST' },
      { key: 'payer_email', value: 'angelagube@photometer.com' },
    ]);
    expect(detail.items[0].licenses).toHaveLength(1);
    expect((await t.call('customer.purchases', { customerId: detail.customerId! })).items.map((p) => p.transaction.providerTxnId)).toEqual([SEED_TXN]);
    expect((await t.fail('transaction.get', { id: 999_999 })).status).toBe(404);
  });

  it("a large paste goes in the UI's batches, each under the host's 1 MiB limit; one batch too large is 413", async () => {
    const text = Array.from({ length: 1200 }, (_, i) => sampleForm({ txn_id: `WEB-${i}`, payment_status: 'Pending', pending_reason: 'echeck' })).join('\n');
    const batches = splitIpnText(text, BROWSER_BATCH_LIMITS);
    expect(batches.length).toBeGreaterThan(1);
    let recorded = 0;
    for (const b of batches) recorded += (await t.call('transaction.importIpn', { messages: b.messages })).recorded;
    expect(recorded).toBe(1200);
    const [whole] = splitIpnText(text, { maxMessages: 5000, maxBytes: 64 * 1024 * 1024 });
    expect((await t.fail('transaction.importIpn', { messages: whole.messages })).status).toBe(413);
    expect((await t.fail('transaction.importIpn', { messages: [] })).error.message).toBe('There is nothing to import.');
  });

  it('a partial refund of a two-unit purchase waits for a decision; deciding revokes the chosen license', async () => {
    const two = sampleForm({ txn_id: 'WEB-TWO', quantity1: '2', mc_gross: '498.00', mc_gross_1: '498.00' });
    expect((await t.call('transaction.importIpn', { messages: [{ line: 1, text: two }] })).issued).toBe(2);
    const refund = eventForm('Refunded', 'WEB-REFUND', { parent_txn_id: 'WEB-TWO', mc_gross: '-249.00' });
    expect((await t.call('transaction.importIpn', { messages: [{ line: 1, text: refund }] })).revoked).toBe(0);
    const [row] = (await t.call('transaction.list', { search: 'WEB-TWO' })).items;
    expect(row.pendingDecision).toMatch(/^Partial refund/);
    const licenseIds = (await t.call('transaction.get', { id: row.id })).items[0].licenses.map((l) => l.id);
    const decided = await t.call('transaction.decide', { id: row.id, revokeLicenseIds: [licenseIds[1]], note: 'One seat refunded.' });
    expect(decided.pendingDecision).toBeNull();
    // Paid in 2012 (the sample's date) for 365 days: the kept one has expired since.
    expect(decided.items[0].licenses.map((l) => l.state)).toEqual(['expired', 'revoked']);
    expect((await t.fail('transaction.decide', { id: row.id, revokeLicenseIds: [], note: 'again' })).status).toBe(409);
  });

  it('an unmapped item waits; mapping it issues; the mapping is listed, retried and removed', async () => {
    const unmapped = sampleForm({ txn_id: 'WEB-UNMAPPED', item_number1: 'RES-4-ELITE', item_name1: 'Resizer+4+Elite', sku: undefined, item_number: undefined });
    expect(await t.call('transaction.importIpn', { messages: [{ line: 1, text: unmapped }] })).toMatchObject({ issued: 0, waiting: 1 });
    const waiting = await t.call('fulfilment.waiting', {});
    expect(waiting.items).toEqual([expect.objectContaining({ reason: 'unmapped', itemNumber: 'RES-4-ELITE', units: 1 })]);
    const mapped = await t.call('fulfilment.map', { matchField: 'item_number', matchValue: 'RES-4-ELITE', skuId: r4 });
    expect(mapped).toMatchObject({ issued: 1, stillWaiting: 0, mapping: { sku: 'R4Elite' } });
    expect((await t.call('fulfilment.mappings', {})).map((m) => m.matchValue)).toEqual(['res-4-elite']);
    expect(await t.call('fulfilment.retry', {})).toMatchObject({ issued: 0 });
    expect((await t.fail('fulfilment.map', { matchField: 'item_number', matchValue: '', skuId: r4 })).status).toBe(400);
    expect(await t.call('fulfilment.unmap', { id: mapped.mapping.id })).toEqual({ id: mapped.mapping.id, deleted: true });
    expect(r3).toBeGreaterThan(0);
  });

  it('settings: read, changed, and a bad URL refused with 400 naming the field', async () => {
    expect(await t.call('settings.get', {})).toEqual({ ipn: { validate: false, validateUrl: DEFAULT_IPN_VALIDATE_URL }, stripe: DEFAULT_STRIPE_SETTINGS });
    expect(await t.call('settings.update', { ipn: { validateUrl: 'https://ipnpb.sandbox.paypal.com/cgi-bin/webscr' } })).toEqual({
      ipn: { validate: false, validateUrl: 'https://ipnpb.sandbox.paypal.com/cgi-bin/webscr' },
      stripe: DEFAULT_STRIPE_SETTINGS,
    });
    const bad = await t.fail('settings.update', { ipn: { validateUrl: 'javascript:alert(1)' } });
    expect(bad).toMatchObject({ status: 400, error: { code: 'VALIDATION', details: { fields: { 'ipn.validateUrl': expect.any(String) } } } });
  });

  it('called every sales method of the contract', () => {
    expect(Object.keys(salesMethods).filter((m) => !t.called.has(m))).toEqual([]);
  });
});
