/**
 * Subscriptions: the `subscriptions` and `subscription_items` rows extracted from
 * Stripe's object, then the licenses of its items (the ledger's rows for each `si_…`)
 * kept in step by subscription-expiry.ts's rule: expiry follows the end of the latest
 * period paid for plus the SKU's grace while active (the trial's end while trialing), so
 * it moves when the subscription changes and when an invoice of it is paid;
 * canceled, unpaid and incomplete_expired end renewal (an earlier end brings the expiry
 * forward); a return to active restores following. Only active licenses of seats still
 * paid for follow: revoked and suspended ones, and seats given back, are left as they
 * are. Every move re-signs the license (and its domain licenses) with an audit entry
 * saying why. Seats the item shows that a paid invoice billed before it showed them are
 * issued when it does.
 */
import type Database from 'better-sqlite3';
import { invalidField, KeyHubError } from '../../../../api/errors';
import { statement } from '../../../../store/statements';
import { recordAuditFast } from '../../../audit/audit';
import { changeExpiryWithin, notBeforeIssue } from '../../../licenses/expiry';
import { dayText, plural } from '../../../licenses/terms';
import { fulfilledUnits } from '../../../sales/fulfil';
import { findOrCreateCustomer } from '../../../sales/payer';
import type { SkuMatcher } from '../../../sales/item-skus';
import { fulfilPurchaseItem } from '../../../sales/record';
import type { SubscriptionStatus } from '../../types';
import { coveredUntil, ENDING_STATUSES, FOLLOWING_STATUSES, followedExpiry, standingOfItem, withPaidUntil, type ItemStanding } from '../../subscription-expiry';
import { STRIPE_PROVIDER } from '../api-version';
import { emptyEffectTally, type ChangedObject, type EffectContext, type EffectTally, type StripeJson } from '../types';
import { bool, currencyOf, idOf, isoOf, listData, num, path, str, StripeLookup } from './json';
import { priceNames, usableKeyOfSku, type PriceNames } from './price-names';
import { billedSeats, invoiceSubscription, itemsItExtends, latestPaidInvoice, paidUntil, paidUntilVariants, paidUntilWithout } from './paid-periods';
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

/** The standing of each item under the subscription as it is now; `paid`: the end of each item's latest period paid for. */
function standings(facts: SubscriptionFacts, renewalEnded: string | null, paid: (providerItemId: string) => string | null): Map<string, ItemStanding> {
  return new Map(
    facts.items.map((item) => [
      item.providerItemId,
      {
        providerSubscriptionId: facts.id,
        status: facts.status,
        endedAt: facts.endedAt,
        renewalEndedAt: renewalEnded,
        periodEnd: item.periodEnd,
        paidUntil: paid(item.providerItemId),
        quantity: item.quantity,
      },
    ]),
  );
}

// ---------------------------------------------------------------- licenses

interface FollowingLicense {
  id: number;
  unit: number;
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
SELECT l.id, f.unit, l.sku_id AS skuId, l.issued, l.expires, l.owner_name AS ownerName, l.license_bytes AS licenseBytes, s.subscription_grace_days AS graceDays
FROM fulfilments f JOIN licenses l ON l.id = f.license_id JOIN skus s ON s.id = l.sku_id
WHERE f.provider = ? AND f.provider_item_id = ? AND f.unit <= ? AND l.status = 'active'
ORDER BY f.unit`;

/** The active licenses of the item's first `seats` units. */
function followingLicenses(sqlite: Database.Database, providerItemId: string, seats: number): FollowingLicense[] {
  return seats < 1 ? [] : (statement(sqlite, FOLLOWING_LICENSES).all(STRIPE_PROVIDER, providerItemId, seats) as FollowingLicense[]);
}

/** Which of the item's licenses the rule moves under this standing, and where to. */
function movesOf(licenses: readonly FollowingLicense[], providerItemId: string, standing: ItemStanding): LicenseMove[] {
  const moves: LicenseMove[] = [];
  for (const license of licenses) {
    if (license.unit > standing.quantity) continue;
    const target = followedExpiry(standing, license.graceDays, license.expires);
    if (target === undefined || target === null) continue;
    const to = notBeforeIssue(target, license.issued);
    if (to !== license.expires) moves.push({ license, providerItemId, standing, to });
  }
  return moves;
}

/** The licenses the subscription's items move. */
export function licenseMoves(sqlite: Database.Database, items: Map<string, ItemStanding>): LicenseMove[] {
  return [...items].flatMap(([providerItemId, standing]) => movesOf(followingLicenses(sqlite, providerItemId, standing.quantity), providerItemId, standing));
}

/** Why the license moved, for its timeline. */
function moveReason(move: LicenseMove): string {
  const { standing } = move;
  const sub = `Stripe subscription ${standing.providerSubscriptionId}`;
  if (FOLLOWING_STATUSES.has(standing.status)) {
    return `Follows ${sub} ${standing.status === 'trialing' ? 'in trial' : 'paid'} until ${dayText(coveredUntil(standing))}.`;
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
  const billed = fulfilBilledSeats(ectx, facts);
  tally.fulfilled += billed.issued;
  tally.waiting += billed.waiting;
  if (stored && (stored.renewalEndedAt === null) !== (renewalEnded === null)) {
    recordAuditFast(ectx.sqlite, {
      actor: ectx.actor,
      targetType: 'subscription',
      targetId: subscriptionId,
      action: renewalEnded === null ? 'subscription.renewalRestored' : 'subscription.renewalEnded',
      details: { provider: STRIPE_PROVIDER, id: facts.id, from: stored.status, to: facts.status, renewalEndedAt: renewalEnded },
    });
  }
  const paid = (si: string) => paidUntil(ectx.sqlite, facts.id, si);
  tally.renewed += moveLicenses(ectx, licenseMoves(ectx.sqlite, standings(facts, renewalEnded, paid)));
  return tally;
}

/** Units of the item with a license, among its first `seats`. */
function licensedSeats(sqlite: Database.Database, providerItemId: string, seats: number): number {
  return [...fulfilledUnits(sqlite, STRIPE_PROVIDER, providerItemId)].filter((u) => u <= seats).length;
}

/**
 * Seats the subscription shows that its latest paid invoice billed but that have no
 * license: the invoice was recorded while the item showed fewer. Issued now, for it.
 */
function fulfilBilledSeats(ectx: EffectContext, facts: SubscriptionFacts): { issued: number; waiting: number } {
  const total = { issued: 0, waiting: 0 };
  for (const item of facts.items) {
    if (item.quantity < 1 || licensedSeats(ectx.sqlite, item.providerItemId, item.quantity) >= item.quantity) continue;
    const invoice = latestPaidInvoice(ectx.sqlite, facts.id, item.providerItemId);
    if (!invoice) continue;
    const result = fulfilPurchaseItem(ectx.fulfil, ectx.matcher, STRIPE_PROVIDER, invoice.id, item.providerItemId);
    total.issued += result.issued;
    total.waiting += result.waiting;
  }
  return total;
}

/**
 * The keys the item's license moves sign with under any of these standings (read before
 * the write transaction), each with what is paid as stored and with the page's invoices
 * too: a page applies its objects in turn, so what is paid when each applies lies
 * between, and the rule's expiry only rises with it (both cover every move in between).
 */
function addMoveKeys(lookup: StripeLookup, providerItemId: string, standings: readonly ItemStanding[], into: Set<number>): void {
  const licenses = followingLicenses(lookup.sqlite, providerItemId, Math.max(0, ...standings.map((st) => st.quantity)));
  if (licenses.length === 0) return;
  for (const standing of standings) {
    for (const paid of paidUntilVariants(lookup.sqlite, standing.providerSubscriptionId, providerItemId, lookup.page)) {
      for (const move of movesOf(licenses, providerItemId, withPaidUntil(standing, paid))) {
        const keyId = usableKeyOfSku(lookup.sqlite, move.license.skuId);
        if (keyId !== null) into.add(keyId);
      }
    }
  }
}

/** The keys a subscription's effects will sign with: its license moves, and seats it shows without a license (read before the write transaction). */
export function subscriptionKeys(lookup: StripeLookup, matcher: SkuMatcher, json: StripeJson, now: string, into: Set<number>): void {
  const facts = subscriptionFacts(lookup, json, now);
  const renewalEnded = renewalEndedAt(facts, storedSubscription(lookup.sqlite, facts.id), now);
  for (const [si, standing] of standings(facts, renewalEnded, () => null)) addMoveKeys(lookup, si, [standing], into);
  for (const item of facts.items) {
    const licensed = licensedSeats(lookup.sqlite, item.providerItemId, item.quantity);
    if (licensed >= item.quantity) continue;
    // The latest paid invoice as stored, or one the page stores before this subscription.
    const billed = [latestPaidInvoice(lookup.sqlite, facts.id, item.providerItemId), latestPaidInvoice(lookup.sqlite, facts.id, item.providerItemId, lookup.page)];
    if (!billed.some((invoice) => invoice !== null && Math.min(billedSeats(invoice, item.providerItemId), item.quantity) > licensed)) continue;
    const skuId = matcher.match(item.names).skuId;
    const keyId = skuId === null ? null : usableKeyOfSku(lookup.sqlite, skuId);
    if (keyId !== null) into.add(keyId);
  }
}

/** A paid invoice of a subscription: the licenses of the items whose paid period it extends follow it. */
export function applyPaidInvoice(ectx: EffectContext, object: ChangedObject): EffectTally {
  const tally = emptyEffectTally();
  if (object.type !== 'invoice' || object.deleted) return tally;
  const items = new Map<string, ItemStanding>();
  for (const si of itemsItExtends(ectx.sqlite, object.json)) {
    const standing = standingOfItem(ectx.sqlite, STRIPE_PROVIDER, si);
    if (standing) items.set(si, standing);
  }
  tally.renewed += moveLicenses(ectx, licenseMoves(ectx.sqlite, items));
  return tally;
}

/**
 * The keys a paid invoice's license moves will sign with: each item's standing as stored
 * and as the page's copy of its subscription has it (whichever the page applies first).
 */
export function paidInvoiceKeys(lookup: StripeLookup, json: StripeJson, now: string, into: Set<number>): void {
  const extended = itemsItExtends(lookup.sqlite, json);
  if (extended.length === 0) return;
  const subscriptionId = invoiceSubscription(json);
  const inPage = subscriptionId === null ? undefined : lookup.page.find((o) => o.id === subscriptionId && o.object === 'subscription');
  const pageStandings = inPage ? standings(subscriptionFacts(lookup, inPage, now), null, () => null) : new Map<string, ItemStanding>();
  for (const si of extended) {
    const candidates = [standingOfItem(lookup.sqlite, STRIPE_PROVIDER, si), pageStandings.get(si)].filter((st): st is ItemStanding => st !== undefined);
    addMoveKeys(lookup, si, candidates, into);
  }
}

/** The subscription items (`si_…`) KeyHub keeps for the subscription. */
function itemsOfSubscription(sqlite: Database.Database, providerSubscriptionId: string): string[] {
  return statement(
    sqlite,
    `SELECT i.provider_item_id FROM subscription_items i JOIN subscriptions s ON s.id = i.subscription_id
     WHERE s.provider = ? AND s.provider_subscription_id = ? ORDER BY i.id`,
  )
    .pluck()
    .all(STRIPE_PROVIDER, providerSubscriptionId) as string[];
}

/**
 * The rule applied again to the subscription's licenses as stored: after money of one of
 * its invoices was taken back, what is still paid may end sooner (the expiry is brought
 * forward, re-signed and audited, like a cancel's).
 */
export function applySubscriptionRule(ectx: EffectContext, providerSubscriptionId: string): number {
  const items = new Map<string, ItemStanding>();
  for (const si of itemsOfSubscription(ectx.sqlite, providerSubscriptionId)) {
    const standing = standingOfItem(ectx.sqlite, STRIPE_PROVIDER, si);
    if (standing) items.set(si, standing);
  }
  return moveLicenses(ectx, licenseMoves(ectx.sqlite, items));
}

/**
 * The keys `applySubscriptionRule` may sign with once `invoiceId`'s money is taken back
 * (read before the write transaction): what is paid as stored, and without that invoice.
 */
export function takenBackKeys(sqlite: Database.Database, providerSubscriptionId: string, invoiceId: string, into: Set<number>): void {
  for (const si of itemsOfSubscription(sqlite, providerSubscriptionId)) {
    const standing = standingOfItem(sqlite, STRIPE_PROVIDER, si);
    if (!standing) continue;
    const licenses = followingLicenses(sqlite, si, standing.quantity);
    for (const paid of new Set([paidUntil(sqlite, providerSubscriptionId, si), paidUntilWithout(sqlite, providerSubscriptionId, si, invoiceId)])) {
      for (const move of movesOf(licenses, si, withPaidUntil(standing, paid))) {
        const keyId = usableKeyOfSku(sqlite, move.license.skuId);
        if (keyId !== null) into.add(keyId);
      }
    }
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
