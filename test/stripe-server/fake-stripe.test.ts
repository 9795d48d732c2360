/**
 * The fake Stripe account (test/support/stripe) driven through the official SDK, the way
 * the sync reads it: list paging with created windows, expansions and child lists,
 * events newest first within retention, faults, deleted objects, and the objects the
 * builders make (links, amounts, statuses at the pinned API version).
 */
import { existsSync, readFileSync } from 'node:fs';
import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STRIPE_API_VERSION } from '../../src-main/domain/sync/stripe/api-version';
import { STRIPE_FIXTURES_PATH } from '../support/stripe/fixtures';
import { stripeSdkFor } from '../support/stripe/sdk';
import { startStripeServer, type StripeServer } from '../support/stripe/server';
import { FAKE_STRIPE_KEY, StripeWorld, type Json } from '../support/stripe/world';

const START = 1_780_000_000;
const DAY = 86_400;

let world: StripeWorld;
let server: StripeServer;
let stripe: Stripe;

beforeEach(async () => {
  world = new StripeWorld({ now: START });
  server = await startStripeServer(world);
  stripe = stripeSdkFor(server);
});

afterEach(async () => {
  await server.close();
});

/** A product line a vendor sells: a one-time and a monthly price. */
function catalog() {
  const product = world.product({ name: 'Editor Pro', metadata: { keyhub_sku: 'EDPRO' } });
  const once = world.price({ product: product.id, unitAmount: 4900 });
  const monthly = world.price({ product: product.id, unitAmount: 900, recurring: { interval: 'month' } });
  const customer = world.customer({ email: 'ann@example.com', name: 'Ann Smith' });
  return { product, once, monthly, customer };
}

async function failureOf(promise: Promise<unknown>): Promise<Json> {
  try {
    await promise;
  } catch (error) {
    return error as Json;
  }
  throw new Error('the request was expected to fail');
}

describe('lists', () => {
  it('pages newest first within a created window, with starting_after and ending_before', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      ids.push(world.product({ name: `Product ${i}` }).id);
      world.advance(60);
    }
    // Products 5..19 were created in [START + 300, START + 1140].
    const window = { gte: START + 5 * 60, lte: START + 19 * 60 };
    const first = await stripe.products.list({ limit: 10, created: window });
    expect(first.data.map((p) => p.id)).toEqual(ids.slice(10, 20).reverse());
    expect(first.has_more).toBe(true);
    expect(first.url).toBe('/v1/products');
    const second = await stripe.products.list({ limit: 10, created: window, starting_after: first.data[9].id });
    expect(second.data.map((p) => p.id)).toEqual(ids.slice(5, 10).reverse());
    expect(second.has_more).toBe(false);
    const back = await stripe.products.list({ limit: 3, created: window, ending_before: second.data[0].id });
    expect(back.data.map((p) => p.id)).toEqual(ids.slice(10, 13).reverse());
    expect(back.has_more).toBe(true);

    const exclusive = await stripe.products.list({ limit: 100, created: { gt: START + 5 * 60, lt: START + 19 * 60 } });
    expect(exclusive.data.map((p) => p.id)).toEqual(ids.slice(6, 19).reverse());

    const all = await stripe.products.list({ limit: 7 }).autoPagingToArray({ limit: 1000 });
    expect(all.map((p) => p.id)).toEqual([...ids].reverse());
    const sent = world.requests.filter((r) => r.path === '/v1/products');
    expect(sent.at(-1)?.query).toEqual({ limit: '7', starting_after: ids[4] });
    expect(sent[0].query).toEqual({ limit: '10', created: { gte: String(window.gte), lte: String(window.lte) } });
  });

  it('refuses an unknown cursor and a limit over 100 the way Stripe does', async () => {
    world.product({ name: 'Only' });
    const unknown = await failureOf(stripe.products.list({ starting_after: 'prod_missing' }));
    expect(unknown).toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400, code: 'resource_missing', param: 'starting_after' });
    const tooMany = await failureOf(stripe.products.list({ limit: 101 }));
    expect(tooMany).toMatchObject({ statusCode: 400, param: 'limit' });
  });

  it('lists a type without scanning the rest: 20,000 objects answer a page at once', async () => {
    world.quietly(() => {
      const product = world.product({ name: 'Bulk' });
      for (let i = 0; i < 20_000; i++) {
        world.price({ product, unitAmount: 100 + i });
        if (i % 100 === 99) world.advance(1);
      }
    });
    const started = performance.now();
    let pages = 0;
    let seen = 0;
    let after: string | undefined;
    for (;;) {
      const page = await stripe.prices.list({ limit: 100, created: { gte: START + 50, lt: START + 150 }, ...(after ? { starting_after: after } : {}) });
      pages++;
      seen += page.data.length;
      if (!page.has_more) break;
      after = page.data.at(-1)!.id;
    }
    expect(seen).toBe(10_000);
    expect(pages).toBe(100);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(world.events()).toEqual([]);
  });

  it('never serves a stale page from its rendered-text cache: a change to an object or a neighbour shows at once', async () => {
    const { once, monthly, customer } = catalog();
    const session = world.checkoutSession({ customer: customer.id, lineItems: [{ price: once.id, quantity: 1 }], paid: true });
    const subscription = world.subscription({ customer: customer.id, items: [{ price: monthly.id, quantity: 1 }] });
    world.prerender();
    expect((await stripe.checkout.sessions.list({ expand: ['data.line_items'] })).data[0].line_items!.data[0].price!.metadata).toEqual({});
    world.update(once.id, { metadata: { keyhub_sku: 'EDPRO' } });
    world.setSubscriptionQuantity(subscription.id, 0, 4);
    const [listed] = (await stripe.checkout.sessions.list({ expand: ['data.line_items'] })).data;
    expect(listed.id).toBe(session.id);
    expect(listed.line_items!.data[0].price!.metadata).toEqual({ keyhub_sku: 'EDPRO' });
    expect((await stripe.subscriptions.list()).data[0].items.data[0].quantity).toBe(4);
    expect((await stripe.subscriptions.retrieve(subscription.id)).items.data[0].quantity).toBe(4);
  });

  it('shows subscriptions that have not ended unless status=all, and filters by customer and subscription', async () => {
    const { monthly, customer } = catalog();
    const other = world.customer({ email: 'bob@example.com', name: 'Bob' });
    const kept = world.subscription({ customer: customer.id, items: [{ price: monthly.id, quantity: 1 }] });
    const ended = world.subscription({ customer: other.id, items: [{ price: monthly.id, quantity: 1 }] });
    world.cancelSubscription(ended.id);
    expect((await stripe.subscriptions.list()).data.map((s) => s.id)).toEqual([kept.id]);
    expect((await stripe.subscriptions.list({ status: 'all' })).data.map((s) => s.id)).toEqual([ended.id, kept.id]);
    expect((await stripe.subscriptions.list({ status: 'canceled' })).data.map((s) => s.id)).toEqual([ended.id]);
    expect((await stripe.invoices.list({ subscription: kept.id })).data.map((i) => i.id)).toEqual([kept.latest_invoice]);
    expect((await stripe.invoices.list({ customer: other.id })).data.map((i) => i.id)).toEqual([ended.latest_invoice]);
    const items = await stripe.subscriptionItems.list({ subscription: kept.id });
    expect(items.data.map((si) => si.id)).toEqual([kept.items.data[0].id]);
  });
});

describe('expansions and child lists', () => {
  it('expands a session list page with its line items (full prices), and pages a long one through its own endpoint', async () => {
    const { once, customer } = catalog();
    const products = Array.from({ length: 12 }, (_, i) => world.product({ name: `Add-on ${i}` }));
    const addOns = products.map((p) => world.price({ product: p.id, unitAmount: 1000 + p.name.length }));
    const small = world.checkoutSession({ customer: customer.id, lineItems: [{ price: once.id, quantity: 2 }], paid: true });
    const big = world.checkoutSession({
      email: 'guest@example.com',
      name: 'Guest Buyer',
      businessName: 'Guest GmbH',
      country: 'DE',
      lineItems: addOns.map((price) => ({ price: price.id, quantity: 1 })),
      paid: true,
    });

    const plain = await stripe.checkout.sessions.list({ limit: 10 });
    expect(plain.data.map((s) => s.id)).toEqual([big.id, small.id]);
    expect(plain.data[0]).not.toHaveProperty('line_items');

    const page = await stripe.checkout.sessions.list({ limit: 10, expand: ['data.line_items'] });
    const [bigSession, smallSession] = page.data;
    expect(smallSession).toMatchObject({
      mode: 'payment',
      status: 'complete',
      payment_status: 'paid',
      amount_total: 9800,
      currency: 'usd',
      customer: customer.id,
      payment_intent: small.payment_intent,
      customer_details: { email: 'ann@example.com', name: 'Ann Smith' },
    });
    expect(smallSession.line_items!.data).toHaveLength(1);
    expect(smallSession.line_items!.data[0]).toMatchObject({ object: 'item', quantity: 2, amount_total: 9800, price: { id: once.id, object: 'price', product: once.product, unit_amount: 4900 } });
    expect(bigSession).toMatchObject({ customer: null, customer_details: { email: 'guest@example.com', business_name: 'Guest GmbH', address: { country: 'DE' } } });
    expect(bigSession.line_items!.data).toHaveLength(10);
    expect(bigSession.line_items!.has_more).toBe(true);

    const allItems = await stripe.checkout.sessions.listLineItems(big.id, { limit: 5 }).autoPagingToArray({ limit: 100 });
    expect(allItems.map((item) => item.price!.id)).toEqual(addOns.map((p) => p.id));
    const withProducts = await stripe.checkout.sessions.listLineItems(small.id, { expand: ['data.price.product'] });
    expect(withProducts.data[0].price!.product).toMatchObject({ id: once.product, object: 'product', name: 'Editor Pro', metadata: { keyhub_sku: 'EDPRO' } });

    const intent = await stripe.paymentIntents.retrieve(small.payment_intent);
    expect(intent).toMatchObject({ status: 'succeeded', amount: 9800, amount_received: 9800, customer: customer.id });
    const charge = await stripe.charges.retrieve(intent.latest_charge as string);
    expect(charge).toMatchObject({ status: 'succeeded', paid: true, amount: 9800, payment_intent: intent.id, billing_details: { email: 'ann@example.com' } });
  });

  it('shows invoice payments only when expanded, each pointing at its payment intent', async () => {
    const { monthly, customer } = catalog();
    const subscription = world.subscription({ customer: customer.id, items: [{ price: monthly.id, quantity: 3 }] });
    const plain = await stripe.invoices.retrieve(subscription.latest_invoice);
    expect(plain).not.toHaveProperty('payments');
    const [listed] = (await stripe.invoices.list({ expand: ['data.payments'] })).data;
    const item = subscription.items.data[0];
    expect(listed).toMatchObject({
      id: subscription.latest_invoice,
      status: 'paid',
      billing_reason: 'subscription_create',
      customer: customer.id,
      customer_email: 'ann@example.com',
      amount_due: 2700,
      amount_paid: 2700,
      currency: 'usd',
      parent: { type: 'subscription_details', subscription_details: { subscription: subscription.id } },
      status_transitions: { paid_at: START },
    });
    expect(listed.lines.data).toEqual([
      expect.objectContaining({
        object: 'line_item',
        quantity: 3,
        amount: 2700,
        period: { start: item.current_period_start, end: item.current_period_end },
        parent: expect.objectContaining({ type: 'subscription_item_details', subscription_item_details: expect.objectContaining({ subscription: subscription.id, subscription_item: item.id }) }),
        pricing: expect.objectContaining({ price_details: { price: monthly.id, product: monthly.product } }),
      }),
    ]);
    const payment = listed.payments!.data[0];
    expect(payment).toMatchObject({ object: 'invoice_payment', status: 'paid', invoice: listed.id, amount_paid: 2700, payment: { type: 'payment_intent' } });
    const intent = await stripe.paymentIntents.retrieve(payment.payment.payment_intent as string);
    expect(intent).toMatchObject({ status: 'succeeded', amount: 2700 });
    const lines = await stripe.invoices.listLineItems(listed.id);
    expect(lines.data.map((l) => l.id)).toEqual(listed.lines.data.map((l) => l.id));
    const byIntent = await stripe.invoicePayments.list({ payment: { type: 'payment_intent', payment_intent: intent.id } });
    expect(byIntent.data.map((p) => p.id)).toEqual([payment.id]);
    const retrieved = await stripe.subscriptions.retrieve(subscription.id, { expand: ['latest_invoice'] });
    expect(retrieved.latest_invoice).toMatchObject({ id: listed.id, object: 'invoice' });
    expect(retrieved.items.data[0]).toMatchObject({ id: item.id, quantity: 3, price: { id: monthly.id }, current_period_start: START });
  });
});

describe('events', () => {
  it('records what each action emits, newest first, with the object as it was and what changed', async () => {
    const { once, monthly, customer } = catalog();
    world.advance(10);
    const session = world.checkoutSession({ customer: customer.id, lineItems: [{ price: once.id, quantity: 1 }], paid: true });
    world.advance(10);
    const subscription = world.subscription({ customer: customer.id, items: [{ price: monthly.id, quantity: 1 }] });
    world.advance(10);
    world.renewSubscription(subscription.id);
    world.advance(10);
    world.refund({ paymentIntent: session.payment_intent });

    const events = await stripe.events.list({ limit: 100 }).autoPagingToArray({ limit: 1000 });
    expect(events.map((e) => e.type).reverse()).toEqual([
      'product.created',
      'price.created',
      'price.created',
      'customer.created',
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
      'checkout.session.completed',
      'customer.subscription.created',
      'invoice.created',
      'payment_intent.created',
      'invoice.finalized',
      'charge.succeeded',
      'payment_intent.succeeded',
      'invoice_payment.paid',
      'invoice.paid',
      'invoice.payment_succeeded',
      'invoice.created',
      'payment_intent.created',
      'invoice.finalized',
      'charge.succeeded',
      'payment_intent.succeeded',
      'invoice_payment.paid',
      'invoice.paid',
      'invoice.payment_succeeded',
      'customer.subscription.updated',
      'charge.refunded',
      'refund.created',
    ]);
    expect(events.every((e, i) => i === 0 || events[i - 1].created >= e.created)).toBe(true);
    const created = events.find((e) => e.type === 'customer.subscription.created')!;
    const updated = events.find((e) => e.type === 'customer.subscription.updated')!;
    expect(created.api_version).toBe(STRIPE_API_VERSION);
    const firstItem = (created.data.object as Stripe.Subscription).items.data[0];
    const renewedItem = (updated.data.object as Stripe.Subscription).items.data[0];
    expect(renewedItem.current_period_start).toBe(firstItem.current_period_end);
    expect(updated.data.previous_attributes).toMatchObject({ latest_invoice: subscription.latest_invoice, items: { data: [expect.objectContaining({ current_period_end: firstItem.current_period_end })] } });
    const completed = events.find((e) => e.type === 'checkout.session.completed')!;
    expect(completed.data.object).toMatchObject({ id: session.id, status: 'complete', payment_status: 'paid' });

    const onlyInvoices = await stripe.events.list({ types: ['invoice.paid', 'invoice.payment_failed'], created: { gte: START + 30 } });
    expect(onlyInvoices.data.map((e) => e.type)).toEqual(['invoice.paid']);
    const wildcard = await stripe.events.list({ type: 'customer.subscription.*' });
    expect(wildcard.data.map((e) => e.type)).toEqual(['customer.subscription.updated', 'customer.subscription.created']);
  });

  it('keeps events for 30 days only: older ones are gone from the list and 404 when retrieved', async () => {
    world.product({ name: 'Old' });
    const [old] = world.events();
    world.advance(31 * DAY);
    world.product({ name: 'New' });
    const listed = await stripe.events.list({ limit: 100 });
    expect(listed.data.map((e) => e.type)).toEqual(['product.created']);
    expect(listed.data[0].created).toBe(START + 31 * DAY);
    const gone = await failureOf(stripe.events.retrieve(old.id));
    expect(gone).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    world.retentionDays = 40;
    expect((await stripe.events.list()).data).toHaveLength(2);
  });
});

describe('faults', () => {
  it('answers an unknown key with 401 and a restricted one with 403 for what it may not read', async () => {
    world.product({ name: 'P' });
    const bad = await failureOf(stripeSdkFor(server, 'rk_test_wrongwrongwrong1234').products.list());
    expect(bad).toMatchObject({ type: 'StripeAuthenticationError', statusCode: 401 });
    expect(bad.message).toBe(`Invalid API Key provided: rk_test_${'*'.repeat(15)}1234`);
    world.denyResource(FAKE_STRIPE_KEY, 'checkout/sessions');
    const denied = await failureOf(stripe.checkout.sessions.list());
    expect(denied).toMatchObject({ type: 'StripePermissionError', statusCode: 403 });
    expect((await stripe.products.list()).data).toHaveLength(1);
    expect(world.requests.map((r) => [r.key, r.stripeVersion])).toEqual([
      ['rk_test_wrongwrongwrong1234', STRIPE_API_VERSION],
      [FAKE_STRIPE_KEY, STRIPE_API_VERSION],
      [FAKE_STRIPE_KEY, STRIPE_API_VERSION],
    ]);
  });

  it('fails the next requests with 429 (Retry-After), 500 and dropped connections, then answers again', async () => {
    world.product({ name: 'P' });
    world.failNext(1, { status: 429, retryAfter: 2 });
    world.failNext(1, { status: 500, path: /^\/v1\/products$/ });
    // The SDK retries a closed connection once by itself, even with retries off: two drops fail a call.
    world.dropNext(2, { path: /^\/v1\/events/ });
    const limited = await failureOf(stripe.products.list());
    expect(limited).toMatchObject({ type: 'StripeRateLimitError', statusCode: 429 });
    expect((limited.headers as Json)['retry-after']).toBe('2');
    const broken = await failureOf(stripe.products.list());
    expect(broken).toMatchObject({ type: 'StripeAPIError', statusCode: 500 });
    expect((await stripe.products.list()).data).toHaveLength(1);
    const dropped = await failureOf(stripe.events.list());
    expect(dropped).toMatchObject({ type: 'StripeConnectionError' });
    expect((await stripe.events.list()).data).toHaveLength(1);
    expect(world.requests.map((r) => r.path)).toEqual(['/v1/products', '/v1/products', '/v1/products', '/v1/events', '/v1/events', '/v1/events']);
    world.dropNext(1);
    expect((await stripe.products.list()).data).toHaveLength(1);
    expect(world.requests).toHaveLength(8);
  });
});

describe('deleted objects', () => {
  it('hides deleted products and prices (404) and shows a deleted customer as Stripe’s stub', async () => {
    const { product, once, customer } = catalog();
    world.remove(once.id);
    world.remove(product.id);
    world.remove(customer.id);
    expect(await failureOf(stripe.products.retrieve(product.id))).toMatchObject({ statusCode: 404, message: `No such product: '${product.id}'` });
    expect(await failureOf(stripe.prices.retrieve(once.id))).toMatchObject({ statusCode: 404 });
    expect(await stripe.customers.retrieve(customer.id)).toEqual({ id: customer.id, object: 'customer', deleted: true });
    expect((await stripe.products.list()).data).toEqual([]);
    expect((await stripe.prices.list()).data.map((p) => p.id)).not.toContain(once.id);
    const deletions = (await stripe.events.list({ type: '*.deleted' })).data;
    expect(deletions.map((e) => [e.type, (e.data.object as Json).id])).toEqual([
      ['customer.deleted', customer.id],
      ['product.deleted', product.id],
      ['price.deleted', once.id],
    ]);
    expect(deletions[1].data.object).toMatchObject({ name: 'Editor Pro', metadata: { keyhub_sku: 'EDPRO' } });
  });
});

describe('builders', () => {
  it('lapses a subscription (past_due, then unpaid), brings it back, and cancels it at the period end', async () => {
    const { monthly, customer } = catalog();
    const sub = world.subscription({ customer: customer.id, items: [{ price: monthly.id, quantity: 2 }], periodDays: 30 });
    const firstEnd = sub.items.data[0].current_period_end;
    expect(firstEnd).toBe(START + 30 * DAY);

    const pastDue = world.failRenewal(sub.id);
    expect(pastDue.status).toBe('past_due');
    expect(pastDue.items.data[0]).toMatchObject({ current_period_start: firstEnd, current_period_end: firstEnd + 30 * DAY });
    const open = world.get(pastDue.latest_invoice)!;
    expect(open).toMatchObject({ status: 'open', amount_paid: 0, attempt_count: 1, billing_reason: 'subscription_cycle', payments: { data: [{ status: 'open' }] } });
    expect(world.get(open.payments.data[0].payment.payment_intent)).toMatchObject({ status: 'requires_payment_method', last_payment_error: { code: 'card_declined' } });

    expect(world.failRenewal(sub.id)).toMatchObject({ status: 'unpaid', latest_invoice: open.id });
    expect(world.get(open.id)).toMatchObject({ status: 'open', attempt_count: 2 });

    const back = world.payLatestInvoice(sub.id);
    expect(back.status).toBe('active');
    expect(world.get(open.id)).toMatchObject({ status: 'paid', amount_paid: 1800, payments: { data: [{ status: 'paid' }] } });

    const grown = world.setSubscriptionQuantity(sub.id, 0, 5, { invoiceNow: true });
    expect(grown.items.data[0].quantity).toBe(5);
    expect(world.get(grown.latest_invoice)).toMatchObject({
      billing_reason: 'subscription_update',
      status: 'paid',
      amount_paid: 2700,
      lines: { data: [{ quantity: 5, amount: 2700, parent: { subscription_item_details: { subscription_item: sub.items.data[0].id, proration: true } } }] },
    });

    const ending = world.cancelSubscription(sub.id, { atPeriodEnd: true });
    expect(ending).toMatchObject({ status: 'active', cancel_at_period_end: true, cancel_at: firstEnd + 30 * DAY, canceled_at: START });
    world.advance(DAY);
    const ended = world.cancelSubscription(sub.id);
    expect(ended).toMatchObject({ status: 'canceled', ended_at: firstEnd + 30 * DAY, canceled_at: START });
    const types = world.events().map((e) => e.type);
    expect(types[0]).toBe('customer.subscription.deleted');
    expect(types.filter((t) => t === 'invoice.payment_failed')).toHaveLength(2);
  });

  it('makes a subscription-mode session start its subscription and a trial bill nothing', async () => {
    const { monthly } = catalog();
    const session = world.checkoutSession({ email: 'new@example.com', name: 'New Buyer', lineItems: [{ price: monthly.id, quantity: 1 }], paid: true });
    expect(session).toMatchObject({ mode: 'subscription', status: 'complete', payment_intent: null });
    const sub = world.get(session.subscription)!;
    expect(sub).toMatchObject({ customer: session.customer, status: 'active', latest_invoice: session.invoice });
    expect(world.get(session.customer)).toMatchObject({ email: 'new@example.com' });

    const trial = world.subscription({ customer: session.customer, items: [{ price: monthly.id, quantity: 1 }], status: 'trialing', trialDays: 7 });
    expect(trial).toMatchObject({ status: 'trialing', trial_end: START + 7 * DAY, items: { data: [{ current_period_end: START + 7 * DAY }] } });
    expect(world.get(trial.latest_invoice)).toMatchObject({ status: 'paid', amount_due: 0, payments: { data: [] } });
    expect(world.renewSubscription(trial.id)).toMatchObject({ status: 'active', items: { data: [{ current_period_start: START + 7 * DAY }] } });
  });

  it('refunds partly then fully, and opens and loses a dispute', async () => {
    const { once, customer } = catalog();
    const session = world.checkoutSession({ customer: customer.id, lineItems: [{ price: once.id, quantity: 2 }], paid: true });
    const partial = world.refund({ paymentIntent: session.payment_intent, amount: 1000 });
    expect(partial).toMatchObject({ object: 'refund', amount: 1000, status: 'succeeded', payment_intent: session.payment_intent });
    const rest = world.refund({ paymentIntent: session.payment_intent });
    expect(rest.amount).toBe(8800);
    const charge = await stripe.charges.retrieve(partial.charge);
    expect(charge).toMatchObject({ amount_refunded: 9800, refunded: true });
    expect((await stripe.refunds.list({ payment_intent: session.payment_intent })).data.map((r) => r.id)).toEqual([rest.id, partial.id]);

    const other = world.checkoutSession({ customer: customer.id, lineItems: [{ price: once.id, quantity: 1 }], paid: true });
    const dispute = world.dispute({ paymentIntent: other.payment_intent });
    expect(dispute).toMatchObject({ status: 'needs_response', amount: 4900, payment_intent: other.payment_intent });
    world.setDisputeStatus(dispute.id, 'lost');
    const listed = await stripe.disputes.list({ payment_intent: other.payment_intent });
    expect(listed.data).toEqual([expect.objectContaining({ id: dispute.id, status: 'lost', charge: dispute.charge })]);
    expect(world.events().slice(0, 2).map((e) => e.type)).toEqual(['charge.dispute.closed', 'charge.dispute.created']);
  });

  it('edits an object, merging metadata, and emits its update with the previous values', async () => {
    const { once } = catalog();
    world.update(once.id, { metadata: { keyhub_sku: 'EDPRO-1Y' }, nickname: 'Yearly' });
    const price = await stripe.prices.retrieve(once.id);
    expect(price).toMatchObject({ nickname: 'Yearly', metadata: { keyhub_sku: 'EDPRO-1Y' } });
    const [event] = world.events();
    expect(event).toMatchObject({ type: 'price.updated', data: { previous_attributes: { metadata: {}, nickname: null } } });
    world.update(once.id, { metadata: { keyhub_sku: '' } });
    expect((await stripe.prices.retrieve(once.id)).metadata).toEqual({});
  });
});

/** The reference folder the task ships (absent on other machines): the repository's copy must be Stripe's file, byte for byte. */
const REFERENCE = '/work/shared/reference/stripe/fixtures3.json';
describe("the repository's copy of Stripe's fixtures", () => {
  it.runIf(existsSync(REFERENCE))('is the reference file byte for byte', () => {
    expect(readFileSync(STRIPE_FIXTURES_PATH).equals(readFileSync(REFERENCE))).toBe(true);
  });
});
