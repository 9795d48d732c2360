/**
 * The demo's Stripe account, as a first sync would find it: products and prices for the
 * demo catalog's SKUs (named by `keyhub_sku` metadata on the product or the price; one
 * price added in the Dashboard without it), eight customers (two of them the licensing
 * books' organisations, found again by email), paid Checkout Sessions over the last
 * months (three seats in one, one refunded in full) and five subscriptions: active and
 * renewed every month, in trial, past due (its renewal declined), canceled at the end of
 * its period, and one with two seats. Dated relative to `today`.
 *
 * Stored through the sync's own page writer (`storeStripeObjects`): the objects in a
 * backfill's order, their effects (transactions, licenses, subscriptions) applied as a
 * sync applies them. No sync run or cursor is written: the demo never spoke to Stripe,
 * so the Sync screen says Stripe is not connected, and a real first sync starts afresh.
 */
import type { ApiContext } from '../../api/dispatch';
import { storeStripeObjects, type StripeObjectInput } from '../sync/stripe/pages';
import { STRIPE_OBJECT_TYPES, type StripeJson } from '../sync/stripe/types';
import {
  chargeJson,
  customerJson,
  demoStripeId,
  invoiceJson,
  invoiceLineJson,
  invoicePaymentJson,
  paidSessionJson,
  paymentIntentJson,
  priceJson,
  productJson,
  refundJson,
  sessionLineJson,
  subscriptionItemJson,
  subscriptionJson,
  type DemoPeriod,
  type DemoPerson,
  type DemoRecurring,
  type SubscriptionState,
} from './stripe-json';

export interface DemoStripeSummary {
  /** Paid Checkout Sessions. */
  purchases: number;
  subscriptions: number;
  /** Subscriptions by Stripe status. */
  statuses: Record<string, number>;
  /** Invoices of the subscriptions (paid, or open while a payment is retried). */
  invoices: number;
  /** KeyHub customers created from Stripe customers (the others were found by email). */
  customers: number;
  issued: number;
  revoked: number;
  /** Prices no SKU matches that paid purchases wait on. */
  unmappedPrices: number;
  /** Stripe objects stored. */
  objects: number;
}

const DAY = 86_400;

// ---------------------------------------------------------------- the catalog in Stripe

interface DemoPrice {
  key: string;
  product: string;
  currency: 'usd' | 'eur';
  unitAmount: number;
  nickname: string | null;
  recurring?: DemoRecurring;
  /** `keyhub_sku` on the price itself (else the product's, if any). */
  sku?: string;
  /** Days before today it was created. */
  age: number;
}

interface DemoProduct {
  key: string;
  name: string;
  description: string;
  /** `keyhub_sku` on the product: every price of it names the SKU. */
  sku?: string;
  age: number;
}

const PRODUCTS: DemoProduct[] = [
  { key: 'r4-performance', name: 'ImageResizer 4 Performance', description: 'Perpetual server license, 1 domain, with a year of updates.', age: 720 },
  { key: 'r4-creative', name: 'ImageResizer 4 Creative', description: 'Perpetual server license, 3 domains: filters, effects and watermarks.', age: 720 },
  {
    key: 'r4-elite-annual',
    name: 'ImageResizer 4 Elite, yearly subscription',
    description: 'Every plugin and Imageflow Server, 10 domains, renewed yearly.',
    sku: 'R4EliteAnnual',
    age: 700,
  },
  { key: 'nw-pro', name: 'Northwind Compare Pro', description: 'Schema and data compare with the CI runner, per seat.', sku: 'NWComparePro', age: 540 },
  { key: 'nw-std', name: 'Northwind Compare Standard', description: 'Schema compare, per seat.', sku: 'NWCompareStd', age: 540 },
  { key: 'ksans-web', name: 'Kestrel Sans, web licence (2 sites)', description: 'Self-hosted WOFF2 web fonts for two sites.', sku: 'KSansWeb', age: 600 },
  // Added in the Stripe Dashboard without `keyhub_sku`: its sales wait until staff map it (Stripe prices → Map to SKU…).
  { key: 'ksans-variable', name: 'Kestrel Sans Variable, web licence (10 sites)', description: 'Variable web fonts for up to ten sites.', age: 60 },
];

const PRICES: DemoPrice[] = [
  { key: 'r4-performance-usd', product: 'r4-performance', currency: 'usd', unitAmount: 24900, nickname: null, sku: 'R4Performance', age: 720 },
  { key: 'r4-creative-usd', product: 'r4-creative', currency: 'usd', unitAmount: 44900, nickname: null, sku: 'R4Creative', age: 720 },
  { key: 'r4-elite-annual-usd', product: 'r4-elite-annual', currency: 'usd', unitAmount: 29900, nickname: 'Yearly (USD)', recurring: { interval: 'year' }, age: 700 },
  { key: 'r4-elite-annual-eur', product: 'r4-elite-annual', currency: 'eur', unitAmount: 27900, nickname: 'Yearly (EUR)', recurring: { interval: 'year' }, age: 700 },
  { key: 'nw-pro-monthly', product: 'nw-pro', currency: 'usd', unitAmount: 3500, nickname: 'Monthly, per seat', recurring: { interval: 'month' }, age: 540 },
  { key: 'nw-pro-yearly', product: 'nw-pro', currency: 'usd', unitAmount: 34900, nickname: 'Yearly, per seat', recurring: { interval: 'year' }, age: 540 },
  { key: 'nw-std-monthly', product: 'nw-std', currency: 'usd', unitAmount: 1290, nickname: 'Monthly, per seat', recurring: { interval: 'month', trialDays: 14 }, age: 540 },
  { key: 'ksans-web-eur', product: 'ksans-web', currency: 'eur', unitAmount: 9200, nickname: null, age: 600 },
  { key: 'ksans-variable-eur', product: 'ksans-variable', currency: 'eur', unitAmount: 18500, nickname: null, age: 60 },
];

// ---------------------------------------------------------------- customers and what they bought

interface DemoCustomer extends DemoPerson {
  key: string;
  age: number;
  card: { brand: string; last4: string };
}

const person = (key: string, name: string, email: string, country: string, age: number, card: DemoCustomer['card'], businessName: string | null = null): DemoCustomer => ({
  key,
  name,
  email,
  country,
  age,
  card,
  businessName,
});

const CUSTOMERS: DemoCustomer[] = [
  // The licensing books' organisations (same emails): their Stripe purchases land on their records.
  person('photometer', 'Photometer AG', 'billing@photometer.example', 'CH', 200, { brand: 'visa', last4: '4242' }, 'Photometer AG'),
  person('harbor', 'Harbor Analytics Ltd', 'accounts@harbor.example', 'GB', 240, { brand: 'mastercard', last4: '4444' }, 'Harbor Analytics Ltd'),
  person('northbeam', 'Northbeam Labs', 'ops@northbeam.example', 'US', 170, { brand: 'amex', last4: '8431' }, 'Northbeam Labs'),
  person('mira', 'Mira Castell', 'mira@castell-estudio.example', 'ES', 140, { brand: 'visa', last4: '1881' }),
  person('samuel', 'Samuel Okafor', 'samuel@okafor-media.example', 'GB', 80, { brand: 'visa', last4: '0077' }),
  person('hannah', 'Hannah Becker', 'hannah.becker@typewerk.example', 'DE', 50, { brand: 'mastercard', last4: '5100' }),
  person('weilin', 'Wei Lin Tan', 'weilin@lantern-studio.example', 'SG', 6, { brand: 'visa', last4: '3155' }),
  person('ingrid', 'Ingrid Solberg', 'ingrid@solberg-data.example', 'NO', 100, { brand: 'visa', last4: '0341' }),
];

interface DemoSession {
  key: string;
  customer: string;
  price: string;
  quantity: number;
  /** Days before today. */
  daysAgo: number;
  /** Refunded in full this many days before today. */
  refundedDaysAgo?: number;
}

const SESSIONS: DemoSession[] = [
  { key: 'northbeam-performance', customer: 'northbeam', price: 'r4-performance-usd', quantity: 1, daysAgo: 160 },
  { key: 'mira-ksans', customer: 'mira', price: 'ksans-web-eur', quantity: 1, daysAgo: 130 },
  // Three servers at once: three licenses, one a unit.
  { key: 'photometer-creative', customer: 'photometer', price: 'r4-creative-usd', quantity: 3, daysAgo: 100 },
  // Refunded a week later: its license is revoked.
  { key: 'samuel-creative', customer: 'samuel', price: 'r4-creative-usd', quantity: 1, daysAgo: 75, refundedDaysAgo: 68 },
  { key: 'hannah-ksans', customer: 'hannah', price: 'ksans-web-eur', quantity: 1, daysAgo: 45 },
  { key: 'harbor-performance', customer: 'harbor', price: 'r4-performance-usd', quantity: 1, daysAgo: 30 },
  // The price without `keyhub_sku`: paid, waiting for a SKU mapping.
  { key: 'hannah-variable', customer: 'hannah', price: 'ksans-variable-eur', quantity: 1, daysAgo: 11 },
  { key: 'samuel-performance', customer: 'samuel', price: 'r4-performance-usd', quantity: 1, daysAgo: 3 },
];

type DemoSubscriptionStory =
  /** Paid every period, `periods` of them; the current one started `currentStartDaysAgo` days ago. */
  | { kind: 'active'; periods: number; currentStartDaysAgo: number }
  | { kind: 'trialing'; trialDays: number; startedDaysAgo: number }
  /** Paid `paidPeriods` periods; the renewal `failedDaysAgo` days ago was declined (Stripe retries it). */
  | { kind: 'past_due'; paidPeriods: number; failedDaysAgo: number }
  /** Paid `periods` periods, set to cancel `requestedDaysBefore` the last one ended, `endedDaysAgo` days ago. */
  | { kind: 'canceled'; periods: number; endedDaysAgo: number; requestedDaysBefore: number };

interface DemoSubscription {
  key: string;
  customer: string;
  price: string;
  quantity: number;
  story: DemoSubscriptionStory;
}

const SUBSCRIPTIONS: DemoSubscription[] = [
  { key: 'harbor-pro', customer: 'harbor', price: 'nw-pro-monthly', quantity: 1, story: { kind: 'active', periods: 7, currentStartDaysAgo: 9 } },
  { key: 'weilin-std', customer: 'weilin', price: 'nw-std-monthly', quantity: 1, story: { kind: 'trialing', trialDays: 14, startedDaysAgo: 5 } },
  { key: 'ingrid-pro', customer: 'ingrid', price: 'nw-pro-monthly', quantity: 1, story: { kind: 'past_due', paidPeriods: 3, failedDaysAgo: 2 } },
  { key: 'mira-std', customer: 'mira', price: 'nw-std-monthly', quantity: 1, story: { kind: 'canceled', periods: 3, endedDaysAgo: 25, requestedDaysBefore: 16 } },
  // Two seats: two licenses from one subscription item.
  { key: 'photometer-pro', customer: 'photometer', price: 'nw-pro-yearly', quantity: 2, story: { kind: 'active', periods: 1, currentStartDaysAgo: 130 } },
];

// ---------------------------------------------------------------- building the account

/** Calendar months and years from an anchor, as Stripe bills them (the 31st falls on a shorter month's last day). */
function addInterval(unix: number, interval: 'month' | 'year', count: number): number {
  const date = new Date(unix * 1000);
  const months = date.getUTCFullYear() * 12 + date.getUTCMonth() + (interval === 'month' ? count : 12 * count);
  const year = Math.floor(months / 12);
  const month = months - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  date.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay));
  return Math.floor(date.getTime() / 1000);
}

class DemoAccount {
  readonly objects: Record<(typeof STRIPE_OBJECT_TYPES)[number], StripeJson[]> = {
    product: [],
    price: [],
    customer: [],
    subscription: [],
    invoice: [],
    'checkout.session': [],
    payment_intent: [],
    charge: [],
    refund: [],
    dispute: [],
  };
  private readonly products = new Map<string, StripeJson>();
  private readonly prices = new Map<string, StripeJson>();
  private readonly customers = new Map<string, { json: StripeJson; person: DemoCustomer }>();
  private readonly invoiceCounts = new Map<string, number>();

  constructor(private readonly now: number) {}

  /** A time `days` before now, at a plausible minute (`salt` spreads objects made the same day). */
  ago(days: number, salt = 0): number {
    return this.now - Math.round(days * DAY) - ((salt * 7919) % 3_600);
  }

  addCatalog(): void {
    for (const p of PRODUCTS) {
      const json = productJson(demoStripeId('prod', p.key, 14), this.ago(p.age, 1), { name: p.name, description: p.description, metadata: p.sku ? { keyhub_sku: p.sku } : {} });
      this.products.set(p.key, json);
      this.objects.product.push(json);
    }
    for (const p of PRICES) {
      const product = this.products.get(p.product)!;
      const json = priceJson(demoStripeId('price', p.key), this.ago(p.age, 2), {
        product: product.id,
        currency: p.currency,
        unitAmount: p.unitAmount,
        nickname: p.nickname,
        recurring: p.recurring,
        metadata: p.sku ? { keyhub_sku: p.sku } : {},
      });
      this.prices.set(p.key, json);
      this.objects.price.push(json);
    }
  }

  addCustomers(): void {
    for (const c of CUSTOMERS) {
      // Stripe sets a customer's currency with its first subscription; Checkout payments leave it unset.
      const subscription = SUBSCRIPTIONS.find((s) => s.customer === c.key);
      const currency = subscription ? String(this.prices.get(subscription.price)!.currency) : null;
      const invoices = this.invoicesOf(c.key);
      const json = customerJson(demoStripeId('cus', c.key, 14), this.ago(c.age, 3), c, { invoicePrefix: demoStripeId('p', c.key, 8).slice(2).toUpperCase(), invoices, currency });
      this.customers.set(c.key, { json, person: c });
      this.objects.customer.push(json);
    }
  }

  private invoicesOf(customer: string): number {
    return SUBSCRIPTIONS.filter((s) => s.customer === customer).reduce((sum, s) => sum + periodsOf(s), 0);
  }

  private productName(price: StripeJson): string {
    return String([...this.products.values()].find((p) => p.id === price.product)!.name);
  }

  /** A payment: its intent and charge (and the charge's refunds). */
  private pay(key: string, at: number, input: { amount: number; currency: string; customer: string; description: string | null; succeeded: boolean; refunds?: StripeJson[] }): string {
    const { json: customer, person } = this.customers.get(input.customer)!;
    const { intent, charge } = paymentIds(key);
    this.objects.payment_intent.push(
      paymentIntentJson(intent, at, { amount: input.amount, currency: input.currency, customer: customer.id, description: input.description, email: person.email, charge, succeeded: input.succeeded }),
    );
    this.objects.charge.push(
      chargeJson(charge, at + 2, {
        amount: input.amount,
        currency: input.currency,
        customer: customer.id,
        paymentIntent: intent,
        person,
        succeeded: input.succeeded,
        refunds: input.refunds ?? [],
        card: person.card,
      }),
    );
    return intent;
  }

  addSession(s: DemoSession, index: number): void {
    const price = this.prices.get(s.price)!;
    const { json: customer, person } = this.customers.get(s.customer)!;
    const created = this.ago(s.daysAgo, index + 11);
    const id = `cs_test_a1${demoStripeId('cs', s.key, 56).slice(3)}`;
    const line = sessionLineJson(demoStripeId('li', s.key), price, this.productName(price), s.quantity);
    const amount = line.amount_total as number;
    const currency = String(price.currency);
    const payment = `session ${s.key}`;
    const refunds: StripeJson[] = [];
    if (s.refundedDaysAgo !== undefined) {
      const { intent, charge } = paymentIds(payment);
      const refund = refundJson(demoStripeId('re', s.key), this.ago(s.refundedDaysAgo, index), { amount, currency, charge, paymentIntent: intent, customer: customer.id });
      refunds.push(refund);
      this.objects.refund.push(refund);
    }
    const paymentIntent = this.pay(payment, created + 45, { amount, currency, customer: s.customer, description: null, succeeded: true, refunds });
    this.objects['checkout.session'].push(paidSessionJson(id, created, { customer: customer.id, person, currency, lines: [line], paymentIntent }));
  }

  addSubscription(s: DemoSubscription): void {
    const price = this.prices.get(s.price)!;
    const interval = (price.recurring as { interval: 'month' | 'year' }).interval;
    const { json: customer } = this.customers.get(s.customer)!;
    const currency = String(price.currency);
    const id = demoStripeId('sub', s.key);
    const itemId = demoStripeId('si', s.key, 14);
    const story = s.story;

    // The periods billed, oldest first; the last is the item's current one.
    const periods: DemoPeriod[] = [];
    const periodsBack = (currentStart: number, count: number) => {
      for (let k = count - 1; k >= 0; k--) periods.push({ start: addInterval(currentStart, interval, -k), end: addInterval(currentStart, interval, 1 - k) });
    };
    let trial: DemoPeriod | null = null;
    switch (story.kind) {
      case 'active':
        periodsBack(this.ago(story.currentStartDaysAgo, 5), story.periods);
        break;
      case 'trialing': {
        const started = this.ago(story.startedDaysAgo, 5);
        periods.push((trial = { start: started, end: started + story.trialDays * DAY }));
        break;
      }
      case 'past_due':
        periodsBack(this.ago(story.failedDaysAgo, 5), story.paidPeriods + 1);
        break;
      case 'canceled':
        // The last period ended when it did: it is the current one Stripe keeps.
        periodsBack(addInterval(this.ago(story.endedDaysAgo, 5), interval, -1), story.periods);
        break;
    }
    const start = periods[0].start;

    const invoices = periods.map((period, index) => {
      const invoiceId = demoStripeId('in', `${s.key} ${index}`);
      const declined = story.kind === 'past_due' && index === periods.length - 1;
      const amount = story.kind === 'trialing' ? 0 : (price.unit_amount as number) * s.quantity;
      const finalized = period.start + (index === 0 ? 0 : 3_600);
      const paidAt = declined ? null : finalized + 20;
      const payments = [];
      if (amount > 0) {
        const intent = this.pay(`invoice ${s.key} ${index}`, finalized + 10, {
          amount,
          currency,
          customer: s.customer,
          description: index === 0 ? 'Subscription creation' : 'Subscription update',
          succeeded: !declined,
        });
        payments.push(invoicePaymentJson(demoStripeId('inpay', `${s.key} ${index}`), finalized, { invoice: invoiceId, paymentIntent: intent, amount, currency, paidAt }));
      }
      const count = (this.invoiceCounts.get(s.customer) ?? 0) + 1;
      this.invoiceCounts.set(s.customer, count);
      return invoiceJson(invoiceId, finalized, {
        customer,
        subscription: id,
        currency,
        number: `${String(customer.invoice_prefix)}-${String(count).padStart(4, '0')}`,
        billingReason: index === 0 ? 'subscription_create' : 'subscription_cycle',
        lines: [
          invoiceLineJson(demoStripeId('il', `${s.key} ${index}`), {
            invoice: invoiceId,
            subscription: id,
            subscriptionItem: itemId,
            price,
            productName: this.productName(price),
            quantity: s.quantity,
            amount,
            period,
            trial: story.kind === 'trialing',
          }),
        ],
        payments,
        period,
        paidAt,
        attempts: amount > 0 ? (declined ? 2 : 1) : 0,
        nextAttempt: declined ? this.now + 3 * DAY : null,
      });
    });
    this.objects.invoice.push(...invoices);

    const current = periods[periods.length - 1];
    const state: SubscriptionState = {
      status: story.kind,
      latestInvoice: invoices[invoices.length - 1].id,
      trial,
      cancel: story.kind === 'canceled' ? { requestedAt: current.end - story.requestedDaysBefore * DAY, endedAt: current.end } : null,
    };
    const item = subscriptionItemJson(itemId, start, { subscription: id, price, quantity: s.quantity, period: current });
    this.objects.subscription.push(subscriptionJson(id, start, { customer: customer.id, currency, items: [item], state }));
  }

  /** Every object, type by type in the backfill's order, newest first within a type (as Stripe lists them). */
  inBackfillOrder(): StripeObjectInput[] {
    return STRIPE_OBJECT_TYPES.flatMap((type) =>
      [...this.objects[type]].sort((a, b) => (b.created as number) - (a.created as number) || b.id.localeCompare(a.id)).map((json) => ({ type, json })),
    );
  }
}

/** The payment intent and charge of one payment. */
function paymentIds(key: string): { intent: string; charge: string } {
  return { intent: demoStripeId('pi', key), charge: demoStripeId('ch', key) };
}

function periodsOf(s: DemoSubscription): number {
  switch (s.story.kind) {
    case 'trialing':
      return 1;
    case 'past_due':
      return s.story.paidPeriods + 1;
    default:
      return s.story.periods;
  }
}

/** The demo's Stripe account as of `today`: every object, in the order a first sync stores them. */
export function demoStripeAccount(today: Date): StripeObjectInput[] {
  const account = new DemoAccount(Math.floor(today.getTime() / 1000));
  account.addCatalog();
  account.addCustomers();
  SUBSCRIPTIONS.forEach((s) => account.addSubscription(s));
  SESSIONS.forEach((s, i) => account.addSession(s, i));
  return account.inBackfillOrder();
}

const countOf = (ctx: ApiContext, sql: string) => ctx.store.sqlite.prepare(sql).pluck().get() as number;

/** Stores the demo's Stripe account as a first sync would; the keys must be unlocked (purchases are signed). */
export async function loadDemoStripe(ctx: ApiContext, today: Date): Promise<DemoStripeSummary> {
  const customersBefore = countOf(ctx, 'SELECT count(*) FROM customers');
  const objects = demoStripeAccount(today);
  const counts = await storeStripeObjects(ctx, objects);
  const statuses: Record<string, number> = {};
  for (const { type, json } of objects) if (type === 'subscription') statuses[String(json.status)] = (statuses[String(json.status)] ?? 0) + 1;
  return {
    purchases: SESSIONS.length,
    subscriptions: SUBSCRIPTIONS.length,
    statuses,
    invoices: objects.filter((o) => o.type === 'invoice').length,
    customers: countOf(ctx, 'SELECT count(*) FROM customers') - customersBefore,
    issued: counts.fulfilled,
    revoked: counts.revoked,
    unmappedPrices: countOf(
      ctx,
      "SELECT count(DISTINCT ti.e_item_number) FROM transaction_items ti JOIN transactions t ON t.id = ti.transaction_id WHERE t.provider = 'stripe' AND ti.waiting_units > 0",
    ),
    objects: objects.length,
  };
}
