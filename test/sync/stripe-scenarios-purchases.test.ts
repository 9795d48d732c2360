/**
 * Purchases end to end: a fake Stripe account on 127.0.0.1, the official SDK, the sync
 * engine (backfill, then events) and the effects. A paid Checkout Session issues one
 * license per unit once however often the sync runs; a full refund revokes, a partial
 * one asks; a lost dispute revokes and a won one does not; a price mapped later by
 * metadata fulfils what waited on it. Each asserts the store's transactions and licenses.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { addDays } from '../../src-main/shared/time';
import { licensing } from '../domain/license-lifecycle-fixture';
import { StripeWorld } from '../support/stripe/world';
import { tempStore } from '../support/temp-store';
import { iso, items, licenses, licensesByItem, transactions } from './stripe-effects-support';
import { syncSetup, type SyncSetup } from './stripe-sync-support';

let s: SyncSetup;
afterEach(async () => s?.cleanup());

/** A store with a vendor, key and SKU R1 (a year's license), and an account selling Resizer (keyhub_sku R1). */
async function shop() {
  const t = tempStore();
  await licensing(t).then((lic) => lic.sku({ licenseDuration: 365 }));
  s = await syncSetup(new StripeWorld(), t);
  const product = s.world.product({ name: 'Resizer', metadata: { keyhub_sku: 'R1' } });
  const price = s.world.price({ product, unitAmount: 4900 });
  const ann = s.world.customer({ email: 'ann@example.com', name: 'Ann Lee' });
  return { product, price, ann };
}

const statuses = () => licensesByItem(s.t).map((l) => l.status);

describe('Stripe purchases through the sync', () => {
  test('a paid session issues one license per unit, once, however often and however the sync runs', async () => {
    const { price, ann } = await shop();
    const session = s.world.checkoutSession({ customer: ann, lineItems: [{ price, quantity: 3 }], paid: true });
    const first = await s.sync();
    expect(first).toMatchObject({ status: 'succeeded', mode: 'backfill', fulfilled: 3, revoked: 0, errors: 0 });
    s.world.advance(600);
    const again = await s.sync();
    expect(again).toMatchObject({ status: 'succeeded', mode: 'incremental', fulfilled: 0, created: 0, updated: 0 });
    const full = await s.sync({ full: true });
    expect(full).toMatchObject({ status: 'succeeded', mode: 'relist', fulfilled: 0, created: 0, updated: 0, errors: 0 });

    const paid = iso(session.created);
    expect(transactions(s.t).map(({ txn, type, status, gross, currency, paid: date, email }) => ({ txn, type, status, gross, currency, date, email }))).toEqual([
      { txn: session.id, type: 'checkout', status: 'confirmed', gross: 14700, currency: 'USD', date: paid, email: 'ann@example.com' },
    ]);
    const line = session.line_items.data[0].id;
    const expires = addDays(paid, 365);
    expect(licenses(s.t)).toEqual(
      [1, 2, 3].map((unit) => ({ id: unit, sku: 'R1', item: line, unit, owner: 'Ann Lee', issued: paid, expires, status: 'active', fileExpires: expires, fileOwner: 'Ann Lee' })),
    );
  });

  test('a full refund revokes every license; a partial one keeps them and asks staff', async () => {
    const { price, ann } = await shop();
    const whole = s.world.checkoutSession({ customer: ann, lineItems: [{ price, quantity: 2 }], paid: true });
    const part = s.world.checkoutSession({ customer: ann, lineItems: [{ price, quantity: 2 }], paid: true });
    await s.sync();
    s.world.advance(600);
    s.world.refund({ paymentIntent: whole.payment_intent });
    s.world.refund({ paymentIntent: part.payment_intent, amount: 4900 });
    const run = await s.sync();
    expect(run).toMatchObject({ status: 'succeeded', mode: 'incremental', revoked: 2, errors: 0 });
    expect(transactions(s.t).map((t) => [t.txn, t.status, t.refunded, t.decision])).toEqual([
      [whole.id, 'refunded', 9800, null],
      [part.id, 'partially_refunded', 4900, 'Partial refund of 49.00 USD of 98.00 USD: decide which of the 2 licenses to revoke, or keep them all.'],
    ]);
    const [wholeLine, partLine] = [whole, part].map((session) => session.line_items.data[0].id);
    expect(licensesByItem(s.t).map((l) => [l.item, l.unit, l.status])).toEqual([
      [wholeLine, 1, 'revoked'],
      [wholeLine, 2, 'revoked'],
      [partLine, 1, 'active'],
      [partLine, 2, 'active'],
    ]);
    // Syncing again applies nothing twice.
    s.world.advance(600);
    expect(await s.sync({ full: true })).toMatchObject({ revoked: 0, fulfilled: 0, errors: 0 });
    expect(transactions(s.t).map((t) => t.refunded)).toEqual([9800, 4900]);
  });

  test('a refund made before the first sync is applied in that sync (refunds are read after sessions, and wait for them either way)', async () => {
    const { price, ann } = await shop();
    const session = s.world.checkoutSession({ customer: ann, lineItems: [{ price, quantity: 1 }], paid: true });
    s.world.advance(60);
    s.world.refund({ paymentIntent: session.payment_intent });
    const run = await s.sync();
    expect(run).toMatchObject({ fulfilled: 1, revoked: 1, errors: 0 });
    expect(transactions(s.t).map((t) => t.status)).toEqual(['refunded']);
    expect(statuses()).toEqual(['revoked']);
  });

  test('a lost dispute revokes (the payment is reversed); a won one revokes nothing', async () => {
    const { price, ann } = await shop();
    const kept = s.world.checkoutSession({ customer: ann, lineItems: [{ price, quantity: 1 }], paid: true });
    const lost = s.world.checkoutSession({ customer: ann, lineItems: [{ price, quantity: 1 }], paid: true });
    const won = s.world.dispute({ paymentIntent: kept.payment_intent });
    const losing = s.world.dispute({ paymentIntent: lost.payment_intent });
    await s.sync();
    expect(statuses()).toEqual(['active', 'active']);
    s.world.advance(600);
    s.world.setDisputeStatus(won.id, 'won');
    s.world.setDisputeStatus(losing.id, 'lost');
    const run = await s.sync();
    expect(run).toMatchObject({ mode: 'incremental', revoked: 1, errors: 0 });
    expect(transactions(s.t).map((t) => [t.txn, t.status])).toEqual([
      [kept.id, 'confirmed'],
      [lost.id, 'reversed'],
    ]);
    expect(statuses()).toEqual(['active', 'revoked']);
  });

  test('a price that names no SKU waits; keyhub_sku added to it later fulfils what waited, in the next sync', async () => {
    const { ann } = await shop();
    const cropper = s.world.product({ name: 'Cropper' });
    const price = s.world.price({ product: cropper, unitAmount: 1900 });
    const session = s.world.checkoutSession({ customer: ann, lineItems: [{ price, quantity: 2 }], paid: true });
    expect(await s.sync()).toMatchObject({ fulfilled: 0, errors: 0 });
    expect(items(s.t).map((i) => [i.number, i.sku, i.waiting])).toEqual([[price.id, null, 2]]);
    s.world.advance(600);
    s.world.update(price.id, { metadata: { keyhub_sku: 'R1' } });
    const run = await s.sync();
    expect(run).toMatchObject({ mode: 'incremental', fulfilled: 2, errors: 0 });
    expect(items(s.t).map((i) => [i.number, i.skuCode, i.sku, i.waiting])).toEqual([[price.id, 'R1', 'R1', 0]]);
    const paid = iso(session.created);
    expect(licenses(s.t).map((l) => [l.sku, l.unit, l.issued, l.expires, l.fileExpires])).toEqual([
      ['R1', 1, paid, addDays(paid, 365), addDays(paid, 365)],
      ['R1', 2, paid, addDays(paid, 365), addDays(paid, 365)],
    ]);
  });
});
