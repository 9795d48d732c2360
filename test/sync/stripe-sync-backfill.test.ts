/**
 * The first sync: a backfill of every type by `created` windows and pages, through the
 * official SDK against the fake Stripe server, stores exactly the account's objects
 * (child lists whole), with cursors, counts and progress; a second run with nothing
 * changed writes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { STRIPE_API_VERSION } from '../../src-main/domain/sync/stripe/api-version';
import { STRIPE_OBJECT_TYPES } from '../../src-main/domain/sync/stripe/types';
import { backfillDone, eventsCursorTime } from '../../src-main/domain/sync/cursors';
import { FAKE_STRIPE_KEY, StripeWorld } from '../support/stripe/world';
import { countObjectWrites, cursor, DAY, expectStoreEqualsWorld, populate, progressLog, runs, storedObjects, syncSetup, worldObjects, type SyncSetup } from './stripe-sync-support';

let s: SyncSetup;
afterEach(async () => s?.cleanup());

describe('Stripe backfill', () => {
  it('stores exactly the account’s objects, read in windows and pages, with the pinned API version', async () => {
    s = await syncSetup();
    populate(s.world);
    const progress = progressLog();
    const run = await s.sync({ onProgress: progress.onProgress });

    expect(run).toMatchObject({ status: 'succeeded', mode: 'backfill', trigger: 'cli', errors: 0, message: null });
    expectStoreEqualsWorld(s.t, s.world, expect);
    const total = worldObjects(s.world).size;
    expect(run.created).toBe(total);
    expect(run.updated).toBe(0);
    // Each object read once by the backfill; the events since it began are re-read, unchanged.
    expect(run.fetched).toBe(run.created + run.unchanged);

    // Every request went through the SDK with the pinned version and the key.
    expect(s.world.requests.every((r) => r.stripeVersion === STRIPE_API_VERSION && r.key === FAKE_STRIPE_KEY)).toBe(true);
    const productLists = s.world.requests.filter((r) => r.path === '/v1/products');
    // Pages of 3 within 2-day windows; a probe (limit 1, created[lt] = the window's start) finds the next window.
    expect(productLists.filter((r) => r.query.limit === '3').every((r) => r.query.created?.gte && r.query.created?.lt)).toBe(true);
    expect(productLists.filter((r) => r.query.limit === '1').every((r) => r.query.created?.lt && !r.query.created?.gte)).toBe(true);
    // Paging within a window: the five products made in the same second take two pages.
    expect(productLists.filter((r) => r.query.starting_after).map((r) => r.query.limit)).toEqual(['3']);
    // Expansions and all subscriptions.
    expect(s.world.requests.find((r) => r.path === '/v1/invoices')?.query.expand).toEqual(['data.payments']);
    expect(s.world.requests.find((r) => r.path === '/v1/checkout/sessions')?.query.expand).toEqual(['data.line_items']);
    expect(s.world.requests.find((r) => r.path === '/v1/subscriptions')?.query.status).toBe('all');

    // Every stream done; the events cursor where the backfill began.
    for (const type of STRIPE_OBJECT_TYPES) expect(cursor(s.t, `backfill:${type}`)).toMatchObject({ done: true, startingAfter: null });
    expect(cursor(s.t, 'backfill:product')?.read).toBe(5);
    expect(backfillDone(s.t.store.sqlite, 'stripe')).toBe(true);
    expect(eventsCursorTime(s.t.store.sqlite, 'stripe')).toBe(new Date(s.world.now * 1000).toISOString());

    // Progress after every page, in words (the first window, the last 2 days, holds no product).
    expect(progress.stages.filter((stage) => stage.startsWith('Products'))).toEqual(['Products: 0 read', 'Products: 3 read', 'Products: 5 read']);
    expect(progress.stages).toContain('Charges: 4 read');
    expect(progress.stages.at(-1)).toMatch(/^Events since \d\d:\d\d UTC on \d{4}-\d\d-\d\d: \d+ of \d+ applied$/);
  });

  it('extracts the lookup columns of each type', async () => {
    s = await syncSetup();
    populate(s.world);
    await s.sync();
    const byType = (type: string) => storedObjects(s.t).filter((o) => o.type === type);
    const world = s.world;

    const price = byType('price').find((p) => p.amount === 4900)!;
    expect(price).toMatchObject({ parent: world.all('product')[0].id, currency: 'USD', status: null, livemode: 0, deleted: 0 });

    for (const session of byType('checkout.session')) {
      const live = world.get(session.id)!;
      expect(session).toMatchObject({ payment_intent: live.payment_intent, customer: live.customer, amount: live.amount_total, status: 'complete', currency: 'USD' });
    }
    const [invoice] = byType('invoice');
    const liveInvoice = world.get(invoice.id)!;
    const payment = liveInvoice.payments.data[0];
    expect(invoice).toMatchObject({ parent: liveInvoice.parent.subscription_details.subscription, payment_intent: payment.payment.payment_intent, status: 'paid', amount: liveInvoice.total });
    const [refund] = byType('refund');
    expect(refund).toMatchObject({ amount: 1000, status: 'succeeded', parent: world.get(refund.id)!.charge, payment_intent: world.get(refund.id)!.payment_intent });
    const [dispute] = byType('dispute');
    expect(dispute).toMatchObject({ status: 'needs_response', parent: world.get(dispute.id)!.charge, payment_intent: world.get(dispute.id)!.payment_intent });
    for (const charge of byType('charge')) expect(charge.payment_intent).toBe(world.get(charge.id)!.payment_intent);
    for (const customer of byType('customer')) expect(customer.customer).toBeNull();
  });

  it('completes child lists Stripe cuts short before storing', async () => {
    const world = new StripeWorld();
    s = await syncSetup(world);
    const product = world.product({ name: 'Suite' });
    const prices = Array.from({ length: 12 }, (_, i) => world.price({ product, unitAmount: 100 + i }));
    const monthly = Array.from({ length: 12 }, (_, i) => world.price({ product, unitAmount: 200 + i, recurring: { interval: 'month' } }));
    const customer = world.customer({ email: 'big@example.com', name: 'Big Buyer' });
    const session = world.checkoutSession({ customer, lineItems: prices.map((price) => ({ price, quantity: 1 })), paid: true });
    const subscription = world.subscription({ customer, items: monthly.map((price) => ({ price, quantity: 2 })) });
    expect(world.get(session.id)!.line_items.has_more).toBe(true);

    await s.sync({ tuning: { pageSize: 5 } });
    const raw = (id: string) => JSON.parse(storedObjects(s.t).find((o) => o.id === id)!.raw);
    const storedSession = raw(session.id);
    expect(storedSession.line_items.data).toHaveLength(12);
    expect(storedSession.line_items.has_more).toBe(false);
    expect(storedSession.line_items.data.map((li: { price: { id: string } }) => li.price.id)).toEqual(prices.map((p) => p.id));
    const storedSubscription = raw(subscription.id);
    expect(storedSubscription.items.data).toHaveLength(12);
    expect(storedSubscription.items.has_more).toBe(false);
    const invoice = raw(subscription.latest_invoice as string);
    expect(invoice.lines.data).toHaveLength(12);
    expect(invoice.lines.has_more).toBe(false);
    // Read through the child list endpoints, paged from the last embedded row.
    expect(s.world.requests.filter((r) => r.path === `/v1/checkout/sessions/${session.id}/line_items`).map((r) => r.query.limit)).toContain('5');
    expect(s.world.requests.some((r) => r.path === `/v1/invoices/${invoice.id}/lines` && r.query.starting_after)).toBe(true);
    expect(s.world.requests.some((r) => r.path === '/v1/subscription_items' && r.query.subscription === subscription.id)).toBe(true);
  });

  it('runs again with nothing changed and writes nothing: incremental, and a full re-list', async () => {
    s = await syncSetup();
    populate(s.world);
    await s.sync();
    const before = storedObjects(s.t);
    const writes = countObjectWrites(s.t);

    const incremental = await s.sync();
    expect(incremental).toMatchObject({ status: 'succeeded', mode: 'incremental', created: 0, updated: 0, errors: 0 });
    expect(writes()).toBe(0);

    const full = await s.sync({ full: true });
    expect(full).toMatchObject({ status: 'succeeded', mode: 'relist', created: 0, updated: 0, errors: 0 });
    expect(full.message).toMatch(/Full sync: every object is listed again/);
    expect(full.fetched).toBeGreaterThanOrEqual(worldObjects(s.world).size);
    expect(full.unchanged).toBe(full.fetched);
    expect(writes()).toBe(0);
    expect(storedObjects(s.t)).toEqual(before);
    expect(runs(s.t).map((r) => [r.mode, r.status])).toEqual([
      ['backfill', 'succeeded'],
      ['incremental', 'succeeded'],
      ['relist', 'succeeded'],
    ]);
  });

  it('skips empty stretches of time with one probe each', async () => {
    const world = new StripeWorld();
    s = await syncSetup(world);
    world.product({ name: 'Old' });
    world.advance(400 * DAY);
    world.product({ name: 'New' });
    await s.sync();
    const lists = world.requests.filter((r) => r.path === '/v1/products');
    // Window with "New", probe, window with "Old", probe: not 200 empty 2-day windows.
    expect(lists).toHaveLength(4);
    expect(storedObjects(s.t).filter((o) => o.type === 'product')).toHaveLength(2);
  });
});
