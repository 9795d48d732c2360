/**
 * Subscriptions end to end (fake Stripe on 127.0.0.1, the SDK, the engine, the effects):
 * one that renews (expiry follows the new period plus grace), lapses (past_due leaves
 * it; unpaid ends renewal and the expiry stays) and returns (paid again: it follows
 * again); more seats issue the missing units; cancelling at the period end changes
 * nothing early, cancelling now brings the expiry forward. Each asserts the
 * subscriptions, transactions and licenses, and that every signed file says the same expiry.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { addDays } from '../../src-main/shared/time';
import { licensing } from '../domain/license-lifecycle-fixture';
import { StripeWorld, type Json } from '../support/stripe/world';
import { tempStore } from '../support/temp-store';
import { iso, licensesByItem, subscriptions, transactions } from './stripe-effects-support';
import { DAY, syncSetup, type SyncSetup } from './stripe-sync-support';

let s: SyncSetup;
afterEach(async () => s?.cleanup());

const GRACE = 3;
const PERIOD = 7;

/** SKU R1 (3 days' grace, otherwise a year's license); Ann subscribes weekly to `seats` of Resizer. */
async function subscribed(seats: number) {
  const t = tempStore();
  await licensing(t).then((lic) => lic.sku({ subscriptionGraceDays: GRACE, licenseDuration: 365 }));
  s = await syncSetup(new StripeWorld(), t);
  const product = s.world.product({ name: 'Resizer', metadata: { keyhub_sku: 'R1' } });
  const price = s.world.price({ product, unitAmount: 900, recurring: { interval: 'week' } });
  const ann = s.world.customer({ email: 'ann@example.com', name: 'Ann Lee' });
  const sub = s.world.subscription({ customer: ann, items: [{ price, quantity: seats }], periodDays: PERIOD });
  const run = await s.sync();
  expect(run).toMatchObject({ status: 'succeeded', fulfilled: seats, errors: 0 });
  return { sub, si: sub.items.data[0].id as string };
}

const now = (id: string): Json => s.world.get(id)!;
const paidUntil = (id: string) => iso(now(id).items.data[0].current_period_end);
/** Each license: its unit, state, expiry, and the expiry its signed file states. */
const seats = () => licensesByItem(s.t).map((l) => ({ unit: l.unit, status: l.status, expires: l.expires, file: l.fileExpires }));
const following = (units: number[], expires: string) => units.map((unit) => ({ unit, status: 'active', expires, file: expires }));
const subscription = () => subscriptions(s.t).map(({ status, periodEnd, renewalEndedAt, cancelAtPeriodEnd, endedAt }) => ({ status, periodEnd, renewalEndedAt, cancelAtPeriodEnd, endedAt }));

describe('Stripe subscriptions through the sync', () => {
  test('renews, lapses and returns: the expiry follows the paid period plus grace, stands still while unpaid, and follows again', async () => {
    const { sub } = await subscribed(2);
    const firstEnd = paidUntil(sub.id);
    expect(seats()).toEqual(following([1, 2], addDays(firstEnd, GRACE)));

    // Renews: the new period plus grace.
    s.world.advance(PERIOD * DAY);
    s.world.renewSubscription(sub.id);
    const renewed = await s.sync();
    expect(renewed).toMatchObject({ status: 'succeeded', mode: 'incremental', fulfilled: 0, errors: 0 });
    const secondEnd = paidUntil(sub.id);
    expect(secondEnd > firstEnd).toBe(true);
    expect(seats()).toEqual(following([1, 2], addDays(secondEnd, GRACE)));
    expect(subscription()).toEqual([{ status: 'active', periodEnd: secondEnd, renewalEndedAt: null, cancelAtPeriodEnd: 0, endedAt: null }]);

    // Lapses: the card fails (past_due: nothing moves), then Stripe gives up (unpaid: renewal ends, expiry stays).
    s.world.advance(PERIOD * DAY);
    s.world.failRenewal(sub.id);
    await s.sync();
    expect(subscription()).toEqual([{ status: 'past_due', periodEnd: paidUntil(sub.id), renewalEndedAt: null, cancelAtPeriodEnd: 0, endedAt: null }]);
    expect(seats()).toEqual(following([1, 2], addDays(secondEnd, GRACE)));
    s.world.advance(2 * DAY);
    s.world.failRenewal(sub.id);
    await s.sync();
    const [lapsed] = subscriptions(s.t);
    expect(lapsed).toMatchObject({ status: 'unpaid', renewalEndedAt: expect.any(String) });
    expect(seats()).toEqual(following([1, 2], addDays(secondEnd, GRACE)));

    // Returns: the open invoice is paid; the licenses follow the current period again.
    s.world.advance(DAY);
    s.world.payLatestInvoice(sub.id);
    const back = await s.sync();
    expect(back).toMatchObject({ status: 'succeeded', errors: 0 });
    const thirdEnd = paidUntil(sub.id);
    expect(thirdEnd > secondEnd).toBe(true);
    expect(subscription()).toEqual([{ status: 'active', periodEnd: thirdEnd, renewalEndedAt: null, cancelAtPeriodEnd: 0, endedAt: null }]);
    expect(seats()).toEqual(following([1, 2], addDays(thirdEnd, GRACE)));
    expect(transactions(s.t).map((t) => [t.type, t.status, t.gross])).toEqual([
      ['subscription_create', 'confirmed', 1800],
      ['subscription_cycle', 'confirmed', 1800],
      ['subscription_cycle', 'confirmed', 1800],
    ]);

    // Nothing new at Stripe: nothing changes, however the sync runs.
    s.world.advance(600);
    expect(await s.sync({ full: true })).toMatchObject({ status: 'succeeded', created: 0, updated: 0, fulfilled: 0, errors: 0 });
    expect(seats()).toEqual(following([1, 2], addDays(thirdEnd, GRACE)));
  });

  test('more seats issue the missing units: at once when invoiced now, else with the next renewal', async () => {
    const { sub, si } = await subscribed(1);
    s.world.advance(DAY);
    s.world.setSubscriptionQuantity(sub.id, 0, 2, { invoiceNow: true });
    expect(await s.sync()).toMatchObject({ fulfilled: 1, errors: 0 });
    expect(seats()).toEqual(following([1, 2], addDays(paidUntil(sub.id), GRACE)));

    s.world.advance(DAY);
    s.world.setSubscriptionQuantity(sub.id, 0, 4);
    expect(await s.sync()).toMatchObject({ fulfilled: 0, errors: 0 });
    expect(seats()).toHaveLength(2);
    s.world.advance((PERIOD - 2) * DAY);
    s.world.renewSubscription(sub.id);
    expect(await s.sync()).toMatchObject({ fulfilled: 2, errors: 0 });
    expect(seats()).toEqual(following([1, 2, 3, 4], addDays(paidUntil(sub.id), GRACE)));
    expect(licensesByItem(s.t).every((l) => l.item === si)).toBe(true);
    expect(transactions(s.t).map((t) => t.type)).toEqual(['subscription_create', 'subscription_update', 'subscription_cycle']);
  });

  test('cancel at the period end changes nothing before it; cancelled now, the expiry comes forward to the end plus grace', async () => {
    const { sub } = await subscribed(1);
    const expires = addDays(paidUntil(sub.id), GRACE);
    s.world.advance(DAY);
    s.world.cancelSubscription(sub.id, { atPeriodEnd: true });
    await s.sync();
    expect(subscription()).toEqual([{ status: 'active', periodEnd: paidUntil(sub.id), renewalEndedAt: null, cancelAtPeriodEnd: 1, endedAt: null }]);
    expect(seats()).toEqual(following([1], expires));

    // The customer changes their mind and ends it now, mid-period.
    s.world.update(sub.id, { cancel_at_period_end: false, cancel_at: null, canceled_at: null });
    s.world.advance(DAY);
    s.world.cancelSubscription(sub.id);
    const run = await s.sync();
    expect(run).toMatchObject({ status: 'succeeded', errors: 0 });
    const ended = iso(now(sub.id).ended_at);
    expect(subscription()).toEqual([{ status: 'canceled', periodEnd: paidUntil(sub.id), renewalEndedAt: ended, cancelAtPeriodEnd: 0, endedAt: ended }]);
    expect(seats()).toEqual(following([1], addDays(ended, GRACE)));
  });

  test('a period Stripe has started but not charged moves nothing until its invoice is paid; a full refund of that renewal keeps the seats the first invoice paid for, back to its end plus grace', async () => {
    const { sub } = await subscribed(2);
    const firstEnd = paidUntil(sub.id);
    s.world.advance(PERIOD * DAY);
    s.world.advanceSubscriptionPeriod(sub.id);
    expect(await s.sync()).toMatchObject({ status: 'succeeded', fulfilled: 0, errors: 0 });
    expect(subscription()).toEqual([{ status: 'active', periodEnd: paidUntil(sub.id), renewalEndedAt: null, cancelAtPeriodEnd: 0, endedAt: null }]);
    expect(seats()).toEqual(following([1, 2], addDays(firstEnd, GRACE)));
    expect(transactions(s.t).map((t) => [t.type, t.status])).toEqual([
      ['subscription_create', 'confirmed'],
      ['subscription_cycle', 'waiting'],
    ]);

    s.world.advance(3600);
    s.world.payLatestInvoice(sub.id);
    expect(await s.sync()).toMatchObject({ status: 'succeeded', fulfilled: 0, errors: 0 });
    const secondEnd = paidUntil(sub.id);
    expect(secondEnd > firstEnd).toBe(true);
    expect(seats()).toEqual(following([1, 2], addDays(secondEnd, GRACE)));

    const renewal = now(now(sub.id).latest_invoice);
    s.world.advance(DAY);
    s.world.refund({ paymentIntent: renewal.payments.data[0].payment.payment_intent });
    expect(await s.sync()).toMatchObject({ status: 'succeeded', revoked: 0, errors: 0 });
    expect(transactions(s.t).map((t) => [t.type, t.status])).toEqual([
      ['subscription_create', 'confirmed'],
      ['subscription_cycle', 'refunded'],
    ]);
    expect(seats()).toEqual(following([1, 2], addDays(firstEnd, GRACE)));
  });
});
