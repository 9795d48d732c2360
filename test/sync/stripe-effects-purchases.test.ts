/**
 * Effects of Checkout Sessions, invoices, refunds and disputes: what becomes a purchase,
 * when licenses are issued (once, one per unit), which SKU an item is, and how money
 * going back reaches licenses whatever order Stripe's objects arrive in.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { addDays } from '../../src-main/shared/time';
import { DAY, effectsSetup, iso, items, licenses, one, rows, transactions, type EffectsSetup } from './stripe-effects-support';
import type { Json } from '../support/stripe/world';

let s: EffectsSetup;
afterEach(() => s?.cleanup());

/** A vendor selling Resizer (SKU R1, a year's license) for 49.00 a unit. */
async function shop() {
  s = await effectsSetup();
  await s.lic.sku({ licenseDuration: 365 });
  const product = s.world.product({ name: 'Resizer', metadata: { keyhub_sku: 'R1' } });
  const price = s.world.price({ product, unitAmount: 4900 });
  const ann = s.world.customer({ email: 'ann@example.com', name: 'Ann Lee', country: 'CH' });
  // The catalog first, as a sync reads it (a session's item is named by its stored product).
  await s.apply([product, price, ann]);
  return { product, price, ann };
}

const clone = (json: Json, patch: Json): Json => ({ ...structuredClone(json), ...patch });

describe('Checkout Sessions', () => {
  test('a paid session is one transaction whose units each get one license, once however often it is applied', async () => {
    const { price, ann } = await shop();
    const session = s.world.checkoutSession({ customer: ann, lineItems: [{ price, quantity: 2 }], paid: true });
    const first = await s.syncWorld();
    expect(first.errors).toEqual([]);
    expect(first.tally).toMatchObject({ fulfilled: 2, waiting: 0 });
    expect(first.keys).toEqual(new Set([s.lic.key.id]));

    const paid = iso(session.created);
    expect(transactions(s.t)).toEqual([
      {
        provider: 'stripe',
        txn: session.id,
        type: 'checkout',
        status: 'confirmed',
        email: 'ann@example.com',
        first: 'Ann',
        last: 'Lee',
        business: null,
        payerId: ann.id,
        country: 'CH',
        currency: 'USD',
        gross: 9800,
        refunded: 0,
        tax: 0,
        paid,
        decision: null,
        customerId: 1,
      },
    ]);
    const [line] = session.line_items.data;
    expect(items(s.t)).toEqual([{ txn: session.id, item: line.id, number: price.id, name: 'Resizer', skuCode: 'R1', sku: 'R1', quantity: 2, gross: 9800, waiting: 0 }]);
    const expires = addDays(paid, 365);
    expect(licenses(s.t)).toEqual([1, 2].map((unit) => ({ id: unit, sku: 'R1', item: line.id, unit, owner: 'Ann Lee', issued: paid, expires, status: 'active', fileExpires: expires, fileOwner: 'Ann Lee' })));
    expect(rows(s.t, 'SELECT c.name, c.email, c.country, pc.provider_customer_id AS cus FROM customers c JOIN provider_customers pc ON pc.customer_id = c.id')).toEqual([
      { name: 'Ann Lee', email: 'ann@example.com', country: 'CH', cus: ann.id },
    ]);

    // The same session read again, changed (metadata), and the whole account again: nothing new.
    s.world.update(session.id, { metadata: { order: '1001' } });
    const again = await s.syncWorld();
    expect(again).toEqual({ tally: { fulfilled: 0, revoked: 0, restored: 0, renewed: 0, waiting: 0 }, keys: new Set(), errors: [] });
    expect(licenses(s.t)).toHaveLength(2);
    expect(one(s.t, 'SELECT count(*) AS n FROM transactions')).toEqual({ n: 1 });
  });

  test('open, expired and subscription-mode sessions are no purchase (the subscription bills through its invoice)', async () => {
    const { product, price, ann } = await shop();
    s.world.checkoutSession({ customer: ann, lineItems: [{ price, quantity: 1 }] });
    const expired = s.world.checkoutSession({ email: 'bo@example.com', name: 'Bo', lineItems: [{ price, quantity: 1 }] });
    s.world.expireCheckoutSession(expired.id);
    const monthly = s.world.price({ product, unitAmount: 900, recurring: { interval: 'month' } });
    const subscribing = s.world.checkoutSession({ customer: ann, lineItems: [{ price: monthly, quantity: 1 }], paid: true });
    const { errors } = await s.syncWorld();
    expect(errors).toEqual([]);
    const invoice = s.world.get(subscribing.invoice)!;
    expect(transactions(s.t).map((t) => [t.txn, t.type, t.status])).toEqual([[invoice.id, 'subscription_create', 'confirmed']]);
  });

  test('complete but unpaid waits with nothing issued; paid later, it issues', async () => {
    const { price, ann } = await shop();
    const session = s.world.checkoutSession({ customer: ann, lineItems: [{ price, quantity: 1 }], paid: true });
    const pending = clone(session, { payment_status: 'unpaid' });
    const waiting = await s.apply([pending]);
    expect(waiting.keys).toEqual(new Set());
    expect(transactions(s.t).map((t) => t.status)).toEqual(['waiting']);
    expect(licenses(s.t)).toEqual([]);

    const paid = await s.apply([session]);
    expect(paid.tally.fulfilled).toBe(1);
    expect(transactions(s.t).map((t) => t.status)).toEqual(['confirmed']);
    expect(rows(s.t, 'SELECT from_status AS "from", to_status AS "to", message FROM payment_logs ORDER BY id')).toEqual([
      { from: null, to: 'waiting', message: 'Stripe says checkout complete, payment unpaid.' },
      { from: 'waiting', to: 'confirmed', message: 'Stripe says checkout complete, payment paid.' },
    ]);
  });

  test('a guest checkout (no Stripe customer) finds its customer by email and splits the name at the last space', async () => {
    const { price } = await shop();
    s.world.checkoutSession({ email: 'kf@example.com', name: 'Anna Maria Fretz', businessName: 'Fretz Photography', country: 'DE', lineItems: [{ price, quantity: 1 }], paid: true });
    await s.syncWorld();
    expect(transactions(s.t).map(({ email, first, last, business, payerId, country }) => ({ email, first, last, business, payerId, country }))).toEqual([
      { email: 'kf@example.com', first: 'Anna Maria', last: 'Fretz', business: 'Fretz Photography', payerId: null, country: 'DE' },
    ]);
    expect(licenses(s.t).map((l) => l.owner)).toEqual(['Fretz Photography']);
    expect(rows(s.t, 'SELECT kind, name, email FROM customers')).toEqual([{ kind: 'organization', name: 'Fretz Photography', email: 'kf@example.com' }]);
  });

  test("a line over 1,000 units is refused with its reason and leaves nothing behind", async () => {
    const { price, ann } = await shop();
    const session = s.world.checkoutSession({ customer: ann, lineItems: [{ price, quantity: 1001 }], paid: true });
    const { errors } = await s.apply([session]);
    expect(errors).toEqual([`${session.id}: Line ${session.line_items.data[0].id} of ${session.id} has a quantity of 1001; KeyHub issues one license per unit, at most 1000 a line.`]);
    expect(transactions(s.t)).toEqual([]);
    // Not stored either: a later full sync tries it again.
    expect(one(s.t, 'SELECT count(*) AS n FROM stripe_objects WHERE id = ?', session.id)).toEqual({ n: 0 });
  });

  /** The invoice Checkout makes for a paid session (invoice_creation); `intent`: the payment intent its payments name, if any. */
  function invoiceOfSession(session: Json, price: Json, id: string, intent: string | null): Json {
    return {
      id,
      object: 'invoice',
      created: session.created,
      status: 'paid',
      currency: 'usd',
      amount_paid: 4900,
      amount_due: 4900,
      customer: session.customer,
      billing_reason: 'manual',
      status_transitions: { paid_at: session.created },
      lines: { object: 'list', data: [{ id: `il_1KH${id.slice(-6)}`, amount: 4900, quantity: 1, pricing: { price_details: { price: price.id, product: price.product } } }] },
      payments: { object: 'list', data: intent ? [{ status: 'paid', payment: { type: 'payment_intent', payment_intent: intent } }] : [] },
    };
  }

  test("a session's own invoice (Checkout's invoice_creation) is not a second sale: the invoice first, then its session", async () => {
    const { price, ann } = await shop();
    const session = s.world.checkoutSession({ customer: ann, lineItems: [{ price, quantity: 1 }], paid: true });
    const invoice = invoiceOfSession(session, price, 'in_1KHcheckoutinv', session.payment_intent);
    // A backfill lists invoices before sessions.
    await s.apply([invoice]);
    const second = await s.apply([clone(session, { invoice: invoice.id })]);
    expect(second).toMatchObject({ errors: [], keys: new Set(), tally: { fulfilled: 0 } });
    expect(transactions(s.t).map((t) => t.txn)).toEqual([invoice.id]);
    expect(licenses(s.t)).toHaveLength(1);
  });

  test("a session's own invoice is not a second sale: the session first, then its invoice, whether or not the invoice names the payment intent", async () => {
    const { price, ann } = await shop();
    for (const [n, named] of [[1, true], [2, false]] as const) {
      const session = s.world.checkoutSession({ customer: ann, lineItems: [{ price, quantity: 1 }], paid: true });
      const invoice = invoiceOfSession(session, price, `in_1KHcheckout${n}`, named ? session.payment_intent : null);
      await s.apply([clone(session, { invoice: invoice.id })]);
      const second = await s.apply([invoice]);
      expect(second).toMatchObject({ errors: [], tally: { fulfilled: 0 } });
      expect(transactions(s.t).map((t) => t.txn)).toEqual(s.world.all('checkout.session').map((cs) => cs.id));
      expect(licenses(s.t)).toHaveLength(n);
    }
  });
});

describe('which SKU an item is', () => {
  test("the price's keyhub_sku wins over its product's; an item naming none waits, and metadata added later fulfils it", async () => {
    s = await effectsSetup();
    await s.lic.sku({ licenseDuration: 365 }); // R1
    await s.lic.sku({ licenseDuration: null }); // R2
    const named = s.world.product({ name: 'Resizer', metadata: { keyhub_sku: 'R1' } });
    const override = s.world.price({ product: named, unitAmount: 9900, metadata: { keyhub_sku: 'R2' } });
    const plain = s.world.product({ name: 'Cropper' });
    const unnamed = s.world.price({ product: plain, unitAmount: 1900 });
    const ann = s.world.customer({ email: 'ann@example.com', name: 'Ann Lee' });
    s.world.checkoutSession({ customer: ann, lineItems: [{ price: override, quantity: 1 }, { price: unnamed, quantity: 2 }], paid: true });
    const first = await s.syncWorld();
    expect(first.tally).toMatchObject({ fulfilled: 1, waiting: 2 });
    expect(items(s.t).map(({ number, name, skuCode, sku, waiting }) => ({ number, name, skuCode, sku, waiting }))).toEqual([
      { number: override.id, name: 'Resizer', skuCode: 'R2', sku: 'R2', waiting: 0 },
      { number: unnamed.id, name: 'Cropper', skuCode: null, sku: null, waiting: 2 },
    ]);
    expect(rows(s.t, "SELECT s.sku, p.provider_price_id AS price, p.amount, p.currency, p.interval, p.active FROM sku_prices p JOIN skus s ON s.id = p.sku_id WHERE p.provider = 'stripe'")).toEqual([
      { sku: 'R2', price: override.id, amount: 9900, currency: 'USD', interval: 'one_time', active: 1 },
    ]);

    s.world.update(plain.id, { metadata: { keyhub_sku: 'R1' } });
    const mapped = await s.syncWorld();
    expect(mapped.keys).toEqual(new Set([s.lic.key.id]));
    expect(mapped.tally.fulfilled).toBe(2);
    expect(items(s.t)[1]).toMatchObject({ skuCode: 'R1', sku: 'R1', waiting: 0 });
    expect(licenses(s.t).map((l) => [l.sku, l.unit])).toEqual([
      ['R2', 1],
      ['R1', 1],
      ['R1', 2],
    ]);
    expect(rows(s.t, "SELECT s.sku, p.provider_price_id AS price FROM sku_prices p JOIN skus s ON s.id = p.sku_id WHERE p.provider = 'stripe' ORDER BY p.id")).toEqual([
      { sku: 'R2', price: override.id },
      { sku: 'R1', price: unnamed.id },
    ]);

    // A price deleted at Stripe no longer resolves: its row goes (the licenses stay).
    s.world.remove(override.id);
    await s.syncWorld();
    expect(rows(s.t, "SELECT provider_price_id AS price FROM sku_prices WHERE provider = 'stripe'")).toEqual([{ price: unnamed.id }]);
    expect(licenses(s.t)).toHaveLength(3);
  });
});

describe('invoices', () => {
  test('a draft is nothing, open waits, paid confirms and issues; void rejects only one already recorded', async () => {
    s = await effectsSetup();
    await s.lic.sku({ subscriptionGraceDays: 3 });
    const product = s.world.product({ name: 'Resizer', metadata: { keyhub_sku: 'R1' } });
    const monthly = s.world.price({ product, unitAmount: 900, recurring: { interval: 'month' } });
    const ann = s.world.customer({ email: 'ann@example.com', name: 'Ann Lee' });
    const sub = s.world.subscription({ customer: ann, items: [{ price: monthly, quantity: 1 }], status: 'incomplete' });
    const open = s.world.get(sub.latest_invoice)!;
    expect(open.status).toBe('open');

    await s.apply([clone(open, { status: 'draft' })]);
    expect(transactions(s.t)).toEqual([]);
    await s.apply([clone(open, { id: 'in_1KHneverseen', status: 'void' })]);
    expect(transactions(s.t)).toEqual([]);

    await s.apply([open]);
    expect(transactions(s.t).map((t) => [t.txn, t.status, t.gross])).toEqual([[open.id, 'waiting', 900]]);
    expect(licenses(s.t)).toEqual([]);

    await s.apply([clone(open, { status: 'void' })]);
    expect(transactions(s.t).map((t) => [t.txn, t.status])).toEqual([[open.id, 'rejected']]);
  });

  test('uncollectible is not the end: an invoice open, then marked uncollectible, then paid issues its license', async () => {
    s = await effectsSetup();
    await s.lic.sku({ subscriptionGraceDays: 3, licenseDuration: 365 });
    const product = s.world.product({ name: 'Resizer', metadata: { keyhub_sku: 'R1' } });
    const monthly = s.world.price({ product, unitAmount: 900, recurring: { interval: 'month' } });
    const ann = s.world.customer({ email: 'ann@example.com', name: 'Ann Lee' });
    const sub = s.world.subscription({ customer: ann, items: [{ price: monthly, quantity: 1 }], status: 'incomplete' });
    await s.syncWorld();
    expect(transactions(s.t).map((t) => t.status)).toEqual(['waiting']);
    s.world.advance(DAY);
    s.world.markUncollectible(sub.latest_invoice);
    expect((await s.syncWorld()).errors).toEqual([]);
    expect(transactions(s.t).map((t) => t.status)).toEqual(['waiting']);
    expect(licenses(s.t)).toEqual([]);

    s.world.advance(DAY);
    s.world.payLatestInvoice(sub.id);
    const paid = await s.syncWorld();
    expect(paid).toMatchObject({ errors: [], tally: { fulfilled: 1 } });
    expect(transactions(s.t).map((t) => t.status)).toEqual(['confirmed']);
    expect(licenses(s.t).map((l) => [l.item, l.unit, l.status])).toEqual([[sub.items.data[0].id, 1, 'active']]);
  });

  test('an invoice first seen uncollectible waits (it can still be paid); void still rejects', async () => {
    s = await effectsSetup();
    await s.lic.sku({ subscriptionGraceDays: 3 });
    const product = s.world.product({ name: 'Resizer', metadata: { keyhub_sku: 'R1' } });
    const monthly = s.world.price({ product, unitAmount: 900, recurring: { interval: 'month' } });
    const ann = s.world.customer({ email: 'ann@example.com', name: 'Ann Lee' });
    const sub = s.world.subscription({ customer: ann, items: [{ price: monthly, quantity: 1 }], status: 'incomplete' });
    s.world.markUncollectible(sub.latest_invoice);
    await s.syncWorld();
    expect(transactions(s.t).map((t) => [t.txn, t.status])).toEqual([[sub.latest_invoice, 'waiting']]);
    await s.apply([clone(s.world.get(sub.latest_invoice)!, { status: 'void' })]);
    expect(transactions(s.t).map((t) => t.status)).toEqual(['rejected']);
  });

  test('a paid invoice of a subscription issues its seats until the line period end plus the SKU grace', async () => {
    s = await effectsSetup();
    await s.lic.sku({ subscriptionGraceDays: 3, licenseDuration: 365 });
    const product = s.world.product({ name: 'Resizer', metadata: { keyhub_sku: 'R1' } });
    const monthly = s.world.price({ product, unitAmount: 900, recurring: { interval: 'month' } });
    const ann = s.world.customer({ email: 'ann@example.com', name: 'Ann Lee' });
    await s.apply([product, monthly, ann]);
    const sub = s.world.subscription({ customer: ann, items: [{ price: monthly, quantity: 1 }], status: 'incomplete' });
    await s.apply([s.world.get(sub.latest_invoice)!]);
    s.world.advance(3600);
    s.world.payLatestInvoice(sub.id);
    // The invoice alone (its subscription not synced yet): the line's period says how long.
    const paid = s.world.get(sub.latest_invoice)!;
    const { tally } = await s.apply([paid]);
    expect(tally.fulfilled).toBe(1);
    // Recorded when it was open: its date stays the invoice's (as a pending IPN purchase keeps its own).
    expect(transactions(s.t).map((t) => [t.txn, t.status, t.paid])).toEqual([[paid.id, 'confirmed', iso(paid.created)]]);
    const expires = addDays(iso(paid.lines.data[0].period.end), 3);
    expect(licenses(s.t).map((l) => [l.item, l.unit, l.issued, l.expires, l.fileExpires])).toEqual([[sub.items.data[0].id, 1, iso(paid.created), expires, expires]]);
  });
});

describe('refunds and disputes', () => {
  async function paidSession(quantity = 2) {
    const { price, ann } = await shop();
    const session = s.world.checkoutSession({ customer: ann, lineItems: [{ price, quantity }], paid: true });
    return { session, intent: session.payment_intent as string };
  }

  test('a full refund revokes every license of the purchase', async () => {
    const { session, intent } = await paidSession();
    await s.syncWorld();
    const refund = s.world.refund({ paymentIntent: intent });
    const { tally } = await s.syncWorld();
    expect(tally.revoked).toBe(2);
    expect(transactions(s.t).map((t) => [t.txn, t.status, t.refunded])).toEqual([[session.id, 'refunded', 9800]]);
    expect(licenses(s.t).map((l) => l.status)).toEqual(['revoked', 'revoked']);
    expect(rows(s.t, 'SELECT status_reason AS reason FROM licenses')).toEqual([
      { reason: `Refunded at Stripe (${refund.id}) (requested_by_customer).` },
      { reason: `Refunded at Stripe (${refund.id}) (requested_by_customer).` },
    ]);
  });

  test('a refund stored before its purchase is applied once the purchase is recorded', async () => {
    const { session, intent } = await paidSession();
    const refund = s.world.refund({ paymentIntent: intent });
    const charge = s.world.get(s.world.get(intent)!.latest_charge)!;
    // The refund and its charge arrive first: nothing to apply yet, nothing refused.
    const early = await s.apply([charge, refund]);
    expect(early).toMatchObject({ errors: [], tally: { revoked: 0 } });
    expect(transactions(s.t)).toEqual([]);
    const late = await s.apply([session]);
    expect(late.tally).toMatchObject({ fulfilled: 2, revoked: 2 });
    expect(transactions(s.t).map((t) => [t.status, t.refunded])).toEqual([['refunded', 9800]]);
    expect(licenses(s.t).map((l) => l.status)).toEqual(['revoked', 'revoked']);
    // Applying the session again does not apply the refund twice.
    await s.apply([clone(session, { metadata: { again: '1' } })]);
    expect(one(s.t, "SELECT count(*) AS n FROM payment_logs WHERE event_type = 'refund'")).toEqual({ n: 1 });
  });

  test('a partial refund keeps the licenses and asks staff which to revoke', async () => {
    await paidSession();
    await s.syncWorld();
    const session = s.world.all('checkout.session')[0];
    s.world.refund({ paymentIntent: session.payment_intent, amount: 4900 });
    await s.syncWorld();
    expect(transactions(s.t).map((t) => [t.status, t.refunded, t.decision])).toEqual([
      ['partially_refunded', 4900, 'Partial refund of 49.00 USD of 98.00 USD: decide which of the 2 licenses to revoke, or keep them all.'],
    ]);
    expect(licenses(s.t).map((l) => l.status)).toEqual(['active', 'active']);
  });

  test('a lost dispute revokes (a reversal); an open or won one revokes nothing', async () => {
    const { intent } = await paidSession(1);
    const dispute = s.world.dispute({ paymentIntent: intent });
    await s.syncWorld();
    expect(licenses(s.t).map((l) => l.status)).toEqual(['active']);
    s.world.setDisputeStatus(dispute.id, 'won');
    await s.syncWorld();
    expect(licenses(s.t).map((l) => l.status)).toEqual(['active']);
    expect(transactions(s.t).map((t) => t.status)).toEqual(['confirmed']);

    const other = s.world.checkoutSession({ customer: s.world.all('customer')[0].id, lineItems: [{ price: s.world.all('price')[0].id, quantity: 1 }], paid: true });
    const lost = s.world.dispute({ paymentIntent: other.payment_intent, status: 'needs_response' });
    await s.syncWorld();
    s.world.setDisputeStatus(lost.id, 'lost');
    const { tally } = await s.syncWorld();
    expect(tally.revoked).toBe(1);
    expect(transactions(s.t).map((t) => [t.txn, t.status])).toEqual([
      [s.world.all('checkout.session')[0].id, 'confirmed'],
      [other.id, 'reversed'],
    ]);
    expect(licenses(s.t).map((l) => l.status)).toEqual(['active', 'revoked']);
    expect(rows(s.t, 'SELECT status_reason AS reason FROM licenses WHERE id = 2')).toEqual([{ reason: 'Payment reversed at Stripe (fraudulent).' }]);
  });
});
