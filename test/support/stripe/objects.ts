/**
 * Stripe objects made from the fixture templates: each factory clones one template and
 * sets what links it to the rest of the account (ids, customer, amounts, times, status).
 * Pure: the world decides ids and times and stores the results.
 */
import { template, type Json } from './fixtures';

export interface Interval {
  interval: 'day' | 'week' | 'month' | 'year';
  intervalCount?: number;
}

const money = (amount: number, currency: string) => `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;

export function productObject(id: string, created: number, input: { name: string; metadata?: Record<string, string>; description?: string | null }): Json {
  return {
    ...template('product'),
    id,
    created,
    updated: created,
    name: input.name,
    description: input.description ?? null,
    metadata: { ...(input.metadata ?? {}) },
  };
}

export function priceObject(
  id: string,
  created: number,
  input: { product: string; unitAmount: number; currency: string; recurring?: Interval; metadata?: Record<string, string>; nickname?: string | null },
): Json {
  return {
    ...template('price'),
    id,
    created,
    product: input.product,
    currency: input.currency,
    unit_amount: input.unitAmount,
    unit_amount_decimal: String(input.unitAmount),
    nickname: input.nickname ?? null,
    metadata: { ...(input.metadata ?? {}) },
    type: input.recurring ? 'recurring' : 'one_time',
    recurring: input.recurring
      ? { interval: input.recurring.interval, interval_count: input.recurring.intervalCount ?? 1, meter: null, usage_type: 'licensed', trial_period_days: null }
      : null,
  };
}

/** The legacy `plan` Stripe still shows on subscription items, derived from the price. */
export function planOf(price: Json): Json {
  return {
    ...template('subscription_item').plan,
    id: price.id,
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: 'per_unit',
    created: price.created,
    currency: price.currency,
    interval: price.recurring?.interval ?? 'month',
    interval_count: price.recurring?.interval_count ?? 1,
    livemode: false,
    metadata: price.metadata,
    nickname: price.nickname,
    product: price.product,
    transform_usage: null,
  };
}

export interface Person {
  email: string;
  name: string;
  businessName?: string | null;
  country?: string | null;
}

const address = (country: string | null | undefined) => ({ city: null, country: country ?? null, line1: null, line2: null, postal_code: null, state: null });

export function customerObject(id: string, created: number, person: Person, invoicePrefix: string): Json {
  return {
    ...template('customer'),
    id,
    created,
    email: person.email,
    name: person.name,
    address: address(person.country),
    invoice_prefix: invoicePrefix,
  };
}

export function customerDetails(person: Person): Json {
  return {
    ...template('checkout.session').customer_details,
    address: address(person.country),
    email: person.email,
    name: person.name,
    business_name: person.businessName ?? null,
    individual_name: null,
    tax_ids: [],
  };
}

export function sessionObject(
  id: string,
  created: number,
  input: { mode: 'payment' | 'subscription'; customer: string | null; person: Person; currency: string; amount: number },
): Json {
  return {
    ...template('checkout.session'),
    id,
    created,
    expires_at: created + 24 * 3600,
    mode: input.mode,
    status: 'open',
    payment_status: 'unpaid',
    payment_intent: null,
    subscription: null,
    invoice: null,
    customer: input.customer,
    customer_email: input.customer ? null : input.person.email,
    customer_details: customerDetails(input.person),
    currency: input.currency,
    amount_subtotal: input.amount,
    amount_total: input.amount,
    url: `https://checkout.stripe.com/c/pay/${id}`,
  };
}

/** A Checkout line item (`item`); its `price` is filled in live when rendered. */
export function sessionItemObject(id: string, input: { price: Json; productName: string; quantity: number }): Json {
  const amount = (input.price.unit_amount ?? 0) * input.quantity;
  return {
    ...template('item'),
    id,
    amount_discount: 0,
    amount_subtotal: amount,
    amount_tax: 0,
    amount_total: amount,
    currency: input.price.currency,
    description: input.productName,
    price: input.price.id,
    quantity: input.quantity,
  };
}

export function subscriptionObject(id: string, created: number, input: { customer: string; currency: string; status: string }): Json {
  return {
    ...template('subscription'),
    id,
    created,
    customer: input.customer,
    currency: input.currency,
    status: input.status,
    start_date: created,
    billing_cycle_anchor: created,
    latest_invoice: null,
    discounts: [],
    metadata: {},
    items: { object: 'list', data: [], has_more: false, url: `/v1/subscription_items?subscription=${id}` },
  };
}

export function subscriptionItemObject(
  id: string,
  created: number,
  input: { subscription: string; price: Json; quantity: number; periodStart: number; periodEnd: number },
): Json {
  return {
    ...template('subscription_item'),
    id,
    created,
    subscription: input.subscription,
    price: input.price.id,
    plan: input.price.id,
    quantity: input.quantity,
    metadata: {},
    current_period_start: input.periodStart,
    current_period_end: input.periodEnd,
  };
}

export interface InvoiceLineInput {
  price: Json;
  productName: string;
  quantity: number;
  amount: number;
  period: { start: number; end: number };
  subscription: string | null;
  subscriptionItem: string | null;
  proration?: boolean;
  description?: string;
}

export function invoiceLineObject(id: string, invoice: string, line: InvoiceLineInput): Json {
  const unit = line.price.unit_amount ?? 0;
  const interval = line.price.recurring ? ` / ${line.price.recurring.interval}` : '';
  return {
    ...template('line_item'),
    id,
    invoice,
    amount: line.amount,
    subtotal: line.amount,
    currency: line.price.currency,
    description: line.description ?? `${line.quantity} × ${line.productName} (at ${money(unit, line.price.currency)}${interval})`,
    discount_amounts: [],
    discounts: [],
    metadata: {},
    period: { ...line.period },
    quantity: line.quantity,
    subscription: line.subscription,
    parent: line.subscriptionItem
      ? {
          type: 'subscription_item_details',
          invoice_item_details: null,
          subscription_item_details: {
            invoice_item: null,
            proration: line.proration ?? false,
            proration_details: { credited_items: null },
            subscription: line.subscription,
            subscription_item: line.subscriptionItem,
          },
        }
      : {
          type: 'invoice_item_details',
          invoice_item_details: { invoice_item: `ii_${id.slice(3)}`, proration: false, proration_details: { credited_items: null }, subscription: null },
          subscription_item_details: null,
        },
    pricing: { type: 'price_details', price_details: { price: line.price.id, product: line.price.product }, unit_amount_decimal: String(unit) },
  };
}

export function invoiceObject(
  id: string,
  created: number,
  input: {
    customer: Json;
    subscription: string | null;
    currency: string;
    amount: number;
    billingReason: string;
    period: { start: number; end: number };
  },
): Json {
  return {
    ...template('invoice'),
    id,
    created,
    effective_at: null,
    customer: input.customer.id,
    customer_email: input.customer.email ?? null,
    customer_name: input.customer.name ?? null,
    customer_address: input.customer.address ?? null,
    currency: input.currency,
    amount_due: input.amount,
    amount_paid: 0,
    amount_remaining: input.amount,
    subtotal: input.amount,
    subtotal_excluding_tax: input.amount,
    total: input.amount,
    total_excluding_tax: input.amount,
    billing_reason: input.billingReason,
    number: null,
    status: 'draft',
    attempted: false,
    attempt_count: 0,
    period_start: input.period.start,
    period_end: input.period.end,
    parent: input.subscription
      ? { type: 'subscription_details', quote_details: null, subscription_details: { metadata: {}, subscription: input.subscription } }
      : null,
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    metadata: {},
    hosted_invoice_url: null,
    invoice_pdf: null,
  };
}

export function invoicePaymentObject(id: string, created: number, input: { invoice: string; paymentIntent: string; amount: number; currency: string }): Json {
  return {
    ...template('invoice_payment'),
    id,
    created,
    invoice: input.invoice,
    amount_paid: null,
    amount_requested: input.amount,
    currency: input.currency,
    is_default: true,
    livemode: false,
    payment: { type: 'payment_intent', payment_intent: input.paymentIntent },
    status: 'open',
    status_transitions: { canceled_at: null, paid_at: null },
  };
}

export function paymentIntentObject(id: string, created: number, input: { amount: number; currency: string; customer: string | null; description: string | null }): Json {
  return {
    ...template('payment_intent'),
    id,
    created,
    amount: input.amount,
    amount_received: 0,
    currency: input.currency,
    customer: input.customer,
    description: input.description,
    client_secret: `${id}_secret_keyhubfake`,
    latest_charge: null,
    payment_method: null,
    status: 'requires_payment_method',
    metadata: {},
  };
}

export function chargeObject(
  id: string,
  created: number,
  input: { amount: number; currency: string; customer: string | null; paymentIntent: string; person: Person; succeeded: boolean; paymentMethod: string },
): Json {
  const base = template('charge');
  return {
    ...base,
    id,
    created,
    amount: input.amount,
    amount_captured: input.succeeded ? input.amount : 0,
    amount_refunded: 0,
    captured: input.succeeded,
    paid: input.succeeded,
    status: input.succeeded ? 'succeeded' : 'failed',
    failure_code: input.succeeded ? null : 'card_declined',
    failure_message: input.succeeded ? null : 'Your card was declined.',
    outcome: {
      ...base.outcome,
      network_status: input.succeeded ? 'approved_by_network' : 'declined_by_network',
      reason: input.succeeded ? null : 'generic_decline',
      risk_level: 'normal',
      seller_message: input.succeeded ? 'Payment complete.' : 'The bank did not return any further details with this decline.',
      type: input.succeeded ? 'authorized' : 'issuer_declined',
    },
    balance_transaction: input.succeeded ? `txn_${id.slice(3)}` : null,
    billing_details: { ...base.billing_details, email: input.person.email, name: input.person.name, address: address(input.person.country) },
    currency: input.currency,
    customer: input.customer,
    description: null,
    disputed: false,
    payment_intent: input.paymentIntent,
    payment_method: input.paymentMethod,
    receipt_email: input.person.email,
    receipt_url: `https://pay.stripe.com/receipts/payment/${id}`,
    refunded: false,
    refunds: { object: 'list', data: [], has_more: false, url: `/v1/charges/${id}/refunds` },
    metadata: {},
  };
}

export function refundObject(id: string, created: number, input: { amount: number; currency: string; charge: string; paymentIntent: string; status: string; reason: string | null }): Json {
  return {
    ...template('refund'),
    id,
    created,
    amount: input.amount,
    currency: input.currency,
    charge: input.charge,
    payment_intent: input.paymentIntent,
    status: input.status,
    reason: input.reason,
    balance_transaction: `txn_${id.slice(3)}`,
    metadata: {},
  };
}

export function disputeObject(id: string, created: number, input: { amount: number; currency: string; charge: string; paymentIntent: string; status: string; reason: string }): Json {
  const base = template('dispute');
  return {
    ...base,
    id,
    created,
    amount: input.amount,
    currency: input.currency,
    charge: input.charge,
    payment_intent: input.paymentIntent,
    status: input.status,
    reason: input.reason,
    is_charge_refundable: false,
    evidence_details: { ...base.evidence_details, due_by: created + 7 * 86400 },
    metadata: {},
  };
}

export function accountObject(id: string, name: string): Json {
  const base = template('account');
  return {
    ...base,
    id,
    email: 'billing@example.com',
    business_profile: { ...base.business_profile, name },
    settings: { ...base.settings, dashboard: { display_name: name, timezone: 'Etc/UTC' } },
    charges_enabled: true,
    payouts_enabled: true,
    details_submitted: true,
  };
}

/** The end of a billing period that starts at `start` (calendar months and years, like Stripe). */
export function periodEnd(start: number, interval: Interval): number {
  const count = interval.intervalCount ?? 1;
  const date = new Date(start * 1000);
  switch (interval.interval) {
    case 'day':
      return start + count * 86400;
    case 'week':
      return start + count * 7 * 86400;
    case 'month':
      date.setUTCMonth(date.getUTCMonth() + count);
      return Math.floor(date.getTime() / 1000);
    case 'year':
      date.setUTCFullYear(date.getUTCFullYear() + count);
      return Math.floor(date.getTime() / 1000);
  }
}
