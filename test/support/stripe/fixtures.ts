/**
 * Stripe's official object fixtures (fixtures3.json `resources`, API 2026-10-28.endive),
 * loaded once and cleaned into templates: the fake account clones these and adjusts ids,
 * times, amounts and links, so every object has the fields and nesting Stripe sends. The
 * fixtures' filler values (random amounts, placeholder ids) that would mislead a reader
 * of money or links are reset to what a plain card payment has.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Stripe objects are free-form JSON; the fake reads and writes them by field name.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/** A copy of Stripe's `fixtures3.json` (MIT, its LICENSE beside it) kept in the repository, so a fresh clone tests without the reference folder. */
export const STRIPE_FIXTURES_PATH = process.env.KEYHUB_STRIPE_FIXTURES ?? fileURLToPath(new URL('./reference/fixtures3.json', import.meta.url));

export type TemplateName =
  | 'account'
  | 'product'
  | 'price'
  | 'customer'
  | 'checkout.session'
  | 'item'
  | 'subscription'
  | 'subscription_item'
  | 'invoice'
  | 'line_item'
  | 'invoice_payment'
  | 'payment_intent'
  | 'charge'
  | 'refund'
  | 'dispute'
  | 'event';

const LIST_FIELDS_REBUILT = { object: 'list', data: [], has_more: false };

/** What each template changes from the raw fixture (top-level fields only; the rest is Stripe's). */
const CLEAN: Record<TemplateName, Json> = {
  account: {},
  product: { default_price: null, description: null, package_dimensions: null, type: 'service', images: [], marketing_features: [] },
  price: { transform_quantity: null, custom_unit_amount: null, recurring: null, type: 'one_time' },
  customer: { discount: null, currency: null, shipping: null, invoice_prefix: null },
  'checkout.session': {
    after_expiration: null,
    shipping_cost: null,
    shipping_address_collection: null,
    currency_conversion: null,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    collected_information: null,
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    consent_collection: null,
    invoice_creation: null,
    payment_method_configuration_details: null,
    adaptive_pricing: null,
    managed_payments: null,
    customer_creation: 'if_required',
    ui_mode: 'hosted',
  },
  item: { adjustable_quantity: null, metadata: {} },
  subscription: {
    billing_cycle_anchor_config: null,
    cancel_at: null,
    canceled_at: null,
    ended_at: null,
    cancel_at_period_end: false,
    next_pending_invoice_item_invoice: null,
    pause_collection: null,
    pending_invoice_item_interval: null,
    pending_update: null,
    transfer_data: null,
    trial_end: null,
    trial_start: null,
    billing_schedules: [],
    managed_payments: null,
    items: LIST_FIELDS_REBUILT,
  },
  subscription_item: { billing_thresholds: null },
  invoice: {
    from_invoice: null,
    last_finalization_error: null,
    shipping_cost: null,
    shipping_details: null,
    customer_shipping: null,
    amount_overpaid: 0,
    due_date: null,
    next_payment_attempt: null,
    webhooks_delivered_at: null,
    auto_advance: false,
    lines: LIST_FIELDS_REBUILT,
  },
  line_item: { pretax_credit_amounts: [], taxes: [], quantity_decimal: null },
  invoice_payment: {},
  payment_intent: {
    canceled_at: null,
    last_payment_error: null,
    next_action: null,
    processing: null,
    transfer_data: null,
    payment_method_configuration_details: null,
    automatic_payment_methods: null,
    managed_payments: null,
  },
  charge: { source: null, transfer_data: null, application_fee: null },
  refund: {},
  dispute: { enhanced_eligibility_types: [] },
  event: {},
};

let loaded: Record<TemplateName, Json> | undefined;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}

/**
 * The cleaned template of one fixture: frozen, so clones share its nested parts safely
 * (an object is adjusted by replacing fields, never by writing into shared ones).
 */
export function template(name: TemplateName): Readonly<Json> {
  if (!loaded) {
    const resources = (JSON.parse(readFileSync(STRIPE_FIXTURES_PATH, 'utf8')) as { resources: Record<string, Json> }).resources;
    const templates = {} as Record<TemplateName, Json>;
    for (const key of Object.keys(CLEAN) as TemplateName[]) {
      const fixture = resources[key];
      if (!fixture) throw new Error(`${STRIPE_FIXTURES_PATH} has no "${key}" resource`);
      templates[key] = deepFreeze({ ...fixture, ...CLEAN[key] });
    }
    loaded = templates;
  }
  return loaded[name];
}
