/**
 * Stripe objects as API 2026-10-28.endive sends them (the fields of Stripe's own
 * fixtures), for the demo's account snapshot: test mode, card payments, no tax, no
 * discounts. Each builder takes what links the object to the rest of the account and
 * fills the remaining fields the way a plain Checkout or Billing account has them.
 * Lists are embedded whole (`has_more: false`), as the sync stores them.
 */
import { createHash } from 'node:crypto';
import type { StripeJson } from '../sync/stripe/types';

type Json = Record<string, unknown>;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A Stripe-looking id, the same for the same label every time (`cus_…`, `price_…`). */
export function demoStripeId(prefix: string, label: string, length = 24): string {
  const bytes = createHash('sha512').update(`keyhub demo ${prefix} ${label}`).digest();
  let id = '';
  for (let i = 0; i < length; i++) id += BASE62[bytes[i % bytes.length] % 62];
  return `${prefix}_${id}`;
}

const list = (data: Json[], url: string): Json => ({ object: 'list', data, has_more: false, url });

const address = (country: string | null): Json => ({ city: null, country, line1: null, line2: null, postal_code: null, state: null });

export interface DemoPerson {
  email: string;
  name: string;
  /** Checkout's business name (a company buying). */
  businessName: string | null;
  country: string;
}

export function productJson(id: string, created: number, input: { name: string; description: string; metadata?: Record<string, string> }): StripeJson {
  return {
    id,
    object: 'product',
    active: true,
    created,
    default_price: null,
    description: input.description,
    images: [],
    livemode: false,
    marketing_features: [],
    metadata: { ...input.metadata },
    name: input.name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    type: 'service',
    unit_label: null,
    updated: created,
    url: null,
  };
}

export interface DemoRecurring {
  interval: 'month' | 'year';
  trialDays?: number;
}

export function priceJson(
  id: string,
  created: number,
  input: { product: string; currency: string; unitAmount: number; nickname: string | null; recurring?: DemoRecurring; metadata?: Record<string, string> },
): StripeJson {
  return {
    id,
    object: 'price',
    active: true,
    billing_scheme: 'per_unit',
    created,
    currency: input.currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: null,
    metadata: { ...input.metadata },
    nickname: input.nickname,
    product: input.product,
    recurring: input.recurring
      ? { interval: input.recurring.interval, interval_count: 1, meter: null, trial_period_days: input.recurring.trialDays ?? null, usage_type: 'licensed' }
      : null,
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: input.recurring ? 'recurring' : 'one_time',
    unit_amount: input.unitAmount,
    unit_amount_decimal: String(input.unitAmount),
  };
}

export function customerJson(id: string, created: number, person: DemoPerson, input: { invoicePrefix: string; invoices: number; currency: string | null }): StripeJson {
  return {
    id,
    object: 'customer',
    address: address(person.country),
    balance: 0,
    created,
    currency: input.currency,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: person.email,
    invoice_prefix: input.invoicePrefix,
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: {},
    name: person.name,
    next_invoice_sequence: input.invoices + 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

/** A Checkout line item with its price embedded (as `expand[]=line_items` shows it). */
export function sessionLineJson(id: string, price: StripeJson, productName: string, quantity: number): Json {
  const amount = (price.unit_amount as number) * quantity;
  return {
    id,
    object: 'item',
    adjustable_quantity: null,
    amount_discount: 0,
    amount_subtotal: amount,
    amount_tax: 0,
    amount_total: amount,
    currency: price.currency,
    description: productName,
    metadata: {},
    price,
    quantity,
  };
}

/** A payment-mode Checkout Session the customer completed and paid. */
export function paidSessionJson(
  id: string,
  created: number,
  input: { customer: string; person: DemoPerson; currency: string; lines: Json[]; paymentIntent: string },
): StripeJson {
  const total = input.lines.reduce((sum, line) => sum + (line.amount_total as number), 0);
  return {
    id,
    object: 'checkout.session',
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: null,
    amount_subtotal: total,
    amount_total: total,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: 'https://shop.keyhub-demo.example/cancel',
    client_reference_id: null,
    client_secret: null,
    collected_information: { business_name: input.person.businessName, individual_name: null, shipping_details: null },
    consent: null,
    consent_collection: null,
    created,
    currency: input.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: input.customer,
    customer_account: null,
    customer_creation: 'always',
    customer_details: {
      address: address(input.person.country),
      business_name: input.person.businessName,
      email: input.person.email,
      individual_name: null,
      name: input.person.name,
      phone: null,
      tax_exempt: 'none',
      tax_ids: [],
    },
    customer_email: null,
    discounts: [],
    expires_at: created + 86_400,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    line_items: list(input.lines, `/v1/checkout/sessions/${id}/line_items`),
    livemode: false,
    locale: null,
    managed_payments: null,
    metadata: {},
    mode: 'payment',
    origin_context: null,
    payment_intent: input.paymentIntent,
    payment_link: null,
    payment_method_collection: 'if_required',
    payment_method_configuration_details: null,
    payment_method_options: { card: { request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    payment_status: 'paid',
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'complete',
    submit_type: null,
    subscription: null,
    success_url: 'https://shop.keyhub-demo.example/thanks?session_id={CHECKOUT_SESSION_ID}',
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted',
    url: null,
    wallet_options: null,
  };
}

export interface DemoPeriod {
  start: number;
  end: number;
}

/** The legacy `plan` Stripe still shows on subscription items, from the price. */
function planOf(price: StripeJson): Json {
  const recurring = price.recurring as { interval: string; interval_count: number; trial_period_days: number | null };
  return {
    id: price.id,
    object: 'plan',
    active: true,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: 'per_unit',
    created: price.created,
    currency: price.currency,
    interval: recurring.interval,
    interval_count: recurring.interval_count,
    livemode: false,
    metadata: price.metadata,
    meter: null,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: recurring.trial_period_days,
    usage_type: 'licensed',
  };
}

export function subscriptionItemJson(id: string, created: number, input: { subscription: string; price: StripeJson; quantity: number; period: DemoPeriod }): Json {
  return {
    id,
    object: 'subscription_item',
    billing_thresholds: null,
    created,
    current_period_end: input.period.end,
    current_period_start: input.period.start,
    discounts: [],
    metadata: {},
    plan: planOf(input.price),
    price: input.price,
    quantity: input.quantity,
    subscription: input.subscription,
    tax_rates: [],
  };
}

export interface SubscriptionState {
  status: 'trialing' | 'active' | 'past_due' | 'canceled';
  latestInvoice: string;
  trial: DemoPeriod | null;
  /** Canceled at the period end: when the customer asked, and when it ended. */
  cancel: { requestedAt: number; endedAt: number } | null;
}

export function subscriptionJson(id: string, created: number, input: { customer: string; currency: string; items: Json[]; state: SubscriptionState }): StripeJson {
  const { cancel, trial } = input.state;
  return {
    id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: created,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: 'classic' },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: cancel?.endedAt ?? null,
    cancel_at_period_end: cancel !== null,
    canceled_at: cancel?.requestedAt ?? null,
    cancellation_details: { comment: null, feedback: cancel ? 'switched_service' : null, reason: cancel ? 'cancellation_requested' : null },
    collection_method: 'charge_automatically',
    created,
    currency: input.currency,
    customer: input.customer,
    customer_account: null,
    days_until_due: null,
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    ended_at: input.state.status === 'canceled' ? (cancel?.endedAt ?? null) : null,
    invoice_settings: { account_tax_ids: null, issuer: { type: 'self' } },
    items: list(input.items, `/v1/subscription_items?subscription=${id}`),
    latest_invoice: input.state.latestInvoice,
    livemode: false,
    managed_payments: null,
    metadata: {},
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: 'off' },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: created,
    status: input.state.status,
    test_clock: null,
    transfer_data: null,
    trial_end: trial?.end ?? null,
    trial_settings: { end_behavior: { missing_payment_method: 'create_invoice' } },
    trial_start: trial?.start ?? null,
  };
}

/** An invoice line billing a subscription item for a period. */
export function invoiceLineJson(
  id: string,
  input: { invoice: string; subscription: string; subscriptionItem: string; price: StripeJson; productName: string; quantity: number; amount: number; period: DemoPeriod; trial: boolean },
): Json {
  const unit = input.price.unit_amount as number;
  const interval = (input.price.recurring as { interval: string }).interval;
  const money = `${(unit / 100).toFixed(2)} ${String(input.price.currency).toUpperCase()}`;
  return {
    id,
    object: 'line_item',
    amount: input.amount,
    currency: input.price.currency,
    description: input.trial ? `Trial period for ${input.productName}` : `${input.quantity} × ${input.productName} (at ${money} / ${interval})`,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: input.invoice,
    livemode: false,
    metadata: {},
    parent: {
      type: 'subscription_item_details',
      invoice_item_details: null,
      subscription_item_details: {
        invoice_item: null,
        proration: false,
        proration_details: { credited_items: null },
        subscription: input.subscription,
        subscription_item: input.subscriptionItem,
      },
    },
    period: { end: input.period.end, start: input.period.start },
    pretax_credit_amounts: [],
    pricing: { type: 'price_details', price_details: { price: input.price.id, product: input.price.product }, unit_amount_decimal: String(unit) },
    quantity: input.quantity,
    quantity_decimal: String(input.quantity),
    subscription: input.subscription,
    subtotal: input.amount,
    taxes: [],
  };
}

export function invoicePaymentJson(
  id: string,
  created: number,
  input: { invoice: string; paymentIntent: string; amount: number; currency: string; paidAt: number | null },
): Json {
  return {
    id,
    object: 'invoice_payment',
    amount_paid: input.paidAt === null ? null : input.amount,
    amount_requested: input.amount,
    created,
    currency: input.currency,
    invoice: input.invoice,
    is_default: true,
    livemode: false,
    payment: { type: 'payment_intent', payment_intent: input.paymentIntent },
    status: input.paidAt === null ? 'open' : 'paid',
    status_transitions: { canceled_at: null, paid_at: input.paidAt },
  };
}

export function invoiceJson(
  id: string,
  created: number,
  input: {
    customer: StripeJson;
    subscription: string;
    currency: string;
    number: string;
    billingReason: 'subscription_create' | 'subscription_cycle';
    lines: Json[];
    payments: Json[];
    period: DemoPeriod;
    /** Null: open, its payment failed (`attempts` so far, the next one planned). */
    paidAt: number | null;
    attempts: number;
    nextAttempt: number | null;
  },
): StripeJson {
  const total = input.lines.reduce((sum, line) => sum + (line.amount as number), 0);
  const paid = input.paidAt !== null;
  return {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'KeyHub Demo Software',
    account_tax_ids: null,
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: paid ? total : 0,
    amount_remaining: paid ? 0 : total,
    amount_shipping: 0,
    application: null,
    attempt_count: input.attempts,
    attempted: input.attempts > 0,
    auto_advance: !paid,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: input.billingReason,
    collection_method: 'charge_automatically',
    created,
    currency: input.currency,
    custom_fields: null,
    customer: input.customer.id,
    customer_account: null,
    customer_address: input.customer.address,
    customer_email: input.customer.email,
    customer_name: input.customer.name,
    customer_phone: null,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: created,
    ending_balance: 0,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: `https://invoice.stripe.com/i/acct_keyhubdemo/test_${id.slice(3)}`,
    invoice_pdf: `https://pay.stripe.com/invoice/acct_keyhubdemo/test_${id.slice(3)}/pdf`,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: list(input.lines, `/v1/invoices/${id}/lines`),
    livemode: false,
    metadata: {},
    next_payment_attempt: input.nextAttempt,
    number: input.number,
    on_behalf_of: null,
    parent: { type: 'subscription_details', quote_details: null, subscription_details: { metadata: {}, subscription: input.subscription } },
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    payments: list(input.payments, `/v1/invoice_payments?invoice=${id}`),
    period_end: input.period.end,
    period_start: input.period.start,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: paid ? 'paid' : 'open',
    status_transitions: { finalized_at: created, marked_uncollectible_at: null, paid_at: input.paidAt, voided_at: null },
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: null,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: created,
  };
}

const DECLINE = { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' };

export function paymentIntentJson(
  id: string,
  created: number,
  input: { amount: number; currency: string; customer: string; description: string | null; email: string; charge: string; succeeded: boolean },
): StripeJson {
  return {
    id,
    object: 'payment_intent',
    amount: input.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: input.succeeded ? input.amount : 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: `${id}_secret_${demoStripeId('s', id, 25).slice(2)}`,
    confirmation_method: 'automatic',
    created,
    currency: input.currency,
    customer: input.customer,
    customer_account: null,
    description: input.description,
    excluded_payment_method_types: null,
    last_payment_error: input.succeeded ? null : { ...DECLINE, type: 'card_error', charge: input.charge },
    latest_charge: input.charge,
    livemode: false,
    managed_payments: null,
    metadata: {},
    next_action: null,
    on_behalf_of: null,
    payment_method: input.succeeded ? `pm_${id.slice(3)}` : null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    processing: null,
    receipt_email: input.email,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: input.succeeded ? 'succeeded' : 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  };
}

export function refundJson(id: string, created: number, input: { amount: number; currency: string; charge: string; paymentIntent: string; customer: string }): StripeJson {
  return {
    id,
    object: 'refund',
    amount: input.amount,
    balance_transaction: `txn_${id.slice(3)}`,
    charge: input.charge,
    created,
    currency: input.currency,
    customer: input.customer,
    customer_account: null,
    destination_details: { card: { reference: null, reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' }, type: 'card' },
    metadata: {},
    payment_intent: input.paymentIntent,
    payment_method: `pm_${input.paymentIntent.slice(3)}`,
    reason: 'requested_by_customer',
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
}

export function chargeJson(
  id: string,
  created: number,
  input: { amount: number; currency: string; customer: string; paymentIntent: string; person: DemoPerson; succeeded: boolean; refunds: StripeJson[]; card: { brand: string; last4: string } },
): StripeJson {
  const refunded = input.refunds.reduce((sum, r) => sum + (r.amount as number), 0);
  return {
    id,
    object: 'charge',
    amount: input.amount,
    amount_captured: input.succeeded ? input.amount : 0,
    amount_refunded: refunded,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: input.succeeded ? `txn_${id.slice(3)}` : null,
    billing_details: { address: address(input.person.country), email: input.person.email, name: input.person.name, phone: null, tax_id: null },
    calculated_statement_descriptor: 'KEYHUB DEMO',
    captured: input.succeeded,
    created,
    currency: input.currency,
    customer: input.customer,
    description: null,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: input.succeeded ? null : DECLINE.code,
    failure_message: input.succeeded ? null : DECLINE.message,
    fraud_details: {},
    livemode: false,
    metadata: {},
    on_behalf_of: null,
    outcome: {
      advice_code: input.succeeded ? null : 'try_again_later',
      network_advice_code: null,
      network_decline_code: input.succeeded ? null : '51',
      network_status: input.succeeded ? 'approved_by_network' : 'declined_by_network',
      reason: input.succeeded ? null : 'insufficient_funds',
      risk_level: 'normal',
      risk_score: 18,
      seller_message: input.succeeded ? 'Payment complete.' : 'The bank returned the decline code `insufficient_funds`.',
      type: input.succeeded ? 'authorized' : 'issuer_declined',
    },
    paid: input.succeeded,
    payment_intent: input.paymentIntent,
    payment_method: `pm_${input.paymentIntent.slice(3)}`,
    payment_method_details: {
      card: {
        amount_authorized: input.succeeded ? input.amount : null,
        brand: input.card.brand,
        checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
        country: input.person.country,
        exp_month: 8,
        exp_year: 2030,
        funding: 'credit',
        last4: input.card.last4,
        network: input.card.brand,
        network_transaction_id: null,
        three_d_secure: null,
        wallet: null,
      },
      type: 'card',
    },
    receipt_email: input.person.email,
    receipt_number: null,
    receipt_url: input.succeeded ? `https://pay.stripe.com/receipts/payment/test_${id.slice(3)}` : null,
    refunded: input.succeeded && refunded >= input.amount,
    refunds: list(input.refunds, `/v1/charges/${id}/refunds`),
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: input.succeeded ? 'succeeded' : 'failed',
    transfer_data: null,
    transfer_group: null,
  };
}
