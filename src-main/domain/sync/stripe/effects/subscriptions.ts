/**
 * Subscriptions: the `subscriptions` and `subscription_items` rows extracted from
 * Stripe's object, then the licenses of its items (the ledger's rows for each `si_…`)
 * kept in step by subscription-expiry.ts's rule: expiry follows the item's period end
 * plus the SKU's grace while active or trialing; canceled, unpaid and
 * incomplete_expired end renewal (an earlier end brings the expiry forward); a return
 * to active restores following. Only active licenses of seats still paid for follow:
 * revoked and suspended ones, and seats given back, are left as they are. Every move
 * re-signs the license (and its domain licenses) with an audit entry saying why.
 */
import type Database from 'better-sqlite3';
import { invalidField, KeyHubError } from '../../../../api/errors';
import { statement } from '../../../../store/statements';
import { recordAuditFast } from '../../../audit/audit';
import { changeExpiryWithin, notBeforeIssue } from '../../../licenses/expiry';
import { dayText, plural } from '../../../licenses/terms';
import { findOrCreateCustomer } from '../../../sales/payer';
import type { SkuMatcher } from '../../../sales/item-skus';
import type { SubscriptionStatus } from '../../types';
import { ENDING_STATUSES, FOLLOWING_STATUSES, followedExpiry, type ItemStanding } from '../../subscription-expiry';
import { STRIPE_PROVIDER } from '../api-version';
import { emptyEffectTally, type ChangedObject, type EffectContext, type EffectTally, type StripeJson } from '../types';
import { bool, currencyOf, idOf, isoOf, listData, num, path, str, StripeLookup } from './json';
import { priceNames, usableKeyOfSku, type PriceNames } from './price-names';
import { splitName } from './purchases';

const STATUSES: ReadonlySet<string> = new Set<SubscriptionStatus>(['incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused']);

export interface SubscriptionItemFacts {
  providerItemId: string;
  names: PriceNames;
  quantity: number;
  periodStart: string | null;
  periodEnd: string | null;
}

/** A subscription as KeyHub keeps it, read from Stripe's object. */
export interface SubscriptionFacts {
  id: string;
  status: SubscriptionStatus;
  providerCustomerId: string | null;
  currency: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  cancelAt: string | null;
  canceledAt: string | null;
  endedAt: string | null;
  trialStart: string | null;
  trialEnd: string | null;
  startedAt: string;
  items: SubscriptionItemFacts[];
}

export function subscriptionFacts(lookup: StripeLookup, json: StripeJson, now: string): SubscriptionFacts {
  const status = str(json.status);
  if (!status || !STATUSES.has(status)) throw invalidField('status', `Subscription ${json.id} has a status KeyHub does not know (${status ?? 'none'}).`);
  // Items carry their own periods in this API version; older ones kept them on the subscription.
  const items = listData(json.items).map((item) => ({
    providerItemId: str(item.id) ?? '',
    names: priceNames(lookup, item.price, null, null),
    quantity: Math.max(0, num(item.quantity) ?? 1),
    periodStart: isoOf(item.current_period_start) ?? isoOf(json.current_period_start),
    periodEnd: isoOf(item.current_period_end) ?? isoOf(json.current_period_end),
  }));
  const starts = items.map((i) => i.periodStart).filter((d): d is string => d !== null);
  const ends = items.map((i) => i.periodEnd).filter((d): d is string => d !== null);
  return {
    id: json.id,
    status: status as SubscriptionStatus,
    providerCustomerId: idOf(json.customer),
    currency: currencyOf(json.currency),
    periodStart: starts.length ? starts.reduce((a, b) => (a < b ? a : b)) : null,
    periodEnd: ends.length ? ends.reduce((a, b) => (a > b ? a : b)) : null,
    cancelAtPeriodEnd: bool(json.cancel_at_period_end),
    cancelAt: isoOf(json.cancel_at),
    canceledAt: isoOf(json.canceled_at),
    endedAt: isoOf(json.ended_at),
    trialStart: isoOf(json.trial_start),
    trialEnd: isoOf(json.trial_end),
    startedAt: isoOf(json.start_date) ?? isoOf(json.created) ?? now,
    items: items.filter((i) => i.providerItemId.startsWith('si_')),
  };
}

interface StoredSubscription {
  id: number;
  status: string;
  customerId: number | null;
  renewalEndedAt: string | null;
}

function storedSubscription(sqlite: Database.Database, providerSubscriptionId: string): StoredSubscription | undefined {
  return statement(
    sqlite,
    'SELECT id, status, customer_id AS customerId, renewal_ended_at AS renewalEndedAt FROM subscriptions WHERE provider = ? AND provider_subscription_id = ?',
  ).get(STRIPE_PROVIDER, providerSubscriptionId) as StoredSubscription | undefined;
}

/** When its licenses stopped following it: set when renewal ends, cleared when it returns, kept otherwise. */
function renewalEndedAt(facts: SubscriptionFacts, stored: StoredSubscription | undefined, now: string): string | null {
  if (FOLLOWING_STATUSES.has(facts.status)) return null;
  if (ENDING_STATUSES.has(facts.status)) return stored?.renewalEndedAt ?? facts.endedAt ?? now;
  return stored?.renewalEndedAt ?? null;
}

/** The standing of each item under the subscription as it is now. */
function standings(facts: SubscriptionFacts, renewalEnded: string | null): Map<string, ItemStanding> {
  return new Map(
    facts.items.map((item) => [
      item.providerItemId,
      { providerSubscriptionId: facts.id, status: facts.status, endedAt: facts.endedAt, renewalEndedAt: renewalEnded, periodEnd: item.periodEnd, quantity: item.quantity },
    ]),
  );
}

// ---------------------------------------------------------------- licenses

interface FollowingLicense {
  id: number;
  skuId: number;
  issued: string;
  expires: string | null;
  ownerName: string;
  licenseBytes: Buffer | null;
  graceDays: number | null;
}

/** A license whose expiry must move, and where to. */
export interface LicenseMove {
  license: FollowingLicense;
  providerItemId: string;
  standing: ItemStanding;
  to: string;
}

const FOLLOWING_LICENSES = `
SELECT l.id, l.sku_id AS skuId, l.issued, l.expires, l.owner_name AS ownerName, l.license_bytes AS licenseBytes, s.subscription_grace_days AS graceDays
FROM fulfilments f JOIN licenses l ON l.id = f.license_id JOIN skus s ON s.id = l.sku_id
WHERE f.provider = ? AND f.provider_item_id = ? AND f.unit <= ? AND l.status = 'active'
ORDER BY f.unit`;

/** The licenses the subscription's items move (read before the write transaction too, to know the keys). */
export function licenseMoves(sqlite: Database.Database, items: Map<string, ItemStanding>): LicenseMove[] {
  const moves: LicenseMove[] = [];
  for (const [providerItemId, standing] of items) {
    if (standing.quantity < 1) continue;
    for (const license of statement(sqlite, FOLLOWING_LICENSES).all(STRIPE_PROVIDER, providerItemId, standing.quantity) as FollowingLicense[]) {
      const target = followedExpiry(standing, license.graceDays, license.expires);
      if (target === undefined || target === null) continue;
      const to = notBeforeIssue(target, license.issued);
      if (to !== license.expires) moves.push({ license, providerItemId, standing, to });
    }
  }
  return moves;
}

/** Why the license moved, for its timeline. */
function moveReason(move: LicenseMove): string {
  const { standing } = move;
  const sub = `Stripe subscription ${standing.providerSubscriptionId}`;
  if (FOLLOWING_STATUSES.has(standing.status)) {
    return `Follows ${sub} ${standing.status === 'trialing' ? 'in trial' : 'paid'} until ${dayText(standing.periodEnd)}.`;
  }
  const grace = move.license.graceDays ?? 0;
  return `${sub} ended on ${dayText(standing.endedAt)} (${standing.status}), before its paid period did; the license ends ${grace ? `${plural(grace, 'day')} after it` : 'with it'}.`;
}

function moveLicenses(ectx: EffectContext, moves: LicenseMove[]): number {
  const { skus, signers } = ectx.fulfil;
  for (const move of moves) {
    const sku = skus.rulesOf(move.license.skuId);
    const keyId = skus.usableKeyOf(sku.skuId);
    if (keyId === null) {
      throw new KeyHubError(
        'VALIDATION',
        `License ${move.license.id} must follow Stripe subscription ${move.standing.providerSubscriptionId} to ${dayText(move.to)}, but SKU ${sku.sku} has no usable signing key; give it one, then sync again.`,
      );
    }
    const signer = signers.get(keyId);
    if (!signer) throw new KeyHubError('LOCKED', `Unlock the signing keys: license ${move.license.id} must be re-signed to follow Stripe subscription ${move.standing.providerSubscriptionId}.`);
    changeExpiryWithin(ectx.sqlite, ectx.actor, move.license, sku, move.to, { keyId, signer }, ectx.now, {
      reason: moveReason(move),
      subscription: { provider: STRIPE_PROVIDER, id: move.standing.providerSubscriptionId, item: move.providerItemId, status: move.standing.status },
    });
  }
  return moves.length;
}

// ---------------------------------------------------------------- rows

/** The KeyHub customer of a Stripe customer id: linked already, else found or created from the synced customer. */
export function customerOf(sqlite: Database.Database, actor: string, lookup: StripeLookup, providerCustomerId: string | null): number | null {
  if (!providerCustomerId) return null;
  const linked = statement(sqlite, 'SELECT customer_id AS id FROM provider_customers WHERE provider = ? AND provider_customer_id = ?').get(STRIPE_PROVIDER, providerCustomerId) as
    | { id: number }
    | undefined;
  if (linked) return linked.id;
  const customer = lookup.get(providerCustomerId);
  if (!customer || customer.deleted === true) return null;
  return findOrCreateCustomer(sqlite, actor, STRIPE_PROVIDER, {
    email: str(customer.email),
    ...splitName(str(customer.name)),
    businessName: null,
    payerId: providerCustomerId,
    country: str(path(customer, 'address', 'country')),
  });
}

function saveSubscription(ectx: EffectContext, facts: SubscriptionFacts, stored: StoredSubscription | undefined, customerId: number | null, renewalEnded: string | null): number {
  const values = [
    customerId,
    facts.providerCustomerId,
    facts.status,
    facts.currency,
    facts.periodStart,
    facts.periodEnd,
    facts.cancelAtPeriodEnd ? 1 : 0,
    facts.cancelAt,
    facts.canceledAt,
    facts.endedAt,
    facts.trialStart,
    facts.trialEnd,
    renewalEnded,
    facts.startedAt,
  ];
  if (stored) {
    statement(
      ectx.sqlite,
      `UPDATE subscriptions SET customer_id = ?, provider_customer_id = ?, status = ?, currency = ?, current_period_start = ?, current_period_end = ?,
         cancel_at_period_end = ?, cancel_at = ?, canceled_at = ?, ended_at = ?, trial_start = ?, trial_end = ?, renewal_ended_at = ?, started_at = ?, updated_at = ?
       WHERE id = ?`,
    ).run(...values, ectx.now, stored.id);
    return stored.id;
  }
  return Number(
    statement(
      ectx.sqlite,
      `INSERT INTO subscriptions (customer_id, provider_customer_id, status, currency, current_period_start, current_period_end, cancel_at_period_end, cancel_at,
         canceled_at, ended_at, trial_start, trial_end, renewal_ended_at, started_at, provider, provider_subscription_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...values, STRIPE_PROVIDER, facts.id).lastInsertRowid,
  );
}

function saveItems(ectx: EffectContext, matcher: SkuMatcher, subscriptionId: number, facts: SubscriptionFacts): void {
  const upsert = statement(
    ectx.sqlite,
    `INSERT INTO subscription_items (subscription_id, provider_item_id, provider_price_id, provider_product_id, sku_id, quantity, current_period_start, current_period_end)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (provider_item_id) DO UPDATE SET subscription_id = excluded.subscription_id, provider_price_id = excluded.provider_price_id,
       provider_product_id = excluded.provider_product_id, sku_id = excluded.sku_id, quantity = excluded.quantity,
       current_period_start = excluded.current_period_start, current_period_end = excluded.current_period_end, updated_at = ?`,
  );
  for (const item of facts.items) {
    const skuId = matcher.match(item.names).skuId;
    upsert.run(subscriptionId, item.providerItemId, item.names.priceId, item.names.productId, skuId, item.quantity, item.periodStart, item.periodEnd, ectx.now);
  }
  // An item taken off the subscription (a plan change) keeps its row, with no seats paid for: its licenses stop following.
  statement(ectx.sqlite, 'UPDATE subscription_items SET quantity = 0, updated_at = ? WHERE subscription_id = ? AND quantity > 0 AND provider_item_id NOT IN (SELECT value FROM json_each(?))').run(
    ectx.now,
    subscriptionId,
    JSON.stringify(facts.items.map((i) => i.providerItemId)),
  );
}

export function applySubscription(ectx: EffectContext, object: ChangedObject): EffectTally {
  const tally = emptyEffectTally();
  // Not skipped when `deleted`: Stripe's customer.subscription.deleted is a cancel, its copy the canceled subscription.
  if (object.type !== 'subscription') return tally;
  const lookup = new StripeLookup(ectx.sqlite);
  const facts = subscriptionFacts(lookup, object.json, ectx.now);
  const stored = storedSubscription(ectx.sqlite, facts.id);
  const customerId = customerOf(ectx.sqlite, ectx.actor, lookup, facts.providerCustomerId) ?? stored?.customerId ?? null;
  const renewalEnded = renewalEndedAt(facts, stored, ectx.now);
  const subscriptionId = saveSubscription(ectx, facts, stored, customerId, renewalEnded);
  saveItems(ectx, ectx.matcher, subscriptionId, facts);
  if (stored && (stored.renewalEndedAt === null) !== (renewalEnded === null)) {
    recordAuditFast(ectx.sqlite, {
      actor: ectx.actor,
      targetType: 'subscription',
      targetId: subscriptionId,
      action: renewalEnded === null ? 'subscription.renewalRestored' : 'subscription.renewalEnded',
      details: { provider: STRIPE_PROVIDER, id: facts.id, from: stored.status, to: facts.status, renewalEndedAt: renewalEnded },
    });
  }
  tally.renewed += moveLicenses(ectx, licenseMoves(ectx.sqlite, standings(facts, renewalEnded)));
  return tally;
}

/** The keys a subscription's license moves will sign with (read before the write transaction). */
export function subscriptionKeys(lookup: StripeLookup, json: StripeJson, now: string, into: Set<number>): void {
  const facts = subscriptionFacts(lookup, json, now);
  const renewalEnded = renewalEndedAt(facts, storedSubscription(lookup.sqlite, facts.id), now);
  for (const move of licenseMoves(lookup.sqlite, standings(facts, renewalEnded))) {
    const keyId = usableKeyOfSku(lookup.sqlite, move.license.skuId);
    if (keyId !== null) into.add(keyId);
  }
}

/** A customer just synced: subscriptions that arrived before it get their KeyHub customer. */
export function applyCustomer(ectx: EffectContext, object: ChangedObject): EffectTally {
  if (object.type !== 'customer' || object.deleted) return emptyEffectTally();
  const waiting = statement(ectx.sqlite, 'SELECT id FROM subscriptions WHERE provider = ? AND provider_customer_id = ? AND customer_id IS NULL').all(STRIPE_PROVIDER, object.id) as Array<{
    id: number;
  }>;
  if (waiting.length === 0) return emptyEffectTally();
  const customerId = customerOf(ectx.sqlite, ectx.actor, new StripeLookup(ectx.sqlite, [object.json]), object.id);
  if (customerId !== null) {
    const set = statement(ectx.sqlite, 'UPDATE subscriptions SET customer_id = ?, updated_at = ? WHERE id = ?');
    for (const { id } of waiting) set.run(customerId, ectx.now, id);
  }
  return emptyEffectTally();
}
