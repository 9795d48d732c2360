/**
 * What the sync reads of each Stripe object type: the SDK's list call with its params
 * (all subscriptions, sessions with their line items, invoices with their payments), the
 * retrieve call that re-fetches a changed object, and the child lists completed before
 * an object is stored, so `raw` always holds them whole.
 */
import type Stripe from 'stripe';
import type { StripeClient } from './client';
import type { StripeJson, StripeObjectType } from './types';

export interface ListPage {
  data: StripeJson[];
  has_more: boolean;
}

/** A list request: Stripe's `created` range, a page size, and where the page starts. */
export interface ListParams {
  limit: number;
  created?: { gte?: number; lt?: number };
  starting_after?: string;
}

export interface StreamSpec {
  type: StripeObjectType;
  /** "Checkout sessions" (progress). */
  label: string;
  /** "checkout sessions" (messages). */
  what: string;
  list(sdk: Stripe, params: ListParams): Promise<ListPage>;
  /** The object as it is now (404 when Stripe no longer has it). */
  retrieve(sdk: Stripe, id: string): Promise<StripeJson>;
}

interface ChildList {
  data: Array<{ id: string }>;
  has_more: boolean;
}

const asPage = (promise: Promise<unknown>) => promise as Promise<ListPage>;
const asObject = (promise: Promise<unknown>) => promise as Promise<StripeJson>;

const SESSION_EXPAND = ['line_items'];
const INVOICE_EXPAND = ['payments'];
const listExpand = (fields: string[]) => fields.map((f) => `data.${f}`);

export const STREAMS: Record<StripeObjectType, StreamSpec> = {
  product: {
    type: 'product',
    label: 'Products',
    what: 'products',
    list: (sdk, params) => asPage(sdk.products.list(params)),
    retrieve: (sdk, id) => asObject(sdk.products.retrieve(id)),
  },
  price: {
    type: 'price',
    label: 'Prices',
    what: 'prices',
    list: (sdk, params) => asPage(sdk.prices.list(params)),
    retrieve: (sdk, id) => asObject(sdk.prices.retrieve(id)),
  },
  customer: {
    type: 'customer',
    label: 'Customers',
    what: 'customers',
    list: (sdk, params) => asPage(sdk.customers.list(params)),
    retrieve: (sdk, id) => asObject(sdk.customers.retrieve(id)),
  },
  subscription: {
    type: 'subscription',
    label: 'Subscriptions',
    what: 'subscriptions',
    // Stripe leaves canceled subscriptions out unless asked for all.
    list: (sdk, params) => asPage(sdk.subscriptions.list({ ...params, status: 'all' })),
    retrieve: (sdk, id) => asObject(sdk.subscriptions.retrieve(id)),
  },
  invoice: {
    type: 'invoice',
    label: 'Invoices',
    what: 'invoices',
    list: (sdk, params) => asPage(sdk.invoices.list({ ...params, expand: listExpand(INVOICE_EXPAND) })),
    retrieve: (sdk, id) => asObject(sdk.invoices.retrieve(id, { expand: INVOICE_EXPAND })),
  },
  'checkout.session': {
    type: 'checkout.session',
    label: 'Checkout sessions',
    what: 'checkout sessions',
    list: (sdk, params) => asPage(sdk.checkout.sessions.list({ ...params, expand: listExpand(SESSION_EXPAND) })),
    retrieve: (sdk, id) => asObject(sdk.checkout.sessions.retrieve(id, { expand: SESSION_EXPAND })),
  },
  payment_intent: {
    type: 'payment_intent',
    label: 'Payment intents',
    what: 'payment intents',
    list: (sdk, params) => asPage(sdk.paymentIntents.list(params)),
    retrieve: (sdk, id) => asObject(sdk.paymentIntents.retrieve(id)),
  },
  charge: {
    type: 'charge',
    label: 'Charges',
    what: 'charges',
    list: (sdk, params) => asPage(sdk.charges.list(params)),
    retrieve: (sdk, id) => asObject(sdk.charges.retrieve(id)),
  },
  refund: {
    type: 'refund',
    label: 'Refunds',
    what: 'refunds',
    list: (sdk, params) => asPage(sdk.refunds.list(params)),
    retrieve: (sdk, id) => asObject(sdk.refunds.retrieve(id)),
  },
  dispute: {
    type: 'dispute',
    label: 'Disputes',
    what: 'disputes',
    list: (sdk, params) => asPage(sdk.disputes.list(params)),
    retrieve: (sdk, id) => asObject(sdk.disputes.retrieve(id)),
  },
};

/** A child list embedded in an object (`line_items`, `lines`, `payments`, `items`), when Stripe sent one. */
function childList(object: StripeJson, field: string): ChildList | null {
  const value = object[field] as ChildList | null | undefined;
  return value && Array.isArray(value.data) ? value : null;
}

/**
 * Reads the rest of a child list Stripe cut short (`has_more`), appending to what it
 * embedded, so the stored object holds every line.
 */
async function completeChild(
  client: StripeClient,
  object: StripeJson,
  field: string,
  what: string,
  next: (sdk: Stripe, startingAfter: string) => Promise<unknown>,
  signal?: AbortSignal,
): Promise<number> {
  const list = childList(object, field);
  if (!list || !list.has_more) return 0;
  let requests = 0;
  let more: boolean = list.has_more;
  while (more) {
    const last = list.data[list.data.length - 1];
    if (!last) break;
    const page = (await client.request(what, (sdk) => next(sdk, last.id), signal)) as ChildList;
    requests++;
    list.data.push(...page.data);
    more = page.has_more && page.data.length > 0;
  }
  list.has_more = false;
  return requests;
}

/** Completes the object's child lists in place; answers how many requests it took. */
export async function completeChildren(client: StripeClient, type: StripeObjectType, object: StripeJson, pageSize: number, signal?: AbortSignal): Promise<number> {
  const limit = pageSize;
  const id = object.id;
  switch (type) {
    case 'checkout.session':
      return completeChild(client, object, 'line_items', 'checkout session line items', (sdk, after) => sdk.checkout.sessions.listLineItems(id, { limit, starting_after: after }), signal);
    case 'invoice':
      return (
        (await completeChild(client, object, 'lines', 'invoice lines', (sdk, after) => sdk.invoices.listLineItems(id, { limit, starting_after: after }), signal)) +
        (await completeChild(client, object, 'payments', 'invoice payments', (sdk, after) => sdk.invoicePayments.list({ invoice: id, limit, starting_after: after }), signal))
      );
    case 'subscription':
      return completeChild(client, object, 'items', 'subscription items', (sdk, after) => sdk.subscriptionItems.list({ subscription: id, limit, starting_after: after }), signal);
    default:
      return 0;
  }
}
