/**
 * The one rule for a subscription's licenses (the ledger's rows for its items): while it
 * is active they expire at the end of the latest period paid for (the item's lines on
 * paid invoices, never past its current period's end) plus the SKU's grace, so a period
 * Stripe has started but not charged yet moves nothing until its invoice is paid; while
 * trialing, at the trial's end plus grace. past_due (the provider still retrying),
 * incomplete and paused leave them as they are; canceled, unpaid and incomplete_expired
 * end renewal, and a cancel that ended before the paid period did brings the expiry
 * forward to the end plus grace. Fulfilment (a seat issued late, an item mapped later),
 * the sync's subscription effects and a paid invoice's share it. Its seats are the
 * item's quantity: an invoice billing more issues no more.
 */
import type Database from 'better-sqlite3';
import { addDays } from '../../shared/time';
import { statement } from '../../store/statements';
import { paidUntil } from './stripe/effects/paid-periods';

export const FOLLOWING_STATUSES: ReadonlySet<string> = new Set(['active', 'trialing']);
export const ENDING_STATUSES: ReadonlySet<string> = new Set(['canceled', 'unpaid', 'incomplete_expired']);

/** Where a subscription item stands, as stored. */
export interface ItemStanding {
  providerSubscriptionId: string;
  status: string;
  endedAt: string | null;
  renewalEndedAt: string | null;
  /** The item's current period end (UTC ISO). */
  periodEnd: string | null;
  /** The end of the latest period paid for (UTC ISO), whatever the current period; null when none is known. */
  paidUntil: string | null;
  quantity: number;
}

/**
 * The stored standing of a subscription item, or undefined when it is none (a one-off
 * item). What is paid is read when first asked (seats alone need no invoice).
 */
export function standingOfItem(sqlite: Database.Database, provider: string, providerItemId: string): ItemStanding | undefined {
  const row = statement(
    sqlite,
    `SELECT s.provider_subscription_id AS providerSubscriptionId, s.status, s.ended_at AS endedAt, s.renewal_ended_at AS renewalEndedAt,
            i.current_period_end AS periodEnd, i.quantity
     FROM subscription_items i JOIN subscriptions s ON s.id = i.subscription_id
     WHERE i.provider_item_id = ? AND s.provider = ?`,
  ).get(providerItemId, provider) as Omit<ItemStanding, 'paidUntil'> | undefined;
  if (!row) return undefined;
  let paid: string | null | undefined;
  return {
    ...row,
    // Only Stripe keeps subscriptions: their invoices are in stripe_objects.
    get paidUntil() {
      return paid === undefined ? (paid = paidUntil(sqlite, row.providerSubscriptionId, providerItemId)) : paid;
    },
  };
}

/** The standing with what is paid given (the getter of a stored one not read). */
export function withPaidUntil(standing: ItemStanding, paid: string | null): ItemStanding {
  const { providerSubscriptionId, status, endedAt, renewalEndedAt, periodEnd, quantity } = standing;
  return { providerSubscriptionId, status, endedAt, renewalEndedAt, periodEnd, paidUntil: paid, quantity };
}

const earlier = (a: string, b: string) => (a < b ? a : b);
const later = (a: string | null, b: string | null) => (a === null ? b : b === null || a > b ? a : b);

/** A paid period's end, never past the item's current period's (a plan change credits what lies beyond). */
function capped(standing: ItemStanding, end: string | null): string | null {
  return end !== null && standing.periodEnd !== null ? earlier(end, standing.periodEnd) : end;
}

/** How far the item's licenses run before grace while it follows: the trial, or the latest period paid for; null when nothing says. */
export function coveredUntil(standing: ItemStanding): string | null {
  if (standing.status === 'trialing') return later(standing.periodEnd, capped(standing, standing.paidUntil));
  return capped(standing, standing.paidUntil);
}

/**
 * The expiry a license of the item should have now, given its current one; undefined
 * when the rule leaves it alone.
 */
export function followedExpiry(standing: ItemStanding, graceDays: number | null, current: string | null): string | null | undefined {
  const grace = graceDays ?? 0;
  if (FOLLOWING_STATUSES.has(standing.status)) {
    const until = coveredUntil(standing);
    return until === null ? undefined : addDays(until, grace);
  }
  if (ENDING_STATUSES.has(standing.status) && standing.endedAt !== null) {
    const cap = addDays(standing.endedAt, grace);
    return current === null || cap < current ? cap : undefined;
  }
  return undefined;
}

/**
 * The expiry of a license issued now for the item: the latest period paid for (`paidPeriodEnd`,
 * the invoice line's end, or the item's), the trial while trialing, plus grace; the item's
 * current period when nothing is known paid; never past an end plus grace. Undefined when
 * nothing says (not a subscription item): the SKU's license duration applies.
 */
export function issuedExpiry(standing: ItemStanding | undefined, paidPeriodEnd: string | null, graceDays: number | null): string | undefined {
  const grace = graceDays ?? 0;
  let base = paidPeriodEnd;
  if (standing) {
    base = later(capped(standing, base), FOLLOWING_STATUSES.has(standing.status) ? coveredUntil(standing) : capped(standing, standing.paidUntil));
    base ??= standing.periodEnd;
  }
  if (base === null) return undefined;
  const expires = addDays(base, grace);
  if (standing && ENDING_STATUSES.has(standing.status) && standing.endedAt !== null) return earlier(expires, addDays(standing.endedAt, grace));
  return expires;
}

/** The seats of the item a purchase billing `quantity` licenses: never more than the subscription item has. */
export function seatsOf(standing: ItemStanding | undefined, quantity: number): number {
  return standing ? Math.min(quantity, standing.quantity) : quantity;
}
