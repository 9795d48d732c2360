/**
 * customer.purchases: a customer's transactions, newest payment first, paged, each with
 * the licenses it issued (and their state), and nobody else's.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../support/temp-store';
import { addCustomer, licensing, one } from './license-lifecycle-fixture';
import { record, refundOf, SEED_PAID, SEED_SKU, SEED_TXN, seedItem, seedPurchase } from './sample-purchases';

let t: TempStore;

beforeEach(async () => {
  t = tempStore();
  const fix = await licensing(t);
  await fix.sku({ sku: SEED_SKU, licenseDuration: null });
});

afterEach(() => t.cleanup());

const customerOf = (txn: string) => one(t, 'SELECT customer_id AS id FROM transactions WHERE provider_txn_id = ?', txn).id as number;

describe('customer.purchases', () => {
  it('lists the customer’s purchases newest payment first, each with the licenses it issued', async () => {
    await record(
      t,
      seedPurchase(),
      // Two units: two licenses, one per unit.
      seedPurchase({ txn: 'TWO-UNITS', paymentDate: '2013-01-05T12:00:00.000Z', gross: 49800, items: [seedItem({ providerItemId: 'TWO-UNITS#1', quantity: 2, gross: 49800 })] }),
      // Not paid yet: recorded, nothing issued.
      seedPurchase({ txn: 'PENDING', status: 'waiting', providerStatus: 'Pending', paymentDate: '2013-06-01T08:00:00.000Z' }),
      // Someone else's purchase, between the two dates.
      seedPurchase({
        txn: 'SOMEONE-ELSE',
        paymentDate: '2013-03-01T00:00:00.000Z',
        payer: { email: 'buyer@example.com', firstName: 'Other', lastName: 'Buyer', businessName: 'Other GmbH', payerId: 'OTHERPAYER1', country: 'DE' },
      }),
      refundOf(SEED_TXN, 24900),
    );
    const kathrin = customerOf(SEED_TXN);
    expect(customerOf('TWO-UNITS')).toBe(kathrin);
    expect(customerOf('SOMEONE-ELSE')).not.toBe(kathrin);

    const page = await t.call('customer.purchases', { customerId: kathrin });
    expect(page.total).toBe(3);
    expect(page.offset).toBe(0);
    expect(page.items.map((p) => p.transaction.providerTxnId)).toEqual(['PENDING', 'TWO-UNITS', SEED_TXN]);
    expect(page.items.map((p) => p.transaction.status)).toEqual(['waiting', 'confirmed', 'refunded']);
    expect(page.items.every((p) => p.transaction.customerId === kathrin)).toBe(true);

    const [pending, twoUnits, seed] = page.items;
    expect(pending.licenses).toEqual([]);
    expect(twoUnits.licenses.map((l) => [l.sku, l.unit, l.state, l.ownerName])).toEqual([
      [SEED_SKU, 1, 'active', 'Kathrin Fretz'],
      [SEED_SKU, 2, 'active', 'Kathrin Fretz'],
    ]);
    expect(twoUnits.transaction.licenseCount).toBe(2);
    // The refund revoked the seed purchase's license: it is listed with its state.
    expect(seed.licenses.map((l) => [l.sku, l.state])).toEqual([[SEED_SKU, 'revoked']]);
    expect(seed.transaction.paymentDate).toBe(SEED_PAID);
    expect(seed.transaction.refunded).toBe(24900);

    const other = await t.call('customer.purchases', { customerId: customerOf('SOMEONE-ELSE') });
    expect(other.items.map((p) => p.transaction.providerTxnId)).toEqual(['SOMEONE-ELSE']);
    expect(other.items[0].licenses).toHaveLength(1);
  });

  it('pages through the purchases, the total counting them all', async () => {
    const dates = ['2012-01-10', '2012-03-10', '2012-02-10', '2012-05-10', '2012-04-10'];
    await record(t, ...dates.map((day, i) => seedPurchase({ txn: `TXN-${i}`, paymentDate: `${day}T10:00:00.000Z`, status: 'waiting', providerStatus: 'Pending' })));
    const customerId = customerOf('TXN-0');
    const first = await t.call('customer.purchases', { customerId, limit: 2 });
    const second = await t.call('customer.purchases', { customerId, limit: 2, offset: 2 });
    const last = await t.call('customer.purchases', { customerId, limit: 2, offset: 4 });
    expect([first.total, second.total, last.total]).toEqual([5, 5, 5]);
    expect([...first.items, ...second.items, ...last.items].map((p) => p.transaction.paymentDate.slice(0, 10))).toEqual([
      '2012-05-10',
      '2012-04-10',
      '2012-03-10',
      '2012-02-10',
      '2012-01-10',
    ]);
    expect(second).toMatchObject({ limit: 2, offset: 2 });
  });

  it('answers an empty page for a customer without purchases, and NOT_FOUND for one that does not exist', async () => {
    const none = addCustomer(t, 'Walk-in Ltd');
    expect(await t.call('customer.purchases', { customerId: none })).toEqual({ items: [], total: 0, limit: 20, offset: 0 });
    const missing = await t.fail('customer.purchases', { customerId: 999_999 });
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toBe('Customer 999999 does not exist.');
  });
});
