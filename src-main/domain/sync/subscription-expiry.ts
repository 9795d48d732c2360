/**
 * The one rule for a subscription's licenses (the ledger's rows for its items): while it
 * is active or trialing they expire at the item's current period end plus the SKU's
 * grace; past_due (the provider still retrying), incomplete and paused leave them as
 * they are; canceled, unpaid and incomplete_expired end renewal, and a cancel that ended
 * before the paid period did brings the expiry forward to the end plus grace. Fulfilment
 * (a seat issued late, an item mapped later) and the sync's subscription effects share it.
 */
import type Database from 'better-sqlite3';
import { addDays } from '../../shared/time';
import { statement } from '../../store/statements';

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
  quantity: number;
}

export function standingOfItem(sqlite: Database.Database, provider: string, providerItemId: string): ItemStanding | undefined {
  return statement(
    sqlite,
    `SELECT s.provider_subscription_id AS providerSubscriptionId, s.status, s.ended_at AS endedAt, s.renewal_ended_at AS renewalEndedAt,
            i.current_period_end AS periodEnd, i.quantity
     FROM subscription_items i JOIN subscriptions s ON s.id = i.subscription_id
     WHERE i.provider_item_id = ? AND s.provider = ?`,
  ).get(providerItemId, provider) as ItemStanding | undefined;
}

const earlier = (a: string, b: string) => (a < b ? a : b);

/**
 * The expiry a license of the item should have now, given its current one; undefined
 * when the rule leaves it alone.
 */
export function followedExpiry(standing: ItemStanding, graceDays: number | null, current: string | null): string | null | undefined {
  const grace = graceDays ?? 0;
  if (FOLLOWING_STATUSES.has(standing.status)) return standing.periodEnd === null ? undefined : addDays(standing.periodEnd, grace);
  if (ENDING_STATUSES.has(standing.status) && standing.endedAt !== null) {
    const cap = addDays(standing.endedAt, grace);
    return current === null || cap < current ? cap : undefined;
  }
  return undefined;
}

/**
 * The expiry of a license issued now for the item: the period it was paid for (an
 * invoice line's end, else the item's current one) plus grace; the item's current period
 * when the subscription follows on; never past an end plus grace. Undefined when nothing
 * says (not a subscription item): the SKU's license duration applies.
 */
export function issuedExpiry(standing: ItemStanding | undefined, paidPeriodEnd: string | null, graceDays: number | null): string | undefined {
  const grace = graceDays ?? 0;
  let base = paidPeriodEnd ?? standing?.periodEnd ?? null;
  if (standing && FOLLOWING_STATUSES.has(standing.status) && standing.periodEnd !== null) base = base === null || standing.periodEnd > base ? standing.periodEnd : base;
  if (base === null) return undefined;
  const expires = addDays(base, grace);
  if (standing && ENDING_STATUSES.has(standing.status) && standing.endedAt !== null) return earlier(expires, addDays(standing.endedAt, grace));
  return expires;
}
