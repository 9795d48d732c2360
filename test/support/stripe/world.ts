/**
 * An in-memory Stripe account for tests and benches: objects cloned from Stripe's
 * fixtures (fixtures.ts, objects.ts), a clock in unix seconds, and the events Stripe
 * emits for every change (`data.object` as it was then, `previous_attributes`).
 * Builders act like a customer or the vendor's dashboard would; faults make the next
 * requests fail. The HTTP side is server.ts; list pages are answered here (listPage).
 *
 * The clock only moves when a test moves it (`advance`): renewals do not jump to the
 * period end, so events stay within retention unless a test ages them on purpose.
 */
import { template, type Json } from './fixtures';
import {
  accountObject,
  chargeObject,
  customerObject,
  disputeObject,
  invoiceLineObject,
  invoiceObject,
  invoicePaymentObject,
  paymentIntentObject,
  periodEnd,
  planOf,
  priceObject,
  productObject,
  refundObject,
  sessionItemObject,
  sessionObject,
  subscriptionItemObject,
  subscriptionObject,
  type InvoiceLineInput,
  type Interval,
  type Person,
} from './objects';
import { OrderedIndex, type Entry } from './ordered-index';

export type { Json } from './fixtures';

/** The key the fake accepts unless a test sets `world.keys` itself. */
export const FAKE_STRIPE_KEY = 'rk_test_51KeyHubFakeRestrictedKey0000';

export interface RequestRecord {
  method: string;
  /** Without the query string: `/v1/checkout/sessions`. */
  path: string;
  /** Parsed form fields: `{ created: { gte: '…' }, expand: ['data.line_items'], limit: '100' }`. */
  query: Json;
  stripeVersion: string | undefined;
  key: string | undefined;
  /** Date.now() when it arrived. */
  at: number;
}

export interface FailFault {
  status: 429 | 500 | 502 | 503;
  retryAfter?: number;
  path?: RegExp;
}

/** What the server does with the next request when a fault applies. */
export type Fault = { kind: 'drop' } | { kind: 'fail'; status: number; retryAfter?: number };

/** A Stripe error as the API sends it: the HTTP status and the `error` envelope's fields. */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { type: string; code?: string; message: string; param?: string },
  ) {
    super(body.message);
  }
}

/** API path segment → object type, id prefix. */
export const RESOURCES: Record<string, { type: string; prefix: string }> = {
  products: { type: 'product', prefix: 'prod_' },
  prices: { type: 'price', prefix: 'price_' },
  customers: { type: 'customer', prefix: 'cus_' },
  subscriptions: { type: 'subscription', prefix: 'sub_' },
  subscription_items: { type: 'subscription_item', prefix: 'si_' },
  invoices: { type: 'invoice', prefix: 'in_' },
  invoice_payments: { type: 'invoice_payment', prefix: 'inpay_' },
  'checkout/sessions': { type: 'checkout.session', prefix: 'cs_' },
  payment_intents: { type: 'payment_intent', prefix: 'pi_' },
  charges: { type: 'charge', prefix: 'ch_' },
  refunds: { type: 'refund', prefix: 're_' },
  disputes: { type: 'dispute', prefix: 'dp_' },
  events: { type: 'event', prefix: 'evt_' },
};

const ID_PREFIX: Record<string, string> = Object.fromEntries(Object.values(RESOURCES).map((r) => [r.type, r.prefix]));

/** `<type>.updated` events Stripe sends for an edited object (types absent here send none). */
const UPDATED_EVENT: Record<string, string> = {
  product: 'product.updated',
  price: 'price.updated',
  customer: 'customer.updated',
  subscription: 'customer.subscription.updated',
  invoice: 'invoice.updated',
  charge: 'charge.updated',
  refund: 'refund.updated',
  dispute: 'charge.dispute.updated',
};
const DELETED_EVENT: Record<string, string> = {
  product: 'product.deleted',
  price: 'price.deleted',
  customer: 'customer.deleted',
  invoice: 'invoice.deleted',
};
const CLOSED_DISPUTE = new Set(['won', 'lost', 'warning_closed']);
/** Subscriptions a list shows without `status`: every one not ended. */
const ENDED_SUBSCRIPTION = new Set(['canceled', 'incomplete_expired']);
const EMBEDDED_LIST_SIZE = 10;

type Ref = string | Json;
const refId = (ref: Ref) => (typeof ref === 'string' ? ref : (ref.id as string));

export interface WorldOptions {
  /** Unix seconds; default the real time now. */
  now?: number;
  keys?: string[];
  accountName?: string;
}

export interface LineInput {
  price: Ref;
  quantity: number;
}

export class StripeWorld {
  /** The account's clock, unix seconds. */
  now: number;
  /** Events older than this many days are gone from /v1/events, as at Stripe. */
  retentionDays = 30;
  /** API keys the account accepts; any other gets 401. */
  readonly keys: Set<string>;
  readonly requests: RequestRecord[] = [];
  readonly accountId = 'acct_1KeyHubFakeAcct';
  accountName: string;

  private seq = 0;
  /** Rises with every change: rendered text cached at an older version is stale (objects render from their neighbours). */
  private version = 0;
  private readonly rendered = new WeakMap<Entry, { version: number; texts: Map<string, string> }>();
  private readonly byId = new Map<string, Entry>();
  private readonly indexes = new Map<string, OrderedIndex>();
  private readonly subscriptionItems = new Map<string, string[]>();
  private readonly invoiceLines = new Map<string, Json[]>();
  private readonly invoicePayments = new Map<string, string[]>();
  private readonly sessionItems = new Map<string, Json[]>();
  private readonly chargeRefunds = new Map<string, string[]>();
  private readonly billingRule = new Map<string, Interval>();
  private readonly invoiceCounts = new Map<string, number>();
  private quiet = 0;
  private readonly failures: Array<FailFault & { remaining: number }> = [];
  private readonly drops: Array<{ remaining: number; path?: RegExp }> = [];
  private readonly denied = new Map<string, Set<string>>();

  constructor(options: WorldOptions = {}) {
    this.now = options.now ?? Math.floor(Date.now() / 1000);
    this.keys = new Set(options.keys ?? [FAKE_STRIPE_KEY]);
    this.accountName = options.accountName ?? 'KeyHub Test Vendor';
  }

  advance(seconds: number): number {
    this.now += seconds;
    return this.now;
  }

  /** Runs builders without emitting events (bulk data for a backfill: nothing to poll). */
  quietly<T>(build: () => T): T {
    this.quiet++;
    try {
      return build();
    } finally {
      this.quiet--;
    }
  }

  // ---- faults ---------------------------------------------------------------------------

  /** The next `n` requests (matching `path`, if given) answer `status`, with Retry-After when set. */
  failNext(n: number, fault: FailFault): void {
    this.failures.push({ ...fault, remaining: n });
  }

  /**
   * The next `n` requests (matching `path`) lose their connection: a network failure.
   * The SDK retries a closed connection once by itself even with retries off, so it
   * takes `dropNext(2)` for one SDK call to fail.
   */
  dropNext(n: number, options: { path?: RegExp } = {}): void {
    this.drops.push({ remaining: n, path: options.path });
  }

  /** Requests with `key` to `resource` (`products`, `checkout/sessions`, or a type like `checkout.session`) get 403. */
  denyResource(key: string, resource: string): void {
    const type = RESOURCES[resource]?.type ?? resource;
    if (!this.denied.has(key)) this.denied.set(key, new Set());
    this.denied.get(key)!.add(type);
  }

  isDenied(key: string, type: string): boolean {
    return this.denied.get(key)?.has(type) ?? false;
  }

  /** Takes the fault that applies to a request to `path`, if any (each fault counts down). */
  takeFault(path: string): Fault | undefined {
    const drop = this.drops.find((d) => d.remaining > 0 && (!d.path || d.path.test(path)));
    if (drop) {
      drop.remaining--;
      return { kind: 'drop' };
    }
    const failure = this.failures.find((f) => f.remaining > 0 && (!f.path || f.path.test(path)));
    if (failure) {
      failure.remaining--;
      return { kind: 'fail', status: failure.status, retryAfter: failure.retryAfter };
    }
    return undefined;
  }

  // ---- reading --------------------------------------------------------------------------

  /** A copy of an object as a retrieve with its child lists expanded shows it, or undefined. */
  get(id: string): Json | undefined {
    const entry = this.byId.get(id);
    if (!entry) return undefined;
    return structuredClone(this.render(entry, ['line_items', 'payments']));
  }

  /** Every stored object of a type, oldest first (deleted ones included, flagged by `deleted`). */
  all(type: string): Json[] {
    return (this.indexes.get(type)?.entries ?? []).map((e) => structuredClone(e.deleted ? { ...this.render(e), deleted: true } : this.render(e)));
  }

  /** How many objects of a type exist (deleted ones excluded). */
  count(type: string): number {
    return (this.indexes.get(type)?.entries ?? []).filter((e) => !e.deleted).length;
  }

  /** Events newest first, as /v1/events lists them (retention aside). */
  events(): Json[] {
    return [...(this.indexes.get('event')?.entries ?? [])].reverse().map((e) => structuredClone(e.obj));
  }

  account(): Json {
    return accountObject(this.accountId, this.accountName);
  }

  /** A retrieve: the object with the expansions asked for; deleted customers as Stripe's stub. */
  retrieve(type: string, id: string, expand: string[]): Json {
    return JSON.parse(this.retrieveText(type, id, expand)) as Json;
  }

  /** A retrieve as the JSON text the server sends. */
  retrieveText(type: string, id: string, expand: string[]): string {
    const entry = this.byId.get(id);
    const visible = entry && entry.type === type && !(type === 'event' && entry.created < this.retentionStart());
    if (!visible || (entry.deleted && type !== 'customer')) throw noSuch(type, id, 'id');
    if (entry.deleted) return JSON.stringify({ id, object: 'customer', deleted: true });
    return this.renderText(entry, expand);
  }

  /** One page of a list endpoint, newest first, Stripe's paging and filters. */
  listPage(type: string, query: Json, url: string): Json {
    return JSON.parse(this.listPageText(type, query, url)) as Json;
  }

  /**
   * The same page as the JSON text the server sends: each object's text is cached until
   * the account changes, so re-reading an unchanged account costs little more than the copy.
   */
  listPageText(type: string, query: Json, url: string): string {
    const limit = parseLimit(query.limit);
    const expand = listExpansions(query.expand);
    if (type === 'subscription_item') {
      const subscription = this.byId.get(String(query.subscription ?? ''));
      if (!query.subscription) throw missingParam('subscription');
      if (!subscription || subscription.type !== 'subscription') throw noSuch('subscription', String(query.subscription), 'subscription');
      return JSON.stringify(this.childPage(this.itemsOf(subscription.id), query, url, (si) => si.id));
    }
    const index = this.indexes.get(type) ?? new OrderedIndex();
    const { gte, lte } = createdBounds(query.created);
    let [from, to] = index.window(gte, lte);
    if (type === 'event') from = Math.max(from, index.lowerBound(this.retentionStart()));
    const keep = this.listFilter(type, query);
    const cursor = (param: 'starting_after' | 'ending_before') => {
      const id = String(query[param]);
      const entry = this.byId.get(id);
      if (!entry || entry.type !== type) throw noSuch(type, id, param);
      return index.positionOf(entry);
    };
    const found: Entry[] = [];
    let page: Entry[];
    if (query.ending_before !== undefined) {
      for (let i = Math.max(from, cursor('ending_before') + 1); i < to && found.length <= limit; i++) {
        if (keep(index.entries[i])) found.push(index.entries[i]);
      }
      page = found.slice(0, limit).reverse();
    } else {
      if (query.starting_after !== undefined) to = Math.min(to, cursor('starting_after'));
      for (let i = to - 1; i >= from && found.length <= limit; i--) {
        if (keep(index.entries[i])) found.push(index.entries[i]);
      }
      page = found.slice(0, limit);
    }
    const data = page.map((entry) => this.renderText(entry, expand)).join(',');
    return `{"object":"list","data":[${data}],"has_more":${found.length > limit},"url":${JSON.stringify(url)}}`;
  }

  private renderText(entry: Entry, expand: string[]): string {
    const key = expand.join(' ');
    let cached = this.rendered.get(entry);
    if (!cached || cached.version !== this.version) this.rendered.set(entry, (cached = { version: this.version, texts: new Map() }));
    let text = cached.texts.get(key);
    if (text === undefined) cached.texts.set(key, (text = JSON.stringify(this.render(entry, expand))));
    return text;
  }

  /**
   * Renders every object's text ahead of the requests (sessions with their line items,
   * invoices with their payments, as the sync asks): a bench's server then answers at once.
   */
  prerender(expandByType: Record<string, string[]> = { 'checkout.session': ['line_items'], invoice: ['payments'] }): void {
    for (const [type, index] of this.indexes) {
      const expand = expandByType[type] ?? [];
      for (const entry of index.entries) if (!entry.deleted) this.renderText(entry, expand);
    }
  }

  /** A child list endpoint (session line items, invoice lines), in Stripe's order, paged by id. */
  childList(parentType: 'checkout.session' | 'invoice', parentId: string, query: Json, url: string): Json {
    const parent = this.byId.get(parentId);
    if (!parent || parent.type !== parentType) throw noSuch(parentType, parentId, 'id');
    const rows = parentType === 'invoice' ? (this.invoiceLines.get(parentId) ?? []) : this.renderSessionItems(parentId);
    const expand = listExpansions(query.expand);
    const page = this.childPage(rows, query, url, (row) => row.id as string);
    return expand.length ? { ...page, data: page.data.map((row: Json) => this.expandAll(row, expand)) } : page;
  }

  // ---- building -------------------------------------------------------------------------

  product(input: { name: string; metadata?: Record<string, string>; description?: string }): Json {
    const entry = this.store('product', productObject(this.newId('product'), this.now, input));
    this.emit('product.created', entry);
    return this.get(entry.id)!;
  }

  price(input: {
    product: Ref;
    unitAmount: number;
    currency?: string;
    recurring?: { interval: Interval['interval']; intervalCount?: number };
    metadata?: Record<string, string>;
    nickname?: string;
  }): Json {
    const product = this.entryOf(refId(input.product), 'product');
    const entry = this.store(
      'price',
      priceObject(this.newId('price'), this.now, { ...input, product: product.id, currency: (input.currency ?? 'usd').toLowerCase() }),
    );
    this.emit('price.created', entry);
    return this.get(entry.id)!;
  }

  customer(input: { email: string; name: string; businessName?: string; country?: string }): Json {
    const id = this.newId('customer');
    const entry = this.store('customer', customerObject(id, this.now, input, id.slice(-8).toUpperCase()));
    this.emit('customer.created', entry);
    return this.get(entry.id)!;
  }

  /**
   * A Checkout Session. Recurring prices make it a subscription-mode session (paying it
   * starts the subscription and its first invoice); `paid` completes it at once.
   */
  checkoutSession(input: {
    customer?: Ref;
    email?: string;
    name?: string;
    businessName?: string;
    country?: string;
    lineItems: LineInput[];
    paid?: boolean;
  }): Json {
    if (!input.lineItems.length) throw new Error('a Checkout Session needs line items');
    const prices = input.lineItems.map((line) => this.entryOf(refId(line.price), 'price').obj);
    const customer = input.customer ? this.entryOf(refId(input.customer), 'customer').obj : null;
    const person: Person = {
      email: input.email ?? customer?.email,
      name: input.name ?? customer?.name,
      businessName: input.businessName ?? null,
      country: input.country ?? customer?.address?.country ?? null,
    };
    const amount = input.lineItems.reduce((sum, line, i) => sum + (prices[i].unit_amount ?? 0) * line.quantity, 0);
    const mode = prices.some((p) => p.recurring) ? 'subscription' : 'payment';
    const id = this.newId('checkout.session');
    this.store('checkout.session', sessionObject(id, this.now, { mode, customer: customer?.id ?? null, person, currency: prices[0].currency, amount }));
    const items = input.lineItems.map((line, i) =>
      sessionItemObject(this.newId('item'), { price: prices[i], productName: this.productName(prices[i]), quantity: line.quantity }),
    );
    this.setChildren(this.sessionItems, id, items);
    if (input.paid) this.payCheckoutSession(id);
    return this.get(id)!;
  }

  /** The customer pays an open session: a payment (intent and charge), or the subscription it sells. */
  payCheckoutSession(id: string): Json {
    const entry = this.entryOf(id, 'checkout.session');
    const session = entry.obj;
    if (session.status !== 'open') throw new Error(`${id} is ${session.status}, not open`);
    const person = personOf(session.customer_details);
    if (session.mode === 'payment') {
      const intent = this.createIntent(session.amount_total, session.currency, session.customer, null);
      this.chargeIntent(intent, person, true);
      this.patch(entry, { status: 'complete', payment_status: 'paid', payment_intent: intent.id });
    } else {
      const customer = session.customer ?? this.customer({ email: person.email, name: person.name, country: person.country ?? undefined }).id;
      const items = (this.sessionItems.get(id) ?? []).map((item) => ({ price: item.price as string, quantity: item.quantity as number }));
      const subscription = this.subscription({ customer, items });
      this.patch(entry, { status: 'complete', payment_status: 'paid', customer, subscription: subscription.id, invoice: subscription.latest_invoice });
    }
    this.emit('checkout.session.completed', entry);
    return this.get(id)!;
  }

  /** The customer leaves: an open session expires. */
  expireCheckoutSession(id: string): Json {
    const entry = this.entryOf(id, 'checkout.session');
    this.patch(entry, { status: 'expired' });
    this.emit('checkout.session.expired', entry);
    return this.get(id)!;
  }

  /**
   * A subscription with its first invoice (billing_reason subscription_create): paid with a
   * payment intent, charge and invoice payment, unless `status` says otherwise
   * (`incomplete`: the invoice stays open; `trialing`: a zero invoice, paid).
   */
  subscription(input: {
    customer: Ref;
    items: LineInput[];
    /** The billing period in days instead of the price's interval. */
    periodDays?: number;
    status?: 'active' | 'trialing' | 'incomplete';
    trialDays?: number;
  }): Json {
    const customer = this.entryOf(refId(input.customer), 'customer');
    const prices = input.items.map((item) => this.entryOf(refId(item.price), 'price').obj);
    const nonRecurring = prices.find((p) => !p.recurring);
    if (nonRecurring) throw new Error(`${nonRecurring.id} is not a recurring price`);
    const status = input.status ?? 'active';
    const rule: Interval = input.periodDays
      ? { interval: 'day', intervalCount: input.periodDays }
      : { interval: prices[0].recurring.interval, intervalCount: prices[0].recurring.interval_count };
    const id = this.newId('subscription');
    this.billingRule.set(id, rule);
    const start = this.now;
    const end = status === 'trialing' ? start + (input.trialDays ?? 14) * 86400 : periodEnd(start, rule);
    const entry = this.store('subscription', {
      ...subscriptionObject(id, start, { customer: customer.id, currency: prices[0].currency, status }),
      ...(status === 'trialing' ? { trial_start: start, trial_end: end } : {}),
    });
    const itemIds = input.items.map((item, i) => {
      const si = subscriptionItemObject(this.newId('subscription_item'), start, { subscription: id, price: prices[i], quantity: item.quantity, periodStart: start, periodEnd: end });
      return this.store('subscription_item', si).id;
    });
    this.setChildren(this.subscriptionItems, id, itemIds);
    const invoice = this.draftInvoice(entry, 'subscription_create', { free: status === 'trialing' });
    this.emit('customer.subscription.created', entry);
    this.emit('invoice.created', invoice);
    this.finalizeInvoice(invoice);
    if (status !== 'incomplete') this.attemptInvoice(invoice, true);
    return this.get(id)!;
  }

  /** The next period starts and its invoice (billing_reason subscription_cycle) is paid. */
  renewSubscription(id: string): Json {
    const entry = this.liveSubscription(id);
    this.change(entry, 'customer.subscription.updated', () => {
      this.startNextPeriod(entry);
      const invoice = this.draftInvoice(entry, 'subscription_cycle');
      this.emit('invoice.created', invoice);
      this.finalizeInvoice(invoice);
      this.attemptInvoice(invoice, true);
      this.patch(entry, { status: 'active' });
    });
    return this.get(id)!;
  }

  /** The next period starts and its payment fails (past_due); called again on a past_due one, the retry fails too (unpaid). */
  failRenewal(id: string): Json {
    const entry = this.liveSubscription(id);
    this.change(entry, 'customer.subscription.updated', () => {
      if (entry.obj.status === 'past_due') {
        this.attemptInvoice(this.entryOf(entry.obj.latest_invoice, 'invoice'), false);
        this.patch(entry, { status: 'unpaid' });
        return;
      }
      this.startNextPeriod(entry);
      const invoice = this.draftInvoice(entry, 'subscription_cycle');
      this.emit('invoice.created', invoice);
      this.finalizeInvoice(invoice);
      this.attemptInvoice(invoice, false);
      this.patch(entry, { status: 'past_due' });
    });
    return this.get(id)!;
  }

  /**
   * The next period starts and its invoice (subscription_cycle) is finalized but not paid
   * yet, the subscription still active: Stripe's hour before it charges, or an invoice
   * sent to the customer for `days_until_due`. `payLatestInvoice` pays it.
   */
  advanceSubscriptionPeriod(id: string): Json {
    const entry = this.liveSubscription(id);
    this.change(entry, 'customer.subscription.updated', () => {
      this.startNextPeriod(entry);
      const invoice = this.draftInvoice(entry, 'subscription_cycle');
      this.emit('invoice.created', invoice);
      this.finalizeInvoice(invoice);
    });
    return this.get(id)!;
  }

  /** Staff mark an open invoice uncollectible (invoice.marked_uncollectible); it can still be paid. */
  markUncollectible(invoiceId: string): Json {
    const invoice = this.entryOf(invoiceId, 'invoice');
    if (invoice.obj.status !== 'open') throw new Error(`${invoiceId} is ${invoice.obj.status}, not open`);
    this.patch(invoice, { status: 'uncollectible', status_transitions: { ...invoice.obj.status_transitions, marked_uncollectible_at: this.now } });
    this.emit('invoice.marked_uncollectible', invoice);
    return this.get(invoiceId)!;
  }

  /** The customer pays the subscription's open (or uncollectible) invoice: it becomes active. */
  payLatestInvoice(id: string): Json {
    const entry = this.entryOf(id, 'subscription');
    const invoice = this.entryOf(entry.obj.latest_invoice, 'invoice');
    if (invoice.obj.status !== 'open' && invoice.obj.status !== 'uncollectible') throw new Error(`${invoice.id} is ${invoice.obj.status}, not open`);
    this.change(entry, 'customer.subscription.updated', () => {
      this.attemptInvoice(invoice, true);
      this.patch(entry, { status: 'active' });
    });
    return this.get(id)!;
  }

  /**
   * Cancels now (customer.subscription.deleted, ended_at now), or at the period end
   * (cancel_at_period_end; still active). Canceling one already set to cancel at the
   * period end is that end arriving: ended_at is the period end.
   */
  cancelSubscription(id: string, options: { atPeriodEnd?: boolean } = {}): Json {
    const entry = this.liveSubscription(id);
    const end = this.periodEndOf(entry.id);
    if (options.atPeriodEnd) {
      this.change(entry, 'customer.subscription.updated', () =>
        this.patch(entry, {
          cancel_at_period_end: true,
          cancel_at: end,
          canceled_at: this.now,
          cancellation_details: { comment: null, feedback: null, reason: 'cancellation_requested' },
        }),
      );
    } else {
      const scheduled = entry.obj.cancel_at_period_end === true;
      this.patch(entry, {
        status: 'canceled',
        canceled_at: entry.obj.canceled_at ?? this.now,
        ended_at: scheduled ? end : this.now,
        cancellation_details: { comment: null, feedback: null, reason: 'cancellation_requested' },
      });
      this.emit('customer.subscription.deleted', entry);
    }
    return this.get(id)!;
  }

  /**
   * Changes an item's quantity (customer.subscription.updated). Like Stripe's default
   * proration behaviour, the change is billed with the next renewal; `invoiceNow` bills
   * an added quantity at once (a paid invoice, billing_reason subscription_update, one
   * proration line for the item with its new quantity).
   */
  setSubscriptionQuantity(id: string, itemIndex: number, quantity: number, options: { invoiceNow?: boolean } = {}): Json {
    const entry = this.liveSubscription(id);
    const itemId = this.itemsOf(id)[itemIndex]?.id;
    if (!itemId) throw new Error(`${id} has no item ${itemIndex}`);
    const item = this.entryOf(itemId, 'subscription_item');
    const before = item.obj.quantity as number;
    this.change(entry, 'customer.subscription.updated', () => {
      this.patch(item, { quantity });
      if (options.invoiceNow && quantity > before) {
        const price = this.entryOf(item.obj.price, 'price').obj;
        const invoice = this.draftInvoice(entry, 'subscription_update', {
          lines: [
            {
              price,
              productName: this.productName(price),
              quantity,
              amount: (quantity - before) * (price.unit_amount ?? 0),
              period: { start: this.now, end: item.obj.current_period_end },
              subscription: id,
              subscriptionItem: item.id,
              proration: true,
              description: `Remaining time on ${quantity} × ${this.productName(price)}`,
            },
          ],
        });
        this.emit('invoice.created', invoice);
        this.finalizeInvoice(invoice);
        this.attemptInvoice(invoice, true);
      }
    });
    return this.get(id)!;
  }

  /** A succeeded refund of a payment intent's charge (the rest of it, unless `amount`). */
  refund(input: { paymentIntent: string; amount?: number; reason?: string }): Json {
    const charge = this.succeededChargeOf(input.paymentIntent);
    const left = charge.obj.amount - charge.obj.amount_refunded;
    const amount = input.amount ?? left;
    if (amount <= 0 || amount > left) throw new Error(`${charge.id} has ${left} left to refund, not ${amount}`);
    const refund = this.store(
      'refund',
      refundObject(this.newId('refund'), this.now, {
        amount,
        currency: charge.obj.currency,
        charge: charge.id,
        paymentIntent: input.paymentIntent,
        status: 'succeeded',
        reason: input.reason ?? 'requested_by_customer',
      }),
    );
    this.setChildren(this.chargeRefunds, charge.id, [...(this.chargeRefunds.get(charge.id) ?? []), refund.id]);
    this.change(charge, 'charge.refunded', () =>
      this.patch(charge, { amount_refunded: charge.obj.amount_refunded + amount, refunded: charge.obj.amount_refunded + amount === charge.obj.amount }),
    );
    this.emit('refund.created', refund);
    return this.get(refund.id)!;
  }

  /** A dispute of a payment intent's charge (charge.dispute.created; .closed too when born closed). */
  dispute(input: { paymentIntent: string; status?: string; reason?: string }): Json {
    const charge = this.succeededChargeOf(input.paymentIntent);
    const status = input.status ?? 'needs_response';
    const dispute = this.store(
      'dispute',
      disputeObject(this.newId('dispute'), this.now, {
        amount: charge.obj.amount,
        currency: charge.obj.currency,
        charge: charge.id,
        paymentIntent: input.paymentIntent,
        status,
        reason: input.reason ?? 'fraudulent',
      }),
    );
    this.patch(charge, { disputed: true });
    this.emit('charge.dispute.created', dispute);
    if (CLOSED_DISPUTE.has(status)) this.emit('charge.dispute.closed', dispute);
    return this.get(dispute.id)!;
  }

  /** A dispute moves on: charge.dispute.closed for won/lost/warning_closed, else charge.dispute.updated. */
  setDisputeStatus(id: string, status: string): Json {
    const entry = this.entryOf(id, 'dispute');
    this.change(entry, CLOSED_DISPUTE.has(status) ? 'charge.dispute.closed' : 'charge.dispute.updated', () => this.patch(entry, { status }));
    return this.get(id)!;
  }

  /** Edits fields (nested objects merged, `metadata` keys set to '' removed) and emits the type's `.updated` event. */
  update(id: string, patch: Json): Json {
    const entry = this.entryOf(id);
    const eventType = UPDATED_EVENT[entry.type];
    const apply = () => {
      this.patch(entry, merge(entry.obj, patch));
      if (entry.type === 'product') this.patch(entry, { updated: this.now });
    };
    if (eventType) this.change(entry, eventType, apply);
    else apply();
    return this.get(id)!;
  }

  /** Deletes a product, price, customer or draft invoice (its `.deleted` event carries the last copy). */
  remove(id: string): void {
    const entry = this.entryOf(id);
    const eventType = DELETED_EVENT[entry.type];
    if (!eventType) throw new Error(`Stripe cannot delete a ${entry.type}`);
    if (entry.type === 'invoice' && entry.obj.status !== 'draft') throw new Error(`${id} is ${entry.obj.status}: only drafts can be deleted`);
    entry.deleted = true;
    this.version++;
    this.emit(eventType, entry);
  }

  // ---- internals: storing and events ----------------------------------------------------

  private newId(type: string): string {
    const n = (++this.seq).toString(36).padStart(9, '0');
    if (type === 'checkout.session') return `cs_test_a1KH${n}`;
    if (type === 'item') return `li_1KH${n}`;
    if (type === 'line_item') return `il_1KH${n}`;
    return `${ID_PREFIX[type]}1KH${n}`;
  }

  private store(type: string, obj: Json): Entry {
    const entry: Entry = { id: obj.id, type, created: obj.created, seq: this.seq++, obj, deleted: false };
    this.byId.set(entry.id, entry);
    this.version++;
    let index = this.indexes.get(type);
    if (!index) this.indexes.set(type, (index = new OrderedIndex()));
    index.add(entry);
    return entry;
  }

  private entryOf(id: string, type?: string): Entry {
    const entry = this.byId.get(id);
    if (!entry || (type && entry.type !== type)) throw new Error(`the fake Stripe account has no ${type ?? 'object'} ${id}`);
    return entry;
  }

  private patch(entry: Entry, fields: Json): void {
    entry.obj = { ...entry.obj, ...fields };
    this.version++;
  }

  private setChildren<T>(children: Map<string, T>, parentId: string, rows: T): void {
    children.set(parentId, rows);
    this.version++;
  }

  private emit(type: string, entry: Entry, previous?: Json): void {
    if (this.quiet) return;
    const data: Json = { object: structuredClone(this.render(entry)) };
    if (previous && Object.keys(previous).length) data.previous_attributes = structuredClone(previous);
    const id = this.newId('event');
    this.store('event', {
      ...template('event'),
      id,
      api_version: '2026-10-28.endive',
      created: this.now,
      data,
      livemode: false,
      pending_webhooks: 0,
      request: { id: null, idempotency_key: null },
      type,
    });
  }

  /** Runs `mutate` and emits `eventType` for the entry with the top-level fields it changed. */
  private change(entry: Entry, eventType: string, mutate: () => void): void {
    const before = this.quiet ? undefined : this.render(entry);
    mutate();
    if (!before) return;
    const after = this.render(entry);
    const previous: Json = {};
    for (const key of Object.keys(after)) {
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) previous[key] = before[key] ?? null;
    }
    this.emit(eventType, entry, previous);
  }

  private retentionStart(): number {
    return this.now - this.retentionDays * 86400;
  }

  // ---- internals: rendering -------------------------------------------------------------

  /** An object as the API shows it: child lists filled in live, `expand` paths applied. */
  private render(entry: Entry, expand: string[] = []): Json {
    let obj = entry.obj;
    switch (entry.type) {
      case 'subscription_item': {
        const price = this.renderPrice(obj.price);
        obj = { ...obj, price, plan: planOf(price) };
        break;
      }
      case 'subscription':
        obj = { ...obj, items: embeddedList(this.itemsOf(entry.id), `/v1/subscription_items?subscription=${entry.id}`) };
        break;
      case 'invoice':
        obj = { ...obj, lines: embeddedList(this.invoiceLines.get(entry.id) ?? [], `/v1/invoices/${entry.id}/lines`) };
        if (expand.some((path) => path === 'payments' || path.startsWith('payments.'))) {
          const payments = (this.invoicePayments.get(entry.id) ?? []).map((id) => this.byId.get(id)!.obj);
          obj.payments = embeddedList(payments, `/v1/invoice_payments?invoice=${entry.id}`);
        }
        break;
      case 'checkout.session':
        if (expand.some((path) => path === 'line_items' || path.startsWith('line_items.'))) {
          obj = { ...obj, line_items: embeddedList(this.renderSessionItems(entry.id), `/v1/checkout/sessions/${entry.id}/line_items`) };
        }
        break;
      case 'charge':
        obj = { ...obj, refunds: embeddedList((this.chargeRefunds.get(entry.id) ?? []).map((id) => this.byId.get(id)!.obj), `/v1/charges/${entry.id}/refunds`) };
        break;
    }
    return expand.length ? this.expandAll(obj, expand) : obj;
  }

  private renderPrice(id: string): Json {
    return this.byId.get(id)!.obj;
  }

  private renderSessionItems(sessionId: string): Json[] {
    return (this.sessionItems.get(sessionId) ?? []).map((item) => ({ ...item, price: this.renderPrice(item.price) }));
  }

  private itemsOf(subscriptionId: string): Json[] {
    return (this.subscriptionItems.get(subscriptionId) ?? []).map((id) => this.render(this.byId.get(id)!));
  }

  private expandAll(obj: Json, expand: string[]): Json {
    let out = obj;
    for (const path of expand) out = this.expandPath(out, path.split('.'));
    return out;
  }

  /** Replaces the id at `path` by its object (through lists' `data` and nested ids), copying what it changes. */
  private expandPath(obj: Json, path: string[]): Json {
    const [head, ...rest] = path;
    const value = obj[head];
    if (value === null || value === undefined) return obj;
    let next: unknown;
    if (rest.length === 0) {
      if (typeof value !== 'string') return obj;
      const entry = this.byId.get(value);
      if (!entry) return obj;
      next = this.render(entry);
    } else if (Array.isArray(value?.data) && rest[0] === 'data') {
      next = { ...value, data: value.data.map((row: Json) => this.expandPath(row, rest.slice(1))) };
    } else {
      const target = typeof value === 'string' ? this.byId.get(value) : undefined;
      const base = target ? this.render(target) : value;
      if (typeof base !== 'object') return obj;
      next = this.expandPath(base, rest);
    }
    return { ...obj, [head]: next };
  }

  private childPage(rows: Json[], query: Json, url: string, idOf: (row: Json) => string): Json {
    const limit = parseLimit(query.limit);
    let start = 0;
    let end = rows.length;
    if (query.starting_after !== undefined) {
      const at = rows.findIndex((row) => idOf(row) === query.starting_after);
      if (at < 0) throw noSuch('line item', String(query.starting_after), 'starting_after');
      start = at + 1;
    }
    if (query.ending_before !== undefined) {
      const at = rows.findIndex((row) => idOf(row) === query.ending_before);
      if (at < 0) throw noSuch('line item', String(query.ending_before), 'ending_before');
      end = at;
      start = Math.max(0, end - limit);
      return { object: 'list', data: rows.slice(start, end), has_more: start > 0, url };
    }
    return { object: 'list', data: rows.slice(start, start + limit), has_more: start + limit < end, url };
  }

  private listFilter(type: string, query: Json): (entry: Entry) => boolean {
    const tests: Array<(obj: Json) => boolean> = [];
    const equals = (param: string, field = param) => {
      if (query[param] !== undefined) tests.push((obj) => obj[field] === query[param]);
    };
    equals('customer');
    equals('payment_intent');
    equals('charge');
    if (type === 'subscription') {
      const status = query.status as string | undefined;
      if (status === 'ended') tests.push((obj) => ENDED_SUBSCRIPTION.has(obj.status));
      else if (status && status !== 'all') tests.push((obj) => obj.status === status);
      else if (!status) tests.push((obj) => !ENDED_SUBSCRIPTION.has(obj.status));
    } else {
      equals('status');
    }
    if (type === 'invoice' && query.subscription !== undefined) {
      tests.push((obj) => obj.parent?.subscription_details?.subscription === query.subscription);
    }
    if (type === 'checkout.session') equals('subscription');
    if (type === 'invoice_payment') {
      equals('invoice');
      if (query.payment?.payment_intent) tests.push((obj) => obj.payment?.payment_intent === query.payment.payment_intent);
    }
    if (type === 'customer') equals('email');
    if (type === 'price') {
      equals('product');
      equals('currency');
      equals('type');
    }
    if (type === 'product' || type === 'price') {
      if (query.active !== undefined) tests.push((obj) => obj.active === (query.active === 'true'));
    }
    if (type === 'event') {
      const patterns = [query.type, ...(Array.isArray(query.types) ? query.types : [])].filter((t): t is string => typeof t === 'string');
      if (patterns.length) {
        const matchers = patterns.map((p) => new RegExp(`^${p.replace(/\./g, '\\.').replace(/\*/g, '.*')}$`));
        tests.push((obj) => matchers.some((m) => m.test(obj.type)));
      }
    }
    if (Array.isArray(query.ids)) {
      const ids = new Set(query.ids);
      tests.push((obj) => ids.has(obj.id));
    }
    return (entry) => !entry.deleted && tests.every((test) => test(entry.obj));
  }

  // ---- internals: billing ---------------------------------------------------------------

  private productName(price: Json): string {
    return this.byId.get(price.product)?.obj.name ?? price.product;
  }

  private liveSubscription(id: string): Entry {
    const entry = this.entryOf(id, 'subscription');
    if (ENDED_SUBSCRIPTION.has(entry.obj.status)) throw new Error(`${id} is ${entry.obj.status}`);
    return entry;
  }

  private periodEndOf(subscriptionId: string): number {
    return Math.max(...this.itemsOf(subscriptionId).map((si) => si.current_period_end as number));
  }

  private startNextPeriod(entry: Entry): void {
    const rule = this.billingRule.get(entry.id)!;
    for (const itemId of this.subscriptionItems.get(entry.id) ?? []) {
      const item = this.byId.get(itemId)!;
      const start = item.obj.current_period_end as number;
      this.patch(item, { current_period_start: start, current_period_end: periodEnd(start, rule) });
    }
    if (entry.obj.status === 'trialing') this.patch(entry, { status: 'active' });
  }

  /** A draft invoice for the subscription's current period (its items, or the given lines). */
  private draftInvoice(subscription: Entry, billingReason: string, options: { free?: boolean; lines?: InvoiceLineInput[] } = {}): Entry {
    const customer = this.entryOf(subscription.obj.customer, 'customer').obj;
    const lines: InvoiceLineInput[] =
      options.lines ??
      this.itemsOf(subscription.id).map((si) => ({
        price: si.price,
        productName: this.productName(si.price),
        quantity: si.quantity,
        amount: options.free ? 0 : (si.price.unit_amount ?? 0) * si.quantity,
        period: { start: si.current_period_start, end: si.current_period_end },
        subscription: subscription.id,
        subscriptionItem: si.id,
      }));
    const amount = lines.reduce((sum, line) => sum + line.amount, 0);
    const id = this.newId('invoice');
    const period = lines[0]?.period ?? { start: this.now, end: this.now };
    const entry = this.store(
      'invoice',
      invoiceObject(id, this.now, { customer, subscription: subscription.id, currency: subscription.obj.currency, amount, billingReason, period }),
    );
    this.setChildren(
      this.invoiceLines,
      id,
      lines.map((line) => invoiceLineObject(this.newId('line_item'), id, line)),
    );
    this.patch(subscription, { latest_invoice: id });
    return entry;
  }

  private finalizeInvoice(invoice: Entry): void {
    const count = (this.invoiceCounts.get(invoice.obj.customer) ?? 0) + 1;
    this.invoiceCounts.set(invoice.obj.customer, count);
    const prefix = this.entryOf(invoice.obj.customer, 'customer').obj.invoice_prefix;
    this.patch(invoice, {
      status: 'open',
      number: `${prefix}-${String(count).padStart(4, '0')}`,
      effective_at: this.now,
      status_transitions: { ...invoice.obj.status_transitions, finalized_at: this.now },
      hosted_invoice_url: `https://invoice.stripe.com/i/${invoice.id}`,
      invoice_pdf: `https://pay.stripe.com/invoice/${invoice.id}/pdf`,
    });
    if (invoice.obj.amount_due > 0) {
      const intent = this.createIntent(invoice.obj.amount_due, invoice.obj.currency, invoice.obj.customer, `Subscription ${invoice.obj.billing_reason === 'subscription_create' ? 'creation' : 'update'}`);
      const payment = this.store(
        'invoice_payment',
        invoicePaymentObject(this.newId('invoice_payment'), this.now, { invoice: invoice.id, paymentIntent: intent.id, amount: invoice.obj.amount_due, currency: invoice.obj.currency }),
      );
      this.setChildren(this.invoicePayments, invoice.id, [...(this.invoicePayments.get(invoice.id) ?? []), payment.id]);
    }
    this.emit('invoice.finalized', invoice);
  }

  /** Charges an open invoice: paid (invoice_payment.paid, invoice.paid, invoice.payment_succeeded) or failed (invoice.payment_failed). */
  private attemptInvoice(invoice: Entry, succeeds: boolean): void {
    const paymentId = (this.invoicePayments.get(invoice.id) ?? [])[0];
    const attempt = { attempted: true, attempt_count: invoice.obj.attempt_count + 1 };
    if (!paymentId) {
      // Nothing to charge (a trial's zero invoice): paid at once.
      this.patch(invoice, { ...attempt, status: 'paid', amount_remaining: 0, status_transitions: { ...invoice.obj.status_transitions, paid_at: this.now } });
      this.emit('invoice.paid', invoice);
      this.emit('invoice.payment_succeeded', invoice);
      return;
    }
    const payment = this.byId.get(paymentId)!;
    const intent = this.entryOf(payment.obj.payment.payment_intent, 'payment_intent');
    const customer = this.entryOf(invoice.obj.customer, 'customer').obj;
    this.chargeIntent(intent, personOf(customer), succeeds);
    if (!succeeds) {
      this.patch(invoice, { ...attempt, next_payment_attempt: this.now + 3 * 86400 });
      this.emit('invoice.payment_failed', invoice);
      return;
    }
    this.patch(payment, { status: 'paid', amount_paid: payment.obj.amount_requested, status_transitions: { canceled_at: null, paid_at: this.now } });
    this.emit('invoice_payment.paid', payment);
    this.patch(invoice, {
      ...attempt,
      status: 'paid',
      amount_paid: invoice.obj.amount_due,
      amount_remaining: 0,
      next_payment_attempt: null,
      status_transitions: { ...invoice.obj.status_transitions, paid_at: this.now },
    });
    this.emit('invoice.paid', invoice);
    this.emit('invoice.payment_succeeded', invoice);
  }

  private createIntent(amount: number, currency: string, customer: string | null, description: string | null): Entry {
    const intent = this.store('payment_intent', paymentIntentObject(this.newId('payment_intent'), this.now, { amount, currency, customer, description }));
    this.emit('payment_intent.created', intent);
    return intent;
  }

  /** A charge on the intent: succeeded (intent succeeded) or declined (intent back to requires_payment_method). */
  private chargeIntent(intent: Entry, person: Person, succeeds: boolean): Entry {
    const paymentMethod = `pm_${intent.id.slice(3)}`;
    const charge = this.store(
      'charge',
      chargeObject(this.newId('charge'), this.now, {
        amount: intent.obj.amount,
        currency: intent.obj.currency,
        customer: intent.obj.customer,
        paymentIntent: intent.id,
        person,
        succeeded: succeeds,
        paymentMethod,
      }),
    );
    if (succeeds) {
      this.patch(intent, { status: 'succeeded', amount_received: intent.obj.amount, latest_charge: charge.id, payment_method: paymentMethod, last_payment_error: null });
      this.emit('charge.succeeded', charge);
      this.emit('payment_intent.succeeded', intent);
    } else {
      this.patch(intent, {
        status: 'requires_payment_method',
        latest_charge: charge.id,
        last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.', charge: charge.id },
      });
      this.emit('charge.failed', charge);
      this.emit('payment_intent.payment_failed', intent);
    }
    return charge;
  }

  private succeededChargeOf(paymentIntent: string): Entry {
    const intent = this.entryOf(paymentIntent, 'payment_intent');
    if (intent.obj.status !== 'succeeded') throw new Error(`${paymentIntent} is ${intent.obj.status}, not succeeded`);
    return this.entryOf(intent.obj.latest_charge, 'charge');
  }
}

function personOf(details: Json): Person {
  return { email: details.email, name: details.name, businessName: details.business_name ?? null, country: details.address?.country ?? null };
}

function embeddedList(rows: Json[], url: string): Json {
  return { object: 'list', data: rows.slice(0, EMBEDDED_LIST_SIZE), has_more: rows.length > EMBEDDED_LIST_SIZE, url };
}

function merge(target: Json, patch: Json, key = ''): Json {
  const out: Json = { ...target };
  for (const [field, value] of Object.entries(patch)) {
    if (key === 'metadata' && value === '') delete out[field];
    else if (value && typeof value === 'object' && !Array.isArray(value) && out[field] && typeof out[field] === 'object') out[field] = merge(out[field], value, field);
    else out[field] = value;
  }
  return out;
}

function parseLimit(raw: unknown): number {
  if (raw === undefined) return 10;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new StripeApiError(400, {
      type: 'invalid_request_error',
      code: 'parameter_invalid_integer',
      message: 'This value must be greater than or equal to 1 and less than or equal to 100.',
      param: 'limit',
    });
  }
  return limit;
}

function createdBounds(raw: unknown): { gte: number; lte: number } {
  if (raw === undefined) return { gte: -Infinity, lte: Infinity };
  const number = (value: unknown, param: string) => {
    const n = Number(value);
    if (!Number.isInteger(n)) {
      throw new StripeApiError(400, { type: 'invalid_request_error', code: 'parameter_invalid_integer', message: `Invalid integer: ${String(value)}`, param });
    }
    return n;
  };
  if (typeof raw !== 'object' || raw === null) {
    const exact = number(raw, 'created');
    return { gte: exact, lte: exact };
  }
  const bounds = raw as Json;
  let gte = -Infinity;
  let lte = Infinity;
  if (bounds.gte !== undefined) gte = Math.max(gte, number(bounds.gte, 'created[gte]'));
  if (bounds.gt !== undefined) gte = Math.max(gte, number(bounds.gt, 'created[gt]') + 1);
  if (bounds.lte !== undefined) lte = Math.min(lte, number(bounds.lte, 'created[lte]'));
  if (bounds.lt !== undefined) lte = Math.min(lte, number(bounds.lt, 'created[lt]') - 1);
  return { gte, lte };
}

/** `expand[]` of a list names paths under `data.`; the rest applies to each object. */
function listExpansions(raw: unknown): string[] {
  const paths = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return paths.map(String).map((path) => (path.startsWith('data.') ? path.slice(5) : path));
}

function noSuch(type: string, id: string, param: string): StripeApiError {
  return new StripeApiError(param === 'id' ? 404 : 400, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${type.replace('checkout.', 'checkout ').replace(/_/g, ' ')}: '${id}'`,
    param,
  });
}

function missingParam(param: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', code: 'parameter_missing', message: `Missing required param: ${param}.`, param });
}
