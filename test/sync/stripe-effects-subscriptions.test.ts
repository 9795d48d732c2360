/**
 * Effects of subscriptions: the rows kept for them, and their licenses following the
 * paid period plus the SKU's grace while active, standing still while Stripe retries,
 * ending with renewal (an earlier end brings the expiry forward) and following again on
 * return; seats added and given back; licenses staff revoked left alone.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { addDays } from '../../src-main/shared/time';
import { domainFileOf } from '../domain/license-lifecycle-fixture';
import type { Json } from '../support/stripe/world';
import { auditOf, DAY, effectsSetup, iso, licenses, one, rows, subscriptionItems, subscriptions, transactions, type EffectsSetup } from './stripe-effects-support';

let s: EffectsSetup;
afterEach(() => s?.cleanup());

const GRACE = 5;

/** Resizer (SKU R1: 5 days' grace, a year's license otherwise, 3 domains) sold monthly; Ann subscribes to `seats`. */
async function subscribed(seats = 2, options: { status?: 'active' | 'trialing'; metadata?: boolean } = {}) {
  s = await effectsSetup();
  await s.lic.sku({ subscriptionGraceDays: GRACE, licenseDuration: 365, maxDomains: 3, manualDomainDuration: 400 });
  const product = s.world.product({ name: 'Resizer', metadata: options.metadata === false ? {} : { keyhub_sku: 'R1' } });
  const monthly = s.world.price({ product, unitAmount: 900, recurring: { interval: 'month' } });
  const ann = s.world.customer({ email: 'ann@example.com', name: 'Ann Lee' });
  const sub = s.world.subscription({ customer: ann, items: [{ price: monthly, quantity: seats }], status: options.status });
  const first = await s.syncWorld();
  expect(first.errors).toEqual([]);
  return { product, monthly, ann, sub, si: sub.items.data[0].id as string };
}

const current = (id: string): Json => s.world.get(id)!;
const periodEnd = (sub: Json) => iso(sub.items.data[0].current_period_end);
const expiries = () => licenses(s.t).map((l) => ({ id: l.id, status: l.status, expires: l.expires, fileExpires: l.fileExpires }));

describe('subscription rows', () => {
  test('a subscription and its items are kept as Stripe shows them, with the customer found or created', async () => {
    const { sub, si, ann, monthly, product } = await subscribed();
    expect(subscriptions(s.t)).toEqual([
      {
        id: sub.id,
        status: 'active',
        customerId: 1,
        cus: ann.id,
        currency: 'USD',
        periodStart: iso(sub.items.data[0].current_period_start),
        periodEnd: periodEnd(sub),
        cancelAtPeriodEnd: 0,
        cancelAt: null,
        canceledAt: null,
        endedAt: null,
        renewalEndedAt: null,
        startedAt: iso(sub.start_date),
      },
    ]);
    expect(subscriptionItems(s.t)).toEqual([
      { subscription: sub.id, id: si, price: monthly.id, product: product.id, sku: 'R1', quantity: 2, periodStart: iso(sub.items.data[0].current_period_start), periodEnd: periodEnd(sub) },
    ]);
    expect(rows(s.t, 'SELECT c.name, c.email, pc.provider_customer_id AS cus FROM customers c JOIN provider_customers pc ON pc.customer_id = c.id')).toEqual([
      { name: 'Ann Lee', email: 'ann@example.com', cus: ann.id },
    ]);
    const expires = addDays(periodEnd(sub), GRACE);
    expect(expiries()).toEqual([
      { id: 1, status: 'active', expires, fileExpires: expires },
      { id: 2, status: 'active', expires, fileExpires: expires },
    ]);
  });

  test('a subscription synced before its customer gets the customer when the customer arrives', async () => {
    s = await effectsSetup();
    await s.lic.sku({ subscriptionGraceDays: GRACE });
    const product = s.world.product({ name: 'Resizer', metadata: { keyhub_sku: 'R1' } });
    const monthly = s.world.price({ product, unitAmount: 900, recurring: { interval: 'month' } });
    const bob = s.world.customer({ email: 'bob@example.com', name: 'Bob Roe' });
    const sub = s.world.subscription({ customer: bob, items: [{ price: monthly, quantity: 1 }] });
    await s.apply([product, monthly, current(sub.id)]);
    expect(subscriptions(s.t).map((r) => [r.customerId, r.cus])).toEqual([[null, bob.id]]);
    await s.apply([current(bob.id)]);
    expect(subscriptions(s.t).map((r) => [r.customerId, r.cus])).toEqual([[1, bob.id]]);
    expect(rows(s.t, 'SELECT name, email FROM customers')).toEqual([{ name: 'Bob Roe', email: 'bob@example.com' }]);
  });
});

describe('licenses follow the subscription', () => {
  test('a renewal moves every seat to the new period end plus grace, re-signed, with the reason in its timeline', async () => {
    const { sub } = await subscribed();
    s.world.advance(30 * DAY);
    s.world.renewSubscription(sub.id);
    const renewed = current(sub.id);
    // The renewal invoice alone: every seat has its license already, so nothing signs and no key is asked for.
    const invoiceOnly = await s.apply([current(renewed.latest_invoice)]);
    expect(invoiceOnly).toEqual({ tally: { fulfilled: 0, revoked: 0, restored: 0, renewed: 0, waiting: 0 }, keys: new Set(), errors: [] });
    const { tally, keys } = await s.syncWorld();
    expect(keys).toEqual(new Set([s.lic.key.id]));
    expect(tally).toMatchObject({ renewed: 2, fulfilled: 0 });
    const expires = addDays(periodEnd(renewed), GRACE);
    expect(expiries()).toEqual([
      { id: 1, status: 'active', expires, fileExpires: expires },
      { id: 2, status: 'active', expires, fileExpires: expires },
    ]);
    expect(transactions(s.t).map((t) => [t.type, t.status])).toEqual([
      ['subscription_create', 'confirmed'],
      ['subscription_cycle', 'confirmed'],
    ]);
    const timeline = await s.t.call('license.timeline', { id: 1 });
    const paidUntil = periodEnd(renewed).slice(0, 16).replace('T', ' ');
    expect(timeline.at(-1)).toMatchObject({
      actor: 'sync:stripe',
      action: 'license.renew',
      summary: `Renewed by sync:stripe: now expires ${expires.slice(0, 16).replace('T', ' ')} UTC (was ${addDays(periodEnd(sub), GRACE).slice(0, 16).replace('T', ' ')} UTC). Follows Stripe subscription ${sub.id} paid until ${paidUntil} UTC.`,
    });
    // Nothing changed since: nothing to apply, nothing to sign.
    expect(await s.syncWorld()).toMatchObject({ keys: new Set(), tally: { renewed: 0 } });
  });

  test('past_due leaves the expiry; unpaid ends renewal and leaves it; paid again, it follows the new period', async () => {
    const { sub } = await subscribed(1);
    const before = addDays(periodEnd(sub), GRACE);
    s.world.advance(30 * DAY);
    s.world.failRenewal(sub.id);
    const pastDue = await s.syncWorld();
    expect(pastDue.keys).toEqual(new Set());
    expect(subscriptions(s.t).map((r) => [r.status, r.renewalEndedAt])).toEqual([['past_due', null]]);
    expect(expiries()).toEqual([{ id: 1, status: 'active', expires: before, fileExpires: before }]);
    expect(transactions(s.t).map((t) => t.status)).toEqual(['confirmed', 'waiting']);

    s.world.advance(3 * DAY);
    s.world.failRenewal(sub.id);
    await s.syncWorld();
    const lapsedAt = subscriptions(s.t)[0].renewalEndedAt as string;
    expect(subscriptions(s.t).map((r) => r.status)).toEqual(['unpaid']);
    expect(lapsedAt).not.toBeNull();
    expect(expiries()).toEqual([{ id: 1, status: 'active', expires: before, fileExpires: before }]);
    expect(auditOf(s.t, 'subscription.renewalEnded').map((a) => a.details)).toEqual([
      { provider: 'stripe', id: sub.id, from: 'past_due', to: 'unpaid', renewalEndedAt: lapsedAt },
    ]);

    s.world.advance(2 * DAY);
    s.world.payLatestInvoice(sub.id);
    const back = await s.syncWorld();
    expect(back.tally.renewed).toBe(1);
    const after = addDays(periodEnd(current(sub.id)), GRACE);
    expect(after > before).toBe(true);
    expect(subscriptions(s.t).map((r) => [r.status, r.renewalEndedAt])).toEqual([['active', null]]);
    expect(expiries()).toEqual([{ id: 1, status: 'active', expires: after, fileExpires: after }]);
    expect(transactions(s.t).map((t) => t.status)).toEqual(['confirmed', 'confirmed']);
    expect(auditOf(s.t, 'subscription.renewalRestored')).toHaveLength(1);
  });

  test('cancelled now, mid-period: the expiry is brought forward to the end plus grace, and domain licenses are capped with it', async () => {
    const { sub } = await subscribed(1);
    const domain = await s.t.call('domain.add', { licenseId: 1, domain: 'shop.example.com' });
    expect(domain.expires).toBe(addDays(periodEnd(sub), GRACE));
    s.world.advance(10 * DAY);
    s.world.cancelSubscription(sub.id);
    const { tally } = await s.syncWorld();
    expect(tally.renewed).toBe(1);
    const ended = iso(current(sub.id).ended_at);
    const expires = addDays(ended, GRACE);
    expect(subscriptions(s.t).map((r) => [r.status, r.endedAt, r.renewalEndedAt])).toEqual([['canceled', ended, ended]]);
    expect(expiries()).toEqual([{ id: 1, status: 'active', expires, fileExpires: expires }]);
    expect(one(s.t, 'SELECT expires FROM domain_licenses')).toEqual({ expires });
    expect(domainFileOf(s.t, domain.id).expires).toBe(expires);
    const timeline = await s.t.call('license.timeline', { id: 1 });
    expect(timeline.at(-1)!.summary).toMatch(
      new RegExp(`^Expiry brought forward by sync:stripe: now expires .* \\(was .*\\); 1 domain license brought forward with it\\. Stripe subscription ${sub.id} ended on .* \\(canceled\\), before its paid period did; the license ends 5 days after it\\.$`),
    );
  });

  test("Stripe's customer.subscription.deleted (a cancel: the engine stores its copy as deleted) ends renewal like any cancel", async () => {
    const { sub } = await subscribed(1);
    s.world.advance(10 * DAY);
    s.world.cancelSubscription(sub.id);
    const { tally, errors } = await s.apply([{ ...current(sub.id), deleted: true }]);
    expect(errors).toEqual([]);
    expect(tally.renewed).toBe(1);
    const ended = iso(current(sub.id).ended_at);
    expect(subscriptions(s.t).map((r) => [r.status, r.renewalEndedAt])).toEqual([['canceled', ended]]);
    expect(expiries()).toEqual([{ id: 1, status: 'active', expires: addDays(ended, GRACE), fileExpires: addDays(ended, GRACE) }]);
  });

  test('cancel at the period end changes nothing until it ends, and ending then changes nothing either', async () => {
    const { sub } = await subscribed(1);
    const expires = addDays(periodEnd(sub), GRACE);
    s.world.advance(5 * DAY);
    s.world.cancelSubscription(sub.id, { atPeriodEnd: true });
    const scheduled = await s.syncWorld();
    expect(scheduled).toMatchObject({ keys: new Set(), tally: { renewed: 0 } });
    expect(subscriptions(s.t).map((r) => [r.status, r.cancelAtPeriodEnd, r.cancelAt])).toEqual([['active', 1, periodEnd(sub)]]);

    s.world.advance(26 * DAY);
    s.world.cancelSubscription(sub.id);
    const ended = await s.syncWorld();
    expect(ended).toMatchObject({ keys: new Set(), tally: { renewed: 0 } });
    expect(subscriptions(s.t).map((r) => [r.status, r.endedAt, r.renewalEndedAt])).toEqual([['canceled', periodEnd(sub), periodEnd(sub)]]);
    expect(expiries()).toEqual([{ id: 1, status: 'active', expires, fileExpires: expires }]);
  });

  test('more seats issue the missing units (at once when invoiced now); seats given back stop following', async () => {
    const { sub, si } = await subscribed(2);
    s.world.advance(2 * DAY);
    s.world.setSubscriptionQuantity(sub.id, 0, 3, { invoiceNow: true });
    const more = await s.syncWorld();
    expect(more.tally.fulfilled).toBe(1);
    const expires = addDays(periodEnd(sub), GRACE);
    expect(licenses(s.t).map((l) => [l.item, l.unit, l.expires])).toEqual([
      [si, 1, expires],
      [si, 2, expires],
      [si, 3, expires],
    ]);
    expect(transactions(s.t).map((t) => [t.type, t.gross])).toEqual([
      ['subscription_create', 1800],
      ['subscription_update', 900],
    ]);

    // Back to one seat: at the renewal only unit 1 follows; 2 and 3 keep their expiry and lapse.
    s.world.setSubscriptionQuantity(sub.id, 0, 1);
    await s.syncWorld();
    s.world.advance(30 * DAY);
    s.world.renewSubscription(sub.id);
    const renewed = await s.syncWorld();
    expect(renewed.tally).toMatchObject({ renewed: 1, fulfilled: 0 });
    const next = addDays(periodEnd(current(sub.id)), GRACE);
    expect(licenses(s.t).map((l) => [l.unit, l.expires])).toEqual([
      [1, next],
      [2, expires],
      [3, expires],
    ]);
  });

  test('a license staff revoked is left alone by renewals', async () => {
    const { sub } = await subscribed(2);
    await s.t.call('license.revoke', { id: 1, reason: 'Fraud' });
    s.world.advance(30 * DAY);
    s.world.renewSubscription(sub.id);
    const { tally } = await s.syncWorld();
    expect(tally.renewed).toBe(1);
    const [revoked, active] = expiries();
    expect(revoked).toEqual({ id: 1, status: 'revoked', expires: addDays(periodEnd(sub), GRACE), fileExpires: addDays(periodEnd(sub), GRACE) });
    expect(active.expires).toBe(addDays(periodEnd(current(sub.id)), GRACE));
  });

  test('a trial issues licenses until the trial end plus grace', async () => {
    const { sub } = await subscribed(1, { status: 'trialing' });
    const expires = addDays(iso(sub.trial_end), GRACE);
    expect(subscriptions(s.t).map((r) => r.status)).toEqual(['trialing']);
    expect(transactions(s.t).map((t) => [t.status, t.gross])).toEqual([['confirmed', 0]]);
    expect(expiries()).toEqual([{ id: 1, status: 'active', expires, fileExpires: expires }]);
  });

  test('an item mapped on screen later is issued until its period end plus grace, not for the SKU duration', async () => {
    const { monthly, sub } = await subscribed(1, { metadata: false });
    expect(licenses(s.t)).toEqual([]);
    expect(subscriptionItems(s.t).map((i) => i.sku)).toEqual([null]);
    const skuId = (await s.t.call('sku.list', {})).items[0].id;
    const mapped = await s.t.call('fulfilment.map', { matchField: 'item_number', matchValue: monthly.id, skuId });
    expect(mapped.issued).toBe(1);
    const expires = addDays(periodEnd(sub), GRACE);
    expect(expiries()).toEqual([{ id: 1, status: 'active', expires, fileExpires: expires }]);
  });
});

describe('licenses follow the paid period, not the period Stripe has started', () => {
  test('a period started but not paid yet (the subscription still active) moves nothing; paid, its invoice alone moves the licenses', async () => {
    const { sub } = await subscribed(1);
    const paid = addDays(periodEnd(sub), GRACE);
    s.world.advance(30 * DAY);
    s.world.advanceSubscriptionPeriod(sub.id);
    const window = await s.syncWorld();
    expect(window).toMatchObject({ errors: [], keys: new Set(), tally: { renewed: 0, fulfilled: 0 } });
    expect(subscriptions(s.t).map((r) => [r.status, r.periodEnd])).toEqual([['active', periodEnd(current(sub.id))]]);
    expect(transactions(s.t).map((t) => [t.type, t.status])).toEqual([
      ['subscription_create', 'confirmed'],
      ['subscription_cycle', 'waiting'],
    ]);
    expect(expiries()).toEqual([{ id: 1, status: 'active', expires: paid, fileExpires: paid }]);

    // Paid an hour later: the invoice alone (its subscription shows nothing new) moves the license.
    s.world.advance(3600);
    s.world.payLatestInvoice(sub.id);
    const invoice = current(current(sub.id).latest_invoice);
    const { tally, keys, errors } = await s.apply([invoice]);
    expect(errors).toEqual([]);
    expect(keys).toEqual(new Set([s.lic.key.id]));
    expect(tally).toMatchObject({ renewed: 1, fulfilled: 0 });
    const next = addDays(periodEnd(current(sub.id)), GRACE);
    expect(expiries()).toEqual([{ id: 1, status: 'active', expires: next, fileExpires: next }]);
    expect(transactions(s.t).map((t) => t.status)).toEqual(['confirmed', 'confirmed']);
    const timeline = await s.t.call('license.timeline', { id: 1 });
    expect(timeline.at(-1)!.summary).toMatch(new RegExp(`Follows Stripe subscription ${sub.id} paid until ${periodEnd(current(sub.id)).slice(0, 16).replace('T', ' ')} UTC\\.$`));
    // The subscription synced afterwards changes nothing more.
    expect(await s.syncWorld()).toMatchObject({ errors: [], keys: new Set(), tally: { renewed: 0 } });
  });

  test('a period never paid: past_due, then unpaid, leave the license at the last paid period plus grace', async () => {
    const { sub } = await subscribed(1);
    const paid = addDays(periodEnd(sub), GRACE);
    s.world.advance(30 * DAY);
    s.world.advanceSubscriptionPeriod(sub.id);
    await s.syncWorld();
    s.world.advance(3600);
    s.world.update(sub.id, { status: 'past_due' });
    await s.syncWorld();
    s.world.advance(14 * DAY);
    s.world.update(sub.id, { status: 'unpaid' });
    const lapsed = await s.syncWorld();
    expect(lapsed).toMatchObject({ errors: [], keys: new Set(), tally: { renewed: 0 } });
    expect(subscriptions(s.t).map((r) => [r.status, r.renewalEndedAt !== null])).toEqual([['unpaid', true]]);
    expect(expiries()).toEqual([{ id: 1, status: 'active', expires: paid, fileExpires: paid }]);
  });

  test('a first sync while the new period is unpaid issues the seats until the paid period ends plus grace', async () => {
    s = await effectsSetup();
    await s.lic.sku({ subscriptionGraceDays: GRACE, licenseDuration: 365 });
    const product = s.world.product({ name: 'Resizer', metadata: { keyhub_sku: 'R1' } });
    const monthly = s.world.price({ product, unitAmount: 900, recurring: { interval: 'month' } });
    const ann = s.world.customer({ email: 'ann@example.com', name: 'Ann Lee' });
    const sub = s.world.subscription({ customer: ann, items: [{ price: monthly, quantity: 2 }] });
    const paid = addDays(periodEnd(sub), GRACE);
    s.world.advance(30 * DAY);
    s.world.advanceSubscriptionPeriod(sub.id);
    const { errors, tally } = await s.syncWorld();
    expect(errors).toEqual([]);
    expect(tally).toMatchObject({ fulfilled: 2, renewed: 0 });
    expect(expiries()).toEqual([
      { id: 1, status: 'active', expires: paid, fileExpires: paid },
      { id: 2, status: 'active', expires: paid, fileExpires: paid },
    ]);
  });

  test("a trial ending into a first period not paid yet keeps the trial's end plus grace", async () => {
    const { sub } = await subscribed(1, { status: 'trialing' });
    s.world.advance(14 * DAY);
    s.world.advanceSubscriptionPeriod(sub.id);
    await s.syncWorld();
    const trialEnd = addDays(iso(sub.trial_end), GRACE);
    expect(subscriptions(s.t).map((r) => r.status)).toEqual(['active']);
    expect(expiries()).toEqual([{ id: 1, status: 'active', expires: trialEnd, fileExpires: trialEnd }]);
  });
});

describe('money back on a subscription', () => {
  test('a full refund of an upgrade invoice revokes only the seat it added: the first invoice still pays for seat 1, whose expiry stays', async () => {
    const { sub, si } = await subscribed(1);
    s.world.advance(2 * DAY);
    s.world.setSubscriptionQuantity(sub.id, 0, 2, { invoiceNow: true });
    expect((await s.syncWorld()).tally.fulfilled).toBe(1);
    const expires = addDays(periodEnd(sub), GRACE);
    const upgrade = current(current(sub.id).latest_invoice);
    const refund = s.world.refund({ paymentIntent: upgrade.payments.data[0].payment.payment_intent });
    const { tally, errors, keys } = await s.syncWorld();
    expect(errors).toEqual([]);
    expect(keys).toEqual(new Set());
    expect(tally).toMatchObject({ revoked: 1, renewed: 0 });
    expect(transactions(s.t).map((t) => [t.type, t.status, t.refunded])).toEqual([
      ['subscription_create', 'confirmed', 0],
      ['subscription_update', 'refunded', 900],
    ]);
    expect(licenses(s.t).map((l) => [l.item, l.unit, l.status, l.expires, l.fileExpires])).toEqual([
      [si, 1, 'active', expires, expires],
      [si, 2, 'revoked', expires, expires],
    ]);
    expect(rows(s.t, "SELECT status_reason AS reason FROM licenses WHERE status = 'revoked'")).toEqual([{ reason: `Refunded at Stripe (${refund.id}) (requested_by_customer).` }]);
    const log = one(s.t, "SELECT message FROM payment_logs WHERE event_type = 'refund'") as { message: string };
    expect(log.message).toMatch(/in full\. 1 license stays: another payment of the same subscription covers it\.$/);
  });

  test('a goodwill full refund of the latest renewal keeps the seats the first invoice paid for, until its period ends plus grace; the next renewal paid, they follow again', async () => {
    const { sub } = await subscribed(2);
    s.world.advance(30 * DAY);
    s.world.renewSubscription(sub.id);
    await s.syncWorld();
    const renewal = current(current(sub.id).latest_invoice);
    expect(expiries().map((l) => l.expires)).toEqual([addDays(periodEnd(current(sub.id)), GRACE), addDays(periodEnd(current(sub.id)), GRACE)]);
    s.world.refund({ paymentIntent: renewal.payments.data[0].payment.payment_intent });
    const refunded = await s.syncWorld();
    expect(refunded.errors).toEqual([]);
    expect(refunded.keys).toEqual(new Set([s.lic.key.id]));
    expect(refunded.tally).toMatchObject({ revoked: 0, renewed: 2 });
    expect(transactions(s.t).map((t) => [t.type, t.status, t.refunded])).toEqual([
      ['subscription_create', 'confirmed', 0],
      ['subscription_cycle', 'refunded', 1800],
    ]);
    const back = addDays(periodEnd(sub), GRACE);
    expect(expiries()).toEqual([
      { id: 1, status: 'active', expires: back, fileExpires: back },
      { id: 2, status: 'active', expires: back, fileExpires: back },
    ]);
    const log = one(s.t, "SELECT message FROM payment_logs WHERE event_type = 'refund'") as { message: string };
    expect(log.message).toMatch(/in full\. 2 licenses stay: another payment of the same subscription covers them\.$/);
    const timeline = await s.t.call('license.timeline', { id: 1 });
    expect(timeline.at(-1)).toMatchObject({ actor: 'sync:stripe' });
    expect(timeline.at(-1)!.summary).toMatch(
      new RegExp(`^Expiry brought forward by sync:stripe: now expires ${back.slice(0, 16).replace('T', ' ')} UTC \\(was .*\\)\\. Follows Stripe subscription ${sub.id} paid until ${periodEnd(sub).slice(0, 16).replace('T', ' ')} UTC\\.$`),
    );

    s.world.advance(30 * DAY);
    s.world.renewSubscription(sub.id);
    const next = await s.syncWorld();
    expect(next.errors).toEqual([]);
    expect(next.tally).toMatchObject({ revoked: 0, renewed: 2, fulfilled: 0 });
    const follows = addDays(periodEnd(current(sub.id)), GRACE);
    expect(expiries()).toEqual([
      { id: 1, status: 'active', expires: follows, fileExpires: follows },
      { id: 2, status: 'active', expires: follows, fileExpires: follows },
    ]);
  });

  test('a full refund of the only invoice still revokes its seats', async () => {
    const { sub } = await subscribed(2);
    const first = current(current(sub.id).latest_invoice);
    const refund = s.world.refund({ paymentIntent: first.payments.data[0].payment.payment_intent });
    const { tally, errors } = await s.syncWorld();
    expect(errors).toEqual([]);
    expect(tally).toMatchObject({ revoked: 2, renewed: 0 });
    expect(transactions(s.t).map((t) => [t.type, t.status, t.refunded])).toEqual([['subscription_create', 'refunded', 1800]]);
    expect(licenses(s.t).map((l) => [l.unit, l.status])).toEqual([
      [1, 'revoked'],
      [2, 'revoked'],
    ]);
    expect(rows(s.t, 'SELECT status_reason AS reason FROM licenses')).toEqual([
      { reason: `Refunded at Stripe (${refund.id}) (requested_by_customer).` },
      { reason: `Refunded at Stripe (${refund.id}) (requested_by_customer).` },
    ]);
  });

  test('a full refund of an old invoice leaves the seats a later paid invoice covers (and says so, their expiry unchanged); refunding the later one revokes them', async () => {
    const { sub } = await subscribed(2);
    const first = current(current(sub.id).latest_invoice);
    s.world.advance(30 * DAY);
    s.world.renewSubscription(sub.id);
    await s.syncWorld();
    s.world.refund({ paymentIntent: first.payments.data[0].payment.payment_intent });
    const old = await s.syncWorld();
    expect(old.errors).toEqual([]);
    expect(old.tally.revoked).toBe(0);
    expect(transactions(s.t).map((t) => [t.type, t.status])).toEqual([
      ['subscription_create', 'refunded'],
      ['subscription_cycle', 'confirmed'],
    ]);
    expect(licenses(s.t).map((l) => [l.unit, l.status])).toEqual([
      [1, 'active'],
      [2, 'active'],
    ]);
    expect(old.tally.renewed).toBe(0);
    const log = one(s.t, "SELECT message FROM payment_logs WHERE event_type = 'refund'") as { message: string };
    expect(log.message).toMatch(/in full\. 2 licenses stay: another payment of the same subscription covers them\.$/);

    const renewal = current(current(sub.id).latest_invoice);
    s.world.refund({ paymentIntent: renewal.payments.data[0].payment.payment_intent });
    const latest = await s.syncWorld();
    expect(latest.tally.revoked).toBe(2);
    expect(licenses(s.t).map((l) => [l.unit, l.status])).toEqual([
      [1, 'revoked'],
      [2, 'revoked'],
    ]);
  });

  test('a lost dispute of a renewal reverses it: the seat stays, paid by the first invoice until its end plus grace; a lost dispute of that one revokes it', async () => {
    const { sub } = await subscribed(1);
    const first = current(current(sub.id).latest_invoice);
    s.world.advance(30 * DAY);
    s.world.renewSubscription(sub.id);
    const renewal = current(current(sub.id).latest_invoice);
    s.world.dispute({ paymentIntent: renewal.payments.data[0].payment.payment_intent, status: 'lost' });
    const { tally, errors } = await s.syncWorld();
    expect(errors).toEqual([]);
    expect(tally.revoked).toBe(0);
    expect(transactions(s.t).map((t) => [t.type, t.status])).toEqual([
      ['subscription_create', 'confirmed'],
      ['subscription_cycle', 'reversed'],
    ]);
    const back = addDays(periodEnd(sub), GRACE);
    expect(expiries()).toEqual([{ id: 1, status: 'active', expires: back, fileExpires: back }]);

    s.world.dispute({ paymentIntent: first.payments.data[0].payment.payment_intent, status: 'lost' });
    const lost = await s.syncWorld();
    expect(lost.tally.revoked).toBe(1);
    expect(transactions(s.t).map((t) => t.status)).toEqual(['reversed', 'reversed']);
    expect(licenses(s.t).map((l) => [l.unit, l.status])).toEqual([[1, 'revoked']]);
  });

  test('a refund revokes only the seats no other owed payment covers; a partial one asks about them, and staff can revoke them', async () => {
    const { sub } = await subscribed(3);
    const first = current(current(sub.id).latest_invoice);
    s.world.setSubscriptionQuantity(sub.id, 0, 2);
    s.world.advance(30 * DAY);
    s.world.renewSubscription(sub.id);
    await s.syncWorld();
    const renewal = current(current(sub.id).latest_invoice);
    const intent = renewal.payments.data[0].payment.payment_intent as string;
    s.world.refund({ paymentIntent: intent, amount: 900 });
    await s.syncWorld();
    const [, cycle] = transactions(s.t);
    expect([cycle.status, cycle.decision]).toEqual(['partially_refunded', 'Partial refund of 9.00 USD of 18.00 USD: decide which of the 2 licenses to revoke, or keep them all.']);
    const id = (one(s.t, 'SELECT id FROM transactions WHERE provider_txn_id = ?', renewal.id) as { id: number }).id;
    const detail = await s.t.call('transaction.get', { id });
    expect(detail.items.map((i) => [i.providerItemId, i.quantity, i.licenses.map((l) => l.unit)])).toEqual([[sub.items.data[0].id, 2, [1, 2]]]);
    await s.t.call('transaction.decide', { id, revokeLicenseIds: [2], note: 'One seat refunded' });
    expect(licenses(s.t).map((l) => [l.unit, l.status])).toEqual([
      [1, 'active'],
      [2, 'revoked'],
      [3, 'active'],
    ]);

    // The first invoice refunded in full: the renewal (partly refunded, still owed) covers unit 1; unit 3 only the first paid for.
    s.world.refund({ paymentIntent: first.payments.data[0].payment.payment_intent });
    const old = await s.syncWorld();
    expect(old.tally.revoked).toBe(1);
    expect(licenses(s.t).map((l) => [l.unit, l.status])).toEqual([
      [1, 'active'],
      [2, 'revoked'],
      [3, 'revoked'],
    ]);

    s.world.refund({ paymentIntent: intent });
    const { tally } = await s.syncWorld();
    expect(tally.revoked).toBe(1);
    expect(licenses(s.t).map((l) => [l.unit, l.status])).toEqual([
      [1, 'revoked'],
      [2, 'revoked'],
      [3, 'revoked'],
    ]);
  });
});

describe('seats an invoice issues', () => {
  /** A paid invoice of the subscription with these lines for its item (amount in cents, quantity). */
  function invoiceOf(sub: Json, id: string, lines: Array<{ amount: number; quantity: number }>): Json {
    const si = sub.items.data[0];
    const total = lines.reduce((sum, l) => sum + l.amount, 0);
    return {
      id,
      object: 'invoice',
      created: s.world.now,
      status: 'paid',
      currency: 'usd',
      customer: sub.customer,
      billing_reason: 'subscription_update',
      amount_paid: Math.max(0, total),
      amount_due: Math.max(0, total),
      total,
      status_transitions: { paid_at: s.world.now },
      parent: { type: 'subscription_details', subscription_details: { subscription: sub.id } },
      lines: {
        object: 'list',
        data: lines.map((l, i) => ({
          id: `il_1KH${id.slice(-4)}${i}`,
          amount: l.amount,
          quantity: l.quantity,
          period: { start: s.world.now, end: si.current_period_end },
          parent: { type: 'subscription_item_details', subscription_item_details: { subscription: sub.id, subscription_item: si.id, proration: true } },
          pricing: { type: 'price_details', price_details: { price: si.price.id, product: si.price.product } },
        })),
      },
      payments: { object: 'list', data: [] },
    };
  }

  test('an invoice with only credit lines (seats given back, a cancel) issues nothing', async () => {
    const { sub } = await subscribed(2);
    s.world.advance(3 * DAY);
    const credit = invoiceOf(current(sub.id), 'in_1KHcredit0001', [{ amount: -2700, quantity: 3 }]);
    const { tally, errors, keys } = await s.apply([credit]);
    expect(errors).toEqual([]);
    expect(keys).toEqual(new Set());
    expect(tally.fulfilled).toBe(0);
    expect(licenses(s.t).map((l) => l.unit)).toEqual([1, 2]);
  });

  test('seats are capped by the subscription item: an invoice billing more waits for the item to show them, in either order', async () => {
    const { sub, si } = await subscribed(2);
    s.world.advance(3 * DAY);
    s.world.setSubscriptionQuantity(sub.id, 0, 3, { invoiceNow: true });
    const invoice = current(current(sub.id).latest_invoice);
    // The invoice before the subscription shows three seats: nothing issued yet.
    const early = await s.apply([invoice]);
    expect(early).toMatchObject({ errors: [], tally: { fulfilled: 0 } });
    expect(licenses(s.t).map((l) => l.unit)).toEqual([1, 2]);
    // The subscription with three seats: the third is issued for the purchase that billed it.
    const late = await s.apply([current(sub.id)]);
    expect(late).toMatchObject({ errors: [], keys: new Set([s.lic.key.id]), tally: { fulfilled: 1 } });
    const expires = addDays(periodEnd(sub), GRACE);
    expect(licenses(s.t).map((l) => [l.item, l.unit, l.issued, l.expires, l.fileExpires])).toEqual([
      [si, 1, iso(sub.created), expires, expires],
      [si, 2, iso(sub.created), expires, expires],
      [si, 3, iso(invoice.status_transitions.paid_at), expires, expires],
    ]);
    expect(one(s.t, "SELECT count(*) AS n FROM fulfilments f JOIN transaction_items ti ON ti.id = f.transaction_item_id JOIN transactions t ON t.id = ti.transaction_id WHERE t.provider_txn_id = ?", invoice.id)).toEqual({ n: 1 });

    // More seats billed only with the next renewal: nothing to issue, no key to open.
    s.world.setSubscriptionQuantity(sub.id, 0, 5);
    expect(await s.apply([current(sub.id)])).toMatchObject({ errors: [], keys: new Set(), tally: { fulfilled: 0 } });
    expect(licenses(s.t)).toHaveLength(3);
  });
});
