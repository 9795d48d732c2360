/**
 * The screens' queries over what the effects keep: subscription.list (filters, search,
 * sorts), subscription.get (items with their licenses, its invoices' transactions,
 * Stripe's object) and stripe.prices (how each price finds its SKU, and what waits on it).
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { stripePrices, subscriptionList } from '../../src-main/api/schemas';
import { listStripePrices } from '../../src-main/domain/sync/stripe/prices';
import { getSubscription, listSubscriptions } from '../../src-main/domain/sync/subscriptions';
import { addDays } from '../../src-main/shared/time';
import type { Json } from '../support/stripe/world';
import { DAY, effectsSetup, iso, one, type EffectsSetup } from './stripe-effects-support';

let s: EffectsSetup;
afterEach(() => s?.cleanup());

const list = (input: Record<string, unknown> = {}) => listSubscriptions(s.t.store, subscriptionList.parse(input));
const ids = (input: Record<string, unknown> = {}) => list(input).items.map((r) => r.providerSubscriptionId);
const prices = (input: Record<string, unknown> = {}) => listStripePrices(s.t.store, stripePrices.parse(input));

describe('subscriptions', () => {
  let ann: Json, bob: Json, cid: Json;
  let annSub: Json, bobSub: Json, cidSub: Json;
  let r1: number;

  beforeEach(async () => {
    s = await effectsSetup();
    r1 = await s.lic.sku({ subscriptionGraceDays: 3 });
    await s.lic.sku({ subscriptionGraceDays: 10 }); // R2
    const resizer = s.world.product({ name: 'Resizer', metadata: { keyhub_sku: 'R1' } });
    const cropper = s.world.product({ name: 'Cropper', metadata: { keyhub_sku: 'R2' } });
    const other = s.world.product({ name: 'Archive' });
    const resizerMonthly = s.world.price({ product: resizer, unitAmount: 900, recurring: { interval: 'month' } });
    const cropperYearly = s.world.price({ product: cropper, unitAmount: 9000, recurring: { interval: 'year' } });
    const archiveMonthly = s.world.price({ product: other, unitAmount: 500, recurring: { interval: 'month' } });
    ann = s.world.customer({ email: 'ann@example.com', name: 'Ann Lee' });
    bob = s.world.customer({ email: 'bob@example.com', name: 'Bob Roe' });
    cid = s.world.customer({ email: 'cid@example.com', name: 'Cid Moss' });
    annSub = s.world.subscription({ customer: ann, items: [{ price: resizerMonthly, quantity: 2 }] });
    s.world.advance(DAY);
    bobSub = s.world.subscription({ customer: bob, items: [{ price: cropperYearly, quantity: 1 }] });
    s.world.advance(DAY);
    cidSub = s.world.subscription({ customer: cid, items: [{ price: archiveMonthly, quantity: 1 }] });
    s.world.advance(DAY);
    s.world.cancelSubscription(bobSub.id);
    s.world.advance(30 * DAY);
    s.world.renewSubscription(annSub.id);
    s.world.failRenewal(cidSub.id);
    const { errors } = await s.syncWorld();
    expect(errors).toEqual([]);
  });

  test('newest first; a status, "ended", a customer and a SKU filter; totals', () => {
    expect(ids()).toEqual([cidSub.id, bobSub.id, annSub.id]);
    expect(list()).toMatchObject({ total: 3, totalIsLowerBound: false, limit: 50, offset: 0 });
    expect(ids({ status: 'ended' })).toEqual([bobSub.id]);
    expect(ids({ status: 'past_due' })).toEqual([cidSub.id]);
    expect(ids({ status: 'active' })).toEqual([annSub.id]);
    const bobCustomer = one(s.t, "SELECT customer_id AS id FROM provider_customers WHERE provider_customer_id = ?", bob.id)!.id as number;
    expect(ids({ customerId: bobCustomer })).toEqual([bobSub.id]);
    expect(ids({ skuId: r1 })).toEqual([annSub.id]);
    expect(list({ skuId: r1, status: 'ended' })).toMatchObject({ items: [], total: 0 });
    expect(ids({ limit: 1, offset: 1 })).toEqual([bobSub.id]);
  });

  test('sorts by customer, period end and status, either way', () => {
    expect(ids({ sort: 'customer' })).toEqual([annSub.id, bobSub.id, cidSub.id]);
    expect(ids({ sort: 'customer', dir: 'desc' })).toEqual([cidSub.id, bobSub.id, annSub.id]);
    expect(ids({ sort: 'status' })).toEqual([annSub.id, bobSub.id, cidSub.id]); // active, canceled, past_due
    const byEnd = list({ sort: 'currentPeriodEnd' }).items.map((r) => r.currentPeriodEnd);
    expect(byEnd).toEqual([...byEnd].sort());
  });

  test('search finds a subscription id (or its start), a Stripe customer id, a customer name or email', () => {
    expect(ids({ search: bobSub.id })).toEqual([bobSub.id]);
    expect(ids({ search: 'sub_' })).toHaveLength(3);
    expect(ids({ search: cid.id })).toEqual([cidSub.id]);
    expect(ids({ search: 'ann' })).toEqual([annSub.id]);
    expect(ids({ search: 'Moss' })).toEqual([cidSub.id]);
    expect(ids({ search: 'bob@example.com' })).toEqual([bobSub.id]);
    expect(ids({ search: 'ann', status: 'ended' })).toEqual([]);
    expect(ids({ search: 'nobody' })).toEqual([]);
  });

  test('a row says what a person needs: customer, period, items, licenses, and when renewal ended', () => {
    const [bobRow] = list({ status: 'ended' }).items;
    const bobNow = s.world.get(bobSub.id)!;
    expect(bobRow).toEqual({
      id: 2,
      provider: 'stripe',
      providerSubscriptionId: bobSub.id,
      status: 'canceled',
      customerId: expect.any(Number),
      customerName: 'Bob Roe',
      providerCustomerId: bob.id,
      currency: 'USD',
      currentPeriodStart: iso(bobNow.items.data[0].current_period_start),
      currentPeriodEnd: iso(bobNow.items.data[0].current_period_end),
      cancelAtPeriodEnd: false,
      canceledAt: iso(bobNow.canceled_at),
      endedAt: iso(bobNow.ended_at),
      renewalEndedAt: iso(bobNow.ended_at),
      startedAt: iso(bobNow.start_date),
      itemsSummary: 'R2',
      licenseCount: 1,
      updatedAt: expect.any(String),
    });
    expect(list({ status: 'past_due' }).items[0]).toMatchObject({ itemsSummary: cidSub.items.data[0].price.id, licenseCount: 0 });
  });

  test('the detail lists items with their licenses, its invoices as transactions (newest first) and the raw object', () => {
    const annRow = list({ status: 'active' }).items[0];
    const detail = getSubscription(s.t.store, annRow.id);
    const annNow = s.world.get(annSub.id)!;
    const si = annNow.items.data[0];
    const expires = addDays(iso(si.current_period_end), 3);
    expect(detail).toMatchObject({ graceDays: 3, cancelAt: null, trialStart: null, trialEnd: null, licenseCount: 2, itemsSummary: 'R1 ×2' });
    expect(detail.items).toEqual([
      {
        id: expect.any(Number),
        providerItemId: si.id,
        providerPriceId: si.price.id,
        providerProductId: si.price.product,
        productName: 'Resizer',
        skuId: r1,
        sku: 'R1',
        quantity: 2,
        currentPeriodStart: iso(si.current_period_start),
        currentPeriodEnd: iso(si.current_period_end),
        licenses: [1, 2].map((unit) => ({ id: expect.any(Number), sku: 'R1', ownerName: 'Ann Lee', state: 'active', expires, unit })),
      },
    ]);
    expect(detail.transactions.map((t) => [t.providerTxnId, t.txnType, t.status])).toEqual([
      [annNow.latest_invoice, 'subscription_cycle', 'confirmed'],
      [annSub.latest_invoice, 'subscription_create', 'confirmed'],
    ]);
    expect(JSON.parse(detail.raw)).toEqual(annNow);
    expect(() => getSubscription(s.t.store, 99)).toThrow(/Subscription 99/);
  });
});

describe('prices and their SKUs', () => {
  test('metadata, a mapping made on screen, none (with what waits on it), a SKU code that names nothing, and one two vendors share', async () => {
    s = await effectsSetup();
    await s.lic.sku({ licenseDuration: 365 }); // R1
    const otherVendor = (await s.t.call('vendor.create', { name: 'Other Co' })).id;
    await s.t.call('sku.create', { vendorId: otherVendor, sku: 'DUP' });
    await s.t.call('sku.create', { vendorId: s.lic.vendorId, sku: 'DUP' });
    const resizer = s.world.product({ name: 'Resizer', metadata: { keyhub_sku: 'R1' } });
    const viaProduct = s.world.price({ product: resizer, unitAmount: 4900 });
    const plain = s.world.product({ name: 'Cropper' });
    const unmatched = s.world.price({ product: plain, unitAmount: 1900, nickname: 'Cropper once' });
    const unknown = s.world.price({ product: plain, unitAmount: 2900, metadata: { keyhub_sku: 'NOPE' } });
    const shared = s.world.price({ product: plain, unitAmount: 3900, recurring: { interval: 'year' }, metadata: { keyhub_sku: 'DUP' } });
    s.world.checkoutSession({ email: 'ann@example.com', name: 'Ann Lee', lineItems: [{ price: unmatched, quantity: 2 }], paid: true });
    await s.syncWorld();

    const row = (id: string) => prices().items.find((p) => p.priceId === id)!;
    expect(row(viaProduct.id)).toEqual({
      priceId: viaProduct.id,
      productId: resizer.id,
      productName: 'Resizer',
      nickname: null,
      active: true,
      currency: 'USD',
      unitAmount: 4900,
      interval: 'one_time',
      intervalCount: 1,
      metadataSku: 'R1',
      match: 'metadata',
      mappingId: null,
      skuId: 1,
      sku: 'R1',
      skuName: null,
      waitingUnits: 0,
    });
    expect(row(unmatched.id)).toMatchObject({ match: 'none', nickname: 'Cropper once', skuId: null, waitingUnits: 2 });
    expect(row(unknown.id)).toMatchObject({ match: 'unknown_sku', metadataSku: 'NOPE', skuId: null });
    expect(row(shared.id)).toMatchObject({ match: 'ambiguous', metadataSku: 'DUP', interval: 'year', skuId: null });
    expect(prices({ match: 'unmatched' }).items.map((p) => p.priceId)).toEqual([unmatched.id, unknown.id, shared.id]);
    expect(prices({ search: 'nope' }).items.map((p) => p.priceId)).toEqual([unknown.id]);
    expect(prices({ limit: 1 })).toMatchObject({ total: 4, limit: 1, offset: 0 });

    const mapped = await s.t.call('fulfilment.map', { matchField: 'item_number', matchValue: unmatched.id, skuId: 1 });
    expect(mapped.issued).toBe(2);
    expect(row(unmatched.id)).toMatchObject({ match: 'mapping', mappingId: mapped.mapping.id, skuId: 1, sku: 'R1', waitingUnits: 0 });
  });
});
