/**
 * Money going back: a succeeded refund is a 'refund' event (the sales engine revokes
 * on a full refund and asks staff on a partial one), a lost dispute a 'reversal' (a won
 * one changes nothing). Both find their purchase through the payment intent (the
 * refund's or dispute's own, else its charge's). One whose purchase is not recorded yet
 * waits in `stripe_objects`: recording the purchase applies it then.
 */
import type Database from 'better-sqlite3';
import { statement } from '../../../../store/statements';
import { recordMessage } from '../../../sales/record';
import type { PaymentEventMessage } from '../../../sales/types';
import { STRIPE_PROVIDER } from '../api-version';
import { emptyEffectTally, type ChangedObject, type EffectContext, type EffectTally, type StripeJson } from '../types';
import { currencyOf, idOf, isoOf, num, str, StripeLookup } from './json';
import { invoiceSubscription, moneyTakenBack } from './paid-periods';
import { applySubscriptionRule, takenBackKeys } from './subscriptions';

/** The payment intent a refund or dispute takes money from. */
export function paymentIntentOfEvent(lookup: StripeLookup, json: StripeJson): string | null {
  return idOf(json.payment_intent) ?? idOf(lookup.get(idOf(json.charge))?.payment_intent);
}

/** The recorded purchase (session or invoice id) paid with the payment intent, or null. */
export function purchaseOfPaymentIntent(sqlite: Database.Database, paymentIntent: string | null): string | null {
  if (!paymentIntent) return null;
  const row = statement(
    sqlite,
    `SELECT o.id FROM stripe_objects o JOIN transactions t ON t.provider = ? AND t.provider_txn_id = o.id
     WHERE o.payment_intent = ? AND o.type IN ('checkout.session', 'invoice') ORDER BY o.created LIMIT 1`,
  ).get(STRIPE_PROVIDER, paymentIntent) as { id: string } | undefined;
  return row?.id ?? null;
}

/** The event a refund or dispute is for the purchase, or null while it is none (pending refund, open or won dispute). */
export function paymentEventOf(type: 'refund' | 'dispute', json: StripeJson, providerTxnId: string): PaymentEventMessage | null {
  const base = {
    kind: 'event' as const,
    provider: STRIPE_PROVIDER,
    providerTxnId,
    eventId: json.id,
    amount: num(json.amount) ?? 0,
    currency: currencyOf(json.currency) ?? '',
    reason: str(json.reason),
    occurredAt: isoOf(json.created) ?? new Date(0).toISOString(),
    rawFormat: 'json' as const,
    raw: JSON.stringify(json),
  };
  if (type === 'refund') return json.status === 'succeeded' ? { ...base, event: 'refund', providerStatus: 'refund succeeded' } : null;
  return json.status === 'lost' ? { ...base, event: 'reversal', providerStatus: 'dispute lost' } : null;
}

function apply(ectx: EffectContext, lookup: StripeLookup, type: 'refund' | 'dispute', json: StripeJson, into: EffectTally): void {
  const providerTxnId = purchaseOfPaymentIntent(ectx.sqlite, paymentIntentOfEvent(lookup, json));
  if (!providerTxnId) return;
  const event = paymentEventOf(type, json, providerTxnId);
  if (!event) return;
  // Recorded once by its id: applying it again (a later purchase update) is a duplicate.
  const result = recordMessage(ectx.fulfil, ectx.matcher, event, ectx.now);
  into.revoked += result.revoked;
  into.restored += result.restored;
  // A subscription invoice's money taken back pays for nothing now: the seats other invoices keep follow what is still paid.
  const subscription = result.outcome === 'updated' ? takenBackSubscription(ectx.sqlite, lookup, providerTxnId) : null;
  if (subscription !== null) into.renewed += applySubscriptionRule(ectx, subscription);
}

/** The subscription of the purchase when it is an invoice of one whose money is taken back (refunded in full or reversed), else null. */
function takenBackSubscription(sqlite: Database.Database, lookup: StripeLookup, providerTxnId: string): string | null {
  const invoice = providerTxnId.startsWith('in_') ? lookup.get(providerTxnId) : undefined;
  const subscription = invoice ? invoiceSubscription(invoice) : null;
  return subscription !== null && moneyTakenBack(sqlite, providerTxnId) ? subscription : null;
}

/**
 * The keys a refund or dispute's effects may sign with (read before the write
 * transaction): the moves of its subscription's licenses once its invoice pays for
 * nothing. Revoking signs nothing.
 */
export function paymentEventKeys(lookup: StripeLookup, type: 'refund' | 'dispute', json: StripeJson, into: Set<number>): void {
  const providerTxnId = purchaseOfPaymentIntent(lookup.sqlite, paymentIntentOfEvent(lookup, json));
  if (!providerTxnId?.startsWith('in_') || !paymentEventOf(type, json, providerTxnId)) return;
  const invoice = lookup.get(providerTxnId);
  const subscription = invoice ? invoiceSubscription(invoice) : null;
  if (subscription !== null) takenBackKeys(lookup.sqlite, subscription, providerTxnId, into);
}

/** A refund or dispute just stored. */
export function applyPaymentEvent(ectx: EffectContext, object: ChangedObject): EffectTally {
  const tally = emptyEffectTally();
  if (object.deleted || (object.type !== 'refund' && object.type !== 'dispute')) return tally;
  apply(ectx, new StripeLookup(ectx.sqlite), object.type, object.json, tally);
  return tally;
}

const STORED_EVENTS = `
SELECT id, type, raw FROM stripe_objects WHERE payment_intent = @intent AND type IN ('refund', 'dispute')
UNION
SELECT e.id, e.type, e.raw FROM stripe_objects c
JOIN stripe_objects e ON e.parent = c.id AND e.type IN ('refund', 'dispute')
WHERE c.payment_intent = @intent AND c.type = 'charge'`;

const EVENTS_OF_CHARGE = `SELECT id, type, raw FROM stripe_objects WHERE parent = ? AND type IN ('refund', 'dispute')`;

type StoredEvent = { id: string; type: 'refund' | 'dispute'; raw: string };

/**
 * Applies the refunds and disputes already stored for these payment intents (and
 * charges), oldest first: those that arrived before their purchase was recorded.
 */
export function applyStoredPaymentEvents(
  ectx: EffectContext,
  paymentIntents: readonly string[],
  chargeIds: readonly string[] = [],
  lookup = new StripeLookup(ectx.sqlite),
): EffectTally {
  const tally = emptyEffectTally();
  const found = new Map<string, StoredEvent>();
  for (const intent of paymentIntents) for (const row of statement(ectx.sqlite, STORED_EVENTS).all({ intent }) as StoredEvent[]) found.set(row.id, row);
  for (const charge of chargeIds) for (const row of statement(ectx.sqlite, EVENTS_OF_CHARGE).all(charge) as StoredEvent[]) found.set(row.id, row);
  if (found.size === 0) return tally;
  const events = [...found.values()].map((row) => ({ type: row.type, json: JSON.parse(row.raw) as StripeJson }));
  events.sort((a, b) => (num(a.json.created) ?? 0) - (num(b.json.created) ?? 0) || a.json.id.localeCompare(b.json.id));
  for (const event of events) apply(ectx, lookup, event.type, event.json, tally);
  return tally;
}

/** A charge just stored: refunds and disputes that named only it can find their purchase now. */
export function applyCharge(ectx: EffectContext, object: ChangedObject): EffectTally {
  if (object.deleted || object.type !== 'charge') return emptyEffectTally();
  if (!idOf(object.json.payment_intent)) return emptyEffectTally();
  // The charge itself may not be stored yet: its refunds read its payment intent from here.
  return applyStoredPaymentEvents(ectx, [], [object.id], new StripeLookup(ectx.sqlite, [object.json]));
}
