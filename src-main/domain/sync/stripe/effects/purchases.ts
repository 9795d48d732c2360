/**
 * Paid Checkout Sessions and invoices as purchases. A payment-mode session that is
 * complete and paid (or needs no payment) is confirmed, complete and unpaid waits (a
 * bank debit on its way); open and expired ones are nothing yet. An invoice paid is
 * confirmed, open and uncollectible wait (an uncollectible one can still be paid), void
 * rejects one already recorded, a draft is nothing. Each becomes one PurchaseMessage
 * recorded by the sales engine (so licenses are issued once, through the ledger), after
 * which the refunds and disputes already stored for its payment intent are applied: the
 * order Stripe's objects arrive in does not matter.
 */
import type Database from 'better-sqlite3';
import { invalidField } from '../../../../api/errors';
import { statement } from '../../../../store/statements';
import { notBeforeIssue } from '../../../licenses/expiry';
import { MAX_QUANTITY } from '../../../sales/ipn/parse';
import type { SkuMatcher } from '../../../sales/item-skus';
import { recordMessage } from '../../../sales/record';
import type { Payer, PurchaseItem, PurchaseMessage, PurchaseStatus } from '../../../sales/types';
import { issuedExpiry, standingOfItem } from '../../subscription-expiry';
import { STRIPE_PROVIDER } from '../api-version';
import { emptyEffectTally, type ChangedObject, type EffectContext, type EffectTally, type StripeJson } from '../types';
import { currencyOf, idOf, isoOf, listData, num, obj, path, str, StripeLookup, type Json } from './json';
import { invoiceSubscription, lineSubscriptionItem } from './paid-periods';
import { applyStoredPaymentEvents } from './payments';
import { priceNames, type PriceNames } from './price-names';

/** A purchase as read from a session or invoice, with the payment intents its refunds and disputes name. */
export interface StripePurchase {
  message: PurchaseMessage;
  paymentIntents: string[];
}

/** "Kathrin Fretz" → Kathrin / Fretz; one word is a last name (lists sort and search by it). */
export function splitName(name: string | null): { firstName: string | null; lastName: string | null } {
  const full = name?.trim().replace(/\s+/g, ' ') ?? '';
  if (!full) return { firstName: null, lastName: null };
  const at = full.lastIndexOf(' ');
  return at < 0 ? { firstName: null, lastName: full } : { firstName: full.slice(0, at), lastName: full.slice(at + 1) };
}

function grace(sqlite: Database.Database, skuId: number): number | null {
  return (statement(sqlite, 'SELECT subscription_grace_days AS days FROM skus WHERE id = ?').get(skuId) as { days: number | null } | undefined)?.days ?? null;
}

function checkedQuantity(what: string, quantity: number): number {
  if (quantity > MAX_QUANTITY) {
    throw invalidField('quantity', `${what} has a quantity of ${quantity}; KeyHub issues one license per unit, at most ${MAX_QUANTITY} a line.`);
  }
  return quantity;
}

// ---------------------------------------------------------------- Checkout Sessions

function sessionStatus(json: Json): { status: PurchaseStatus; said: string } | null {
  if (json.mode !== 'payment' || json.status !== 'complete') return null;
  const paid = json.payment_status === 'paid' || json.payment_status === 'no_payment_required';
  return { status: paid ? 'confirmed' : 'waiting', said: `checkout complete, payment ${str(json.payment_status) ?? 'unknown'}` };
}

/** The synced Stripe customer, read only when the purchase itself leaves a payer field out. */
function customerReader(lookup: StripeLookup, payerId: string | null): () => Json | null {
  let customer: Json | null | undefined;
  return () => (customer === undefined ? (customer = payerId ? lookup.get(payerId) : null) : customer);
}

function sessionPayer(lookup: StripeLookup, json: Json): Payer {
  const details = obj(json.customer_details);
  const payerId = idOf(json.customer);
  const customer = customerReader(lookup, payerId);
  return {
    email: str(details?.email) ?? str(json.customer_email) ?? str(customer()?.email),
    ...splitName(str(details?.name) ?? str(customer()?.name)),
    businessName: str(details?.business_name),
    payerId,
    country: str(path(details, 'address', 'country')) ?? str(path(customer(), 'address', 'country')),
  };
}

/** A payer nobody reads (working out a page's signing keys). */
const NO_PAYER: Payer = { email: null, firstName: null, lastName: null, businessName: null, payerId: null, country: null };

/** The object's JSON text as stored (the engine stores it before its effects run), else made now. */
function rawOf(lookup: StripeLookup, json: StripeJson): string {
  return (statement(lookup.sqlite, 'SELECT raw FROM stripe_objects WHERE id = ?').pluck().get(json.id) as string | undefined) ?? JSON.stringify(json);
}

/** `detail` false: payer and raw text left out (enough to know the keys a page needs). */
export function sessionPurchase(lookup: StripeLookup, json: StripeJson, detail = true): StripePurchase | null {
  const standing = sessionStatus(json);
  if (!standing) return null;
  const currency = currencyOf(json.currency);
  if (!currency) throw invalidField('currency', `Checkout Session ${json.id} names no currency.`);
  const items: PurchaseItem[] = [];
  for (const line of listData(json.line_items)) {
    const quantity = num(line.quantity) ?? 1;
    if (quantity < 1) continue;
    const names = priceNames(lookup, line.price, null, str(line.description));
    items.push({
      providerItemId: str(line.id) ?? `${json.id}#${items.length + 1}`,
      name: names.name,
      number: names.number,
      skuCode: names.skuCode,
      quantity: checkedQuantity(`Line ${str(line.id) ?? items.length + 1} of ${json.id}`, quantity),
      gross: num(line.amount_total) ?? 0,
      options: [],
    });
  }
  const paymentIntent = idOf(json.payment_intent);
  return {
    message: {
      kind: 'purchase',
      provider: STRIPE_PROVIDER,
      providerTxnId: json.id,
      txnType: 'checkout',
      status: standing.status,
      providerStatus: standing.said,
      payer: detail ? sessionPayer(lookup, json) : NO_PAYER,
      business: null,
      currency,
      gross: num(json.amount_total) ?? 0,
      fee: 0,
      tax: num(path(json, 'total_details', 'amount_tax')) ?? 0,
      shipping: num(path(json, 'shipping_cost', 'amount_total')) ?? 0,
      paymentDate: isoOf(json.created) ?? new Date(0).toISOString(),
      items,
      rawFormat: 'json',
      raw: detail ? rawOf(lookup, json) : '',
    },
    paymentIntents: paymentIntent ? [paymentIntent] : [],
  };
}

// ---------------------------------------------------------------- invoices

function invoiceStatus(json: Json): { status: PurchaseStatus; said: string } | null {
  const said = `invoice ${str(json.status) ?? 'unknown'}`;
  switch (json.status) {
    case 'paid':
      return { status: 'confirmed', said };
    case 'open':
    case 'uncollectible':
      return { status: 'waiting', said };
    case 'void':
      return { status: 'rejected', said };
    default:
      return null;
  }
}

function invoicePayer(lookup: StripeLookup, json: Json): Payer {
  const payerId = idOf(json.customer);
  const customer = customerReader(lookup, payerId);
  return {
    email: str(json.customer_email) ?? str(customer()?.email),
    ...splitName(str(json.customer_name) ?? str(customer()?.name)),
    businessName: null,
    payerId,
    country: str(path(json, 'customer_address', 'country')) ?? str(path(customer(), 'address', 'country')),
  };
}

/** The payment intents an invoice was paid with (its payments; older versions name one outright). */
export function invoicePaymentIntents(json: Json): string[] {
  const intents = listData(json.payments)
    .map((p) => idOf(path(p, 'payment', 'payment_intent')))
    .filter((id): id is string => id !== null);
  const legacy = idOf(json.payment_intent);
  if (legacy) intents.push(legacy);
  return [...new Set(intents)];
}

interface LineGroup {
  providerItemId: string;
  subscriptionItem: string | null;
  /** What the first charging line sells. */
  names: PriceNames | null;
  /** The quantity of charging lines only (a proration credit names the seats given back). */
  chargedQuantity: number;
  gross: number;
  periodEnd: string | null;
}

/**
 * Invoice lines as purchase items: lines of one subscription item (its renewal, or a
 * proration credit and charge) are one item keyed by the `si_…` id, so every invoice of
 * the subscription hits the same ledger rows; its seats are what the charging lines bill,
 * so lines that only credit (seats given back, a cancel) are no item.
 */
function invoiceItems(lookup: StripeLookup, matcher: SkuMatcher, json: StripeJson, paymentDate: string): PurchaseItem[] {
  const groups = new Map<string, LineGroup>();
  listData(json.lines).forEach((line, index) => {
    const si = lineSubscriptionItem(line);
    const key = si ?? str(line.id) ?? `${json.id}#${index + 1}`;
    const amount = num(line.amount) ?? 0;
    const quantity = num(line.quantity) ?? 1;
    const names = priceNames(lookup, path(line, 'pricing', 'price_details', 'price') ?? line.price, str(path(line, 'pricing', 'price_details', 'product')), str(line.description));
    const periodEnd = isoOf(path(line, 'period', 'end'));
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { providerItemId: key, subscriptionItem: si, names: null, chargedQuantity: 0, gross: 0, periodEnd: null }));
    group.gross += amount;
    if (amount >= 0) {
      group.chargedQuantity = Math.max(group.chargedQuantity, quantity);
      group.names ??= names;
    }
    if (periodEnd && (group.periodEnd === null || periodEnd > group.periodEnd)) group.periodEnd = periodEnd;
  });
  const items: PurchaseItem[] = [];
  for (const group of groups.values()) {
    const { names, chargedQuantity: quantity } = group;
    if (quantity < 1 || !names) continue;
    const item: PurchaseItem = {
      providerItemId: group.providerItemId,
      name: names.name,
      number: names.number,
      skuCode: names.skuCode,
      quantity: checkedQuantity(`Line ${group.providerItemId} of ${json.id}`, quantity),
      gross: group.gross,
      options: [],
    };
    if (group.subscriptionItem) {
      item.recurs = true;
      const match = matcher.match(names);
      if (match.skuId !== null) {
        const standing = standingOfItem(lookup.sqlite, STRIPE_PROVIDER, group.subscriptionItem);
        const expires = issuedExpiry(standing, group.periodEnd, grace(lookup.sqlite, match.skuId));
        if (expires !== undefined) item.expires = notBeforeIssue(expires, paymentDate);
      }
    }
    items.push(item);
  }
  return items;
}

function sumTaxes(json: Json): number {
  const taxes = Array.isArray(json.total_taxes) ? json.total_taxes : null;
  if (taxes) return taxes.reduce((sum: number, t) => sum + (num(obj(t)?.amount) ?? 0), 0);
  return num(json.tax) ?? 0;
}

export function invoicePurchase(lookup: StripeLookup, matcher: SkuMatcher, json: StripeJson, detail = true): StripePurchase | null {
  const standing = invoiceStatus(json);
  if (!standing) return null;
  const currency = currencyOf(json.currency);
  if (!currency) throw invalidField('currency', `Invoice ${json.id} names no currency.`);
  const paymentDate = isoOf(path(json, 'status_transitions', 'paid_at')) ?? isoOf(json.created) ?? new Date(0).toISOString();
  return {
    message: {
      kind: 'purchase',
      provider: STRIPE_PROVIDER,
      providerTxnId: json.id,
      txnType: str(json.billing_reason) ?? 'invoice',
      status: standing.status,
      providerStatus: standing.said,
      payer: detail ? invoicePayer(lookup, json) : NO_PAYER,
      business: null,
      currency,
      // What was paid; what is asked while it waits (a purchase's gross is kept from its first record).
      gross: (json.status === 'paid' ? num(json.amount_paid) : num(json.amount_due)) ?? num(json.total) ?? 0,
      fee: 0,
      tax: sumTaxes(json),
      shipping: num(path(json, 'shipping_cost', 'amount_total')) ?? 0,
      paymentDate,
      items: invoiceItems(lookup, matcher, json, paymentDate),
      rawFormat: 'json',
      raw: detail ? rawOf(lookup, json) : '',
    },
    paymentIntents: invoicePaymentIntents(json),
  };
}

// ---------------------------------------------------------------- recording

/** The purchase a session or invoice makes, or null (not a purchase, or not one yet). */
export function stripePurchase(lookup: StripeLookup, matcher: SkuMatcher, object: ChangedObject, detail = true): StripePurchase | null {
  if (object.deleted) return null;
  if (object.type === 'checkout.session') return sessionPurchase(lookup, object.json, detail);
  if (object.type === 'invoice') return invoicePurchase(lookup, matcher, object.json, detail);
  return null;
}

export function recordedStatus(sqlite: Database.Database, providerTxnId: string): string | null {
  return (
    (statement(sqlite, 'SELECT status FROM transactions WHERE provider = ? AND provider_txn_id = ?').get(STRIPE_PROVIDER, providerTxnId) as { status: string } | undefined)?.status ??
    null
  );
}

const SESSION_OF_INVOICE = `
SELECT o.id FROM stripe_objects o JOIN transactions t ON t.provider = ? AND t.provider_txn_id = o.id
WHERE o.parent = ? AND o.type = 'checkout.session' LIMIT 1`;

/**
 * Another recorded purchase of the same payment: a session's own invoice (Checkout's
 * `invoice_creation`) is not a second sale, whichever is recorded first. The session
 * names its invoice; the invoice is paid with the session's payment intent (when its
 * payments say so).
 */
export function recordedTwin(lookup: StripeLookup, object: ChangedObject, paymentIntents: string[]): string | null {
  const { sqlite } = lookup;
  const linked = object.type === 'checkout.session' ? idOf(object.json.invoice) : null;
  if (linked && recordedStatus(sqlite, linked) !== null) return linked;
  // A payment-mode session's invoice bills no subscription.
  if (object.type === 'invoice' && invoiceSubscription(object.json) === null) {
    const session = statement(sqlite, SESSION_OF_INVOICE).get(STRIPE_PROVIDER, object.id) as { id: string } | undefined;
    if (session) return session.id;
  }
  const twin = statement(
    sqlite,
    `SELECT o.id FROM stripe_objects o JOIN transactions t ON t.provider = ? AND t.provider_txn_id = o.id
     WHERE o.payment_intent = ? AND o.id <> ? AND o.type IN ('checkout.session', 'invoice') LIMIT 1`,
  );
  for (const intent of paymentIntents) {
    const row = twin.get(STRIPE_PROVIDER, intent, object.id) as { id: string } | undefined;
    if (row) return row.id;
  }
  return null;
}

/** Items of a purchase recorded earlier that still have no SKU take the price's current `keyhub_sku` (metadata added since). */
function refreshSkuCodes(sqlite: Database.Database, message: PurchaseMessage): void {
  const update = statement(
    sqlite,
    `UPDATE transaction_items SET sku_code = ?
     WHERE transaction_id = (SELECT id FROM transactions WHERE provider = ? AND provider_txn_id = ?) AND provider_item_id = ? AND sku_id IS NULL AND sku_code IS NOT ?`,
  );
  for (const item of message.items) if (item.skuCode) update.run(item.skuCode, message.provider, message.providerTxnId, item.providerItemId, item.skuCode);
}

export function applyPurchase(ectx: EffectContext, object: ChangedObject): EffectTally {
  const tally = emptyEffectTally();
  const lookup = new StripeLookup(ectx.sqlite);
  const purchase = stripePurchase(lookup, ectx.matcher, object);
  if (!purchase) return tally;
  const { message } = purchase;
  const recorded = recordedStatus(ectx.sqlite, message.providerTxnId);
  if (recorded === null) {
    // A void invoice never seen paid or open is nothing to record; a twin is the same sale.
    if (message.status === 'rejected' || recordedTwin(lookup, object, purchase.paymentIntents) !== null) return tally;
  } else {
    refreshSkuCodes(ectx.sqlite, message);
  }
  const result = recordMessage(ectx.fulfil, ectx.matcher, message, ectx.now);
  tally.fulfilled += result.issued;
  tally.waiting += result.waiting;
  tally.revoked += result.revoked;
  tally.restored += result.restored;
  const events = applyStoredPaymentEvents(ectx, purchase.paymentIntents);
  tally.revoked += events.revoked;
  tally.restored += events.restored;
  return tally;
}
