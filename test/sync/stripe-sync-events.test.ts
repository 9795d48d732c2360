/**
 * After the backfill, runs poll `/v1/events`: oldest first, each changed object re-fetched
 * once per chunk, replayed and overlapping events applied once, deletions from the event's
 * copy, updates only when newer, and a cursor older than Stripe's event retention falls
 * back to re-listing, saying so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { objectTypeOfEvent, oldestFirst, type PolledEvent } from '../../src-main/domain/sync/stripe/events';
import { eventsCursorTime } from '../../src-main/domain/sync/cursors';
import { countObjectWrites, cursor, DAY, expectStoreEqualsWorld, populate, runs, storedObjects, syncSetup, type SyncSetup } from './stripe-sync-support';

let s: SyncSetup;
afterEach(async () => s?.cleanup());

const sqlite = () => s.t.store.sqlite;
const stored = (id: string) => storedObjects(s.t).find((o) => o.id === id);
const appliedEvents = () => (sqlite().prepare('SELECT event_id AS id FROM sync_events ORDER BY event_id').all() as Array<{ id: string }>).map((r) => r.id);
const requestsSince = (from: number) => s.world.requests.slice(from);

async function backfilled(): Promise<void> {
  s = await syncSetup();
  populate(s.world);
  await s.sync();
  // Later changes happen well after the backfill's overlap window.
  s.world.advance(3600);
}

describe('Stripe incremental sync', () => {
  it('applies each change once, re-fetching each object once per chunk, oldest first, to the current state', async () => {
    await backfilled();
    const world = s.world;
    const [resizer] = world.all('product');
    world.update(resizer.id as string, { name: 'Resizer 2' });
    world.advance(1);
    world.update(resizer.id as string, { name: 'Resizer 3' });
    world.advance(1);
    const lee = world.customer({ email: 'lee@example.com', name: 'Lee' });
    world.update(lee.id as string, { name: 'Lee Park' });
    const from = world.requests.length;

    const run = await s.sync({ tuning: { pageSize: 100 } });
    expect(run).toMatchObject({ status: 'succeeded', mode: 'incremental', created: 1, updated: 1, errors: 0 });
    expectStoreEqualsWorld(s.t, world, expect);
    expect(JSON.parse(stored(resizer.id as string)!.raw).name).toBe('Resizer 3');
    // Two updates of the product and two events of the customer: one retrieve each.
    const retrieves = requestsSince(from).filter((r) => /^\/v1\/(products|customers)\/./.test(r.path));
    expect(retrieves.map((r) => r.path).sort()).toEqual([`/v1/customers/${lee.id}`, `/v1/products/${resizer.id}`]);
    // The cursor is the newest event's time; events were asked for from it minus the overlap.
    expect(eventsCursorTime(sqlite(), 'stripe')).toBe(new Date(world.now * 1000).toISOString());
    const poll = requestsSince(from).find((r) => r.path === '/v1/events')!;
    expect(Number(poll.query.created.gte)).toBe(world.now - 3602 - 300);
  });

  it('skips events already applied when polls overlap or replay, and re-fetches nothing for them', async () => {
    await backfilled();
    const world = s.world;
    const [resizer] = world.all('product');
    world.update(resizer.id as string, { name: 'Resizer 2' });
    await s.sync();
    const applied = appliedEvents();
    expect(applied).toContain(world.events()[0].id);

    // Within the overlap: the same events come back from the next poll.
    world.advance(60);
    const writes = countObjectWrites(s.t);
    const from = world.requests.length;
    const replay = await s.sync();
    expect(replay).toMatchObject({ status: 'succeeded', fetched: 0, created: 0, updated: 0 });
    const poll = requestsSince(from);
    expect(poll.filter((r) => r.path === '/v1/events').length).toBeGreaterThan(0);
    expect(poll.filter((r) => r.path !== '/v1/events')).toEqual([]);
    expect(writes()).toBe(0);
    expect(appliedEvents()).toEqual(applied);

    // The same events delivered again after their objects changed once more: only the new change applies.
    world.update(resizer.id as string, { name: 'Resizer 3' });
    const next = await s.sync();
    expect(next).toMatchObject({ updated: 1, created: 0 });
    expect(JSON.parse(stored(resizer.id as string)!.raw).name).toBe('Resizer 3');
  });

  it('applies events that arrive out of order (older ones listed after newer, pages split within a second) and ends at the current state', async () => {
    await backfilled();
    const world = s.world;
    const ann = world.all('customer')[0];
    // Many events in one second, over several pages and chunks of 3: list order newest first.
    for (let i = 1; i <= 7; i++) world.update(ann.id as string, { name: `Ann ${i}` });
    world.remove(world.all('product').find((p) => p.name === 'Unused')!.id as string);
    const from = world.requests.length;
    const run = await s.sync();
    expect(run.status).toBe('succeeded');
    expect(JSON.parse(stored(ann.id as string)!.raw).name).toBe('Ann 7');
    expectStoreEqualsWorld(s.t, world, expect);
    // Chunks of 3 events oldest first: the customer is re-fetched once per chunk it changed in (3 chunks).
    expect(requestsSince(from).filter((r) => r.path === `/v1/customers/${ann.id}`)).toHaveLength(3);

    // The ordering itself: by time, then against Stripe's newest-first list order.
    const e = (id: string, created: number, listIndex: number): PolledEvent => ({ id, type: 'customer.updated', created, objectType: 'customer', objectId: 'cus_1', deletedCopy: null, listIndex });
    expect(oldestFirst([e('c', 20, 0), e('b', 10, 1), e('a', 10, 2), e('z', 5, 3)]).map((x) => x.id)).toEqual(['z', 'a', 'b', 'c']);
  });

  it('stores a deleted product from its event’s last copy, marked deleted', async () => {
    await backfilled();
    const world = s.world;
    const unused = world.all('product').find((p) => p.name === 'Unused')!;
    const lastCopy = world.get(unused.id as string)!;
    world.remove(unused.id as string);
    const from = world.requests.length;
    const run = await s.sync();
    expect(run).toMatchObject({ status: 'succeeded', updated: 1 });
    expect(stored(unused.id as string)).toMatchObject({ deleted: 1, type: 'product' });
    expect(JSON.parse(stored(unused.id as string)!.raw)).toEqual(lastCopy);
    // Not fetched (it would be 404 now).
    expect(requestsSince(from).some((r) => r.path === `/v1/products/${unused.id}`)).toBe(false);
    // Still deleted after a full re-list (lists no longer show it).
    await s.sync({ full: true });
    expect(stored(unused.id as string)).toMatchObject({ deleted: 1 });
  });

  it('re-fetches a subscription on customer.subscription.deleted (a cancel: Stripe still has it) instead of marking it deleted', async () => {
    await backfilled();
    const world = s.world;
    const [sub] = world.all('subscription');
    world.cancelSubscription(sub.id as string);
    const from = world.requests.length;
    const run = await s.sync();
    expect(run).toMatchObject({ status: 'succeeded', errors: 0 });
    expect(stored(sub.id as string)).toMatchObject({ deleted: 0, status: 'canceled' });
    expect(requestsSince(from).some((r) => r.path === `/v1/subscriptions/${sub.id}`)).toBe(true);
    expectStoreEqualsWorld(s.t, world, expect);
  });

  it('updates an object only when the state read is newer than the one stored', async () => {
    await backfilled();
    const world = s.world;
    const [resizer] = world.all('product');
    // The store already holds a state read later than what this sync will read.
    const future = Date.now() + 3_600_000;
    sqlite().prepare('UPDATE stripe_objects SET version = ?, raw = ? WHERE id = ?').run(future, '{"id":"newer"}', resizer.id);
    world.update(resizer.id as string, { name: 'Resizer 2' });
    const run = await s.sync();
    expect(run).toMatchObject({ status: 'succeeded', updated: 0, unchanged: 1 });
    expect(stored(resizer.id as string)!.raw).toBe('{"id":"newer"}');
    // Once the stored state is older, the read applies.
    sqlite().prepare('UPDATE stripe_objects SET version = 1 WHERE id = ?').run(resizer.id);
    world.update(resizer.id as string, { name: 'Resizer 3' });
    const later = await s.sync();
    expect(later).toMatchObject({ updated: 1 });
    expect(JSON.parse(stored(resizer.id as string)!.raw).name).toBe('Resizer 3');
  });

  it('re-lists everything when the events cursor is older than Stripe keeps events, and says so', async () => {
    await backfilled();
    const world = s.world;
    // A month and more without syncing: the events of the first days are gone.
    world.advance(31 * DAY);
    world.product({ name: 'Brand new' });
    const [resizer] = world.all('product');
    world.update(resizer.id as string, { name: 'Resizer 9' });
    const run = await s.sync();
    expect(run).toMatchObject({ status: 'succeeded', mode: 'relist', created: 1, updated: 1, errors: 0 });
    expect(run.message).toMatch(/^The last sync read Stripe's events up to .+; Stripe keeps events for 30 days, so this sync lists every object again instead\.$/);
    expectStoreEqualsWorld(s.t, world, expect);
    expect(cursor(s.t, 'events')).toEqual({ created: world.now });
    expect(runs(s.t).map((r) => r.mode)).toEqual(['backfill', 'relist']);
    // Applied events older than retention and a day are forgotten.
    const oldest = sqlite().prepare('SELECT min(created) AS t FROM sync_events').get() as { t: number };
    expect(oldest.t).toBeGreaterThanOrEqual(world.now - 31 * DAY);
    // And the next run polls events again.
    world.advance(60);
    world.update(resizer.id as string, { name: 'Resizer 10' });
    expect(await s.sync()).toMatchObject({ mode: 'incremental', updated: 1 });
  });

  it('lists once on a full sync whose events cursor is older than Stripe keeps events, moving that cursor too', async () => {
    await backfilled();
    const world = s.world;
    world.advance(31 * DAY);
    world.product({ name: 'Brand new' });
    const from = world.requests.length;
    const run = await s.sync({ full: true });
    expect(run).toMatchObject({ status: 'succeeded', mode: 'relist', created: 1, errors: 0 });
    expect(runs(s.t).map((r) => r.mode)).toEqual(['backfill', 'relist']);
    expectStoreEqualsWorld(s.t, world, expect);
    expect(cursor(s.t, 'events')).toEqual({ created: world.now });
    // One pass: no list request sent twice, and the five products made together paged once (3 + 2).
    const productLists = requestsSince(from).filter((r) => r.path === '/v1/products');
    const queries = productLists.map((r) => JSON.stringify(r.query));
    expect(new Set(queries).size).toBe(queries.length);
    expect(productLists.filter((r) => r.query.starting_after)).toHaveLength(1);
    // Each object of the account read once, and the new product's event re-fetched it once more.
    expect(run.fetched).toBe(storedObjects(s.t).length + 1);
  });

  it('keeps a quiet account incremental: each empty poll moves the cursor to Stripe’s time minus the overlap, so 31 quiet days never re-list', async () => {
    s = await syncSetup();
    populate(s.world);
    const world = s.world;
    // Stripe's clock is the fake account's (its server's Date header is this computer's).
    const atStripeTime = { tuning: { stripeClock: () => world.now } };
    await s.sync(atStripeTime);
    const from = world.requests.length;
    for (let day = 1; day <= 31; day++) {
      world.advance(DAY);
      expect(await s.sync(atStripeTime)).toMatchObject({ status: 'succeeded', mode: 'incremental', fetched: 0, message: null });
      expect(cursor(s.t, 'events')).toEqual({ created: world.now - 300 });
    }
    // Only events were asked for, each time from the cursor minus the overlap.
    const polls = requestsSince(from);
    expect(polls.every((r) => r.path === '/v1/events')).toBe(true);
    expect(Number(polls.at(-1)!.query.created.gte)).toBe(world.now - DAY - 600);
    // And a change after all that quiet still comes through its event.
    world.advance(60);
    const [resizer] = world.all('product');
    world.update(resizer.id as string, { name: 'Resizer 31' });
    expect(await s.sync(atStripeTime)).toMatchObject({ mode: 'incremental', updated: 1 });
    expect(cursor(s.t, 'events')).toEqual({ created: world.now });
  });

  it('maps event types to the objects they change', () => {
    expect(
      [
        'product.updated',
        'price.deleted',
        'customer.created',
        'customer.subscription.updated',
        'customer.discount.created',
        'customer.source.created',
        'invoice.paid',
        'invoice_payment.paid',
        'invoiceitem.created',
        'checkout.session.completed',
        'payment_intent.succeeded',
        'charge.refunded',
        'charge.dispute.closed',
        'charge.refund.updated',
        'refund.created',
        'plan.updated',
      ].map((type) => [type, objectTypeOfEvent(type)]),
    ).toEqual([
      ['product.updated', 'product'],
      ['price.deleted', 'price'],
      ['customer.created', 'customer'],
      ['customer.subscription.updated', 'subscription'],
      ['customer.discount.created', null],
      ['customer.source.created', null],
      ['invoice.paid', 'invoice'],
      ['invoice_payment.paid', 'invoice'],
      ['invoiceitem.created', null],
      ['checkout.session.completed', 'checkout.session'],
      ['payment_intent.succeeded', 'payment_intent'],
      ['charge.refunded', 'charge'],
      ['charge.dispute.closed', 'dispute'],
      ['charge.refund.updated', 'refund'],
      ['refund.created', 'refund'],
      ['plan.updated', null],
    ]);
  });

  it('follows a new purchase, a refund and a dispute through their events', async () => {
    await backfilled();
    const w = s.world;
    const price = w.all('price').find((p) => p.unit_amount === 4900)!;
    const session = w.checkoutSession({ email: 'eve@example.com', name: 'Eve', lineItems: [{ price: price.id as string, quantity: 1 }], paid: true });
    w.advance(10);
    w.refund({ paymentIntent: session.payment_intent as string });
    w.dispute({ paymentIntent: w.all('checkout.session')[0].payment_intent as string, status: 'lost' });
    const run = await s.sync();
    expect(run).toMatchObject({ status: 'succeeded', errors: 0 });
    // Stripe sends no event when a dispute sets its charge's `disputed` flag: that copy stays as last read.
    const disputedCharge = w.all('dispute').at(-1)!.charge as string;
    expect(JSON.parse(stored(disputedCharge)!.raw)).toEqual({ ...w.get(disputedCharge), disputed: false });
    s.t.store.sqlite.prepare('UPDATE stripe_objects SET raw = ? WHERE id = ?').run(JSON.stringify(w.get(disputedCharge)), disputedCharge);
    expectStoreEqualsWorld(s.t, w, expect);
    const refund = storedObjects(s.t).find((o) => o.type === 'refund' && o.payment_intent === session.payment_intent);
    expect(refund).toMatchObject({ status: 'succeeded', amount: 4900 });
  });
});
