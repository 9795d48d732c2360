/**
 * subscription.list and subscription.get. The list picks its page of ids through an
 * index (licenses/list-engine.ts: filters, sorts and capped totals as the transaction
 * list does), then hydrates only that page. The detail adds its items with the licenses
 * each issued (the ledger's rows for the item id), the transactions of its invoices and
 * Stripe's object as last synced.
 */
import type Database from 'better-sqlite3';
import type { ParsedInput } from '../../api/contract';
import { notFound } from '../../api/errors';
import { nowUtc } from '../../shared/time';
import type { Store } from '../../store/open';
import { statement } from '../../store/statements';
import { candidateCollector, candidatePage, cappedPage, COUNT_CAP, filteredPage, pageRequestOf, type IdPage, type ListSpec } from '../licenses/list-engine';
import { LICENSE_STATE_SQL } from '../licenses/rows';
import { matchingCustomers, type Candidates, type ListFilter } from '../licenses/search';
import { parseSearch, prefixEnd } from '../licenses/search-terms';
import { transactionRowsByIds } from '../sales/transaction-rows';
import type { TransactionLicense } from '../sales/types';
import type { SubscriptionDetail, SubscriptionItemDetail, SubscriptionPage, SubscriptionRow } from './types';

type ListInput = ParsedInput<'subscription.list'>;

/** Renewal has ended: its licenses no longer follow it. */
export const ENDED_SQL = `s.status IN ('canceled', 'unpaid', 'incomplete_expired')`;
/** Providers whose subscriptions are kept (their ids are searched per provider, through the unique index). */
const PROVIDERS = ['stripe', 'paypal'];

const CUSTOMER_JOIN = 'LEFT JOIN customers c ON c.id = s.customer_id';

const SUBSCRIPTIONS: ListSpec = {
  from: 'subscriptions s',
  alias: 's',
  sorts: {
    startedAt: { terms: [{ expr: 's.started_at' }, { expr: 's.id' }], walk: 'subscriptions s INDEXED BY subscriptions_started_idx' },
    currentPeriodEnd: { terms: [{ expr: 's.current_period_end' }, { expr: 's.id' }], walk: 'subscriptions s INDEXED BY subscriptions_period_end_idx' },
    status: { terms: [{ expr: 's.status' }, { expr: 's.id' }], walk: 'subscriptions s INDEXED BY subscriptions_status_idx' },
    customer: { terms: [{ expr: 'c.name COLLATE NOCASE' }, { expr: 's.id' }], join: CUSTOMER_JOIN, walk: `subscriptions s ${CUSTOMER_JOIN}` },
    id: { terms: [{ expr: 's.id' }], walk: 'subscriptions s' },
  },
};

type FilterPart = [key: string, sql: string, params: Record<string, unknown>];

const HAS_SKU = 'EXISTS (SELECT 1 FROM subscription_items i WHERE i.subscription_id = s.id AND i.sku_id = @skuId)';
const SKU_SUBSCRIPTIONS = 's.id IN (SELECT i.subscription_id FROM subscription_items i INDEXED BY subscription_items_sku_idx WHERE i.sku_id = @skuId)';

function combine(parts: Array<FilterPart | null>): Pick<ListFilter, 'sql' | 'params' | 'keys'> {
  const used = parts.filter((p): p is FilterPart => p !== null);
  return {
    sql: used.length ? used.map(([, sql]) => `(${sql})`).join(' AND ') : null,
    params: Object.assign({}, ...used.map(([, , params]) => params)),
    keys: used.map(([key]) => key),
  };
}

export function subscriptionFilter(input: ListInput): ListFilter {
  const status: FilterPart | null =
    input.status === undefined ? null : input.status === 'ended' ? ['status', ENDED_SQL, {}] : ['status', 's.status = @status', { status: input.status }];
  const others: Array<FilterPart | null> = [
    input.customerId !== undefined ? ['customerId', 's.customer_id = @customerId', { customerId: input.customerId }] : null,
    input.skuId !== undefined ? ['skuId', HAS_SKU, { skuId: input.skuId }] : null,
  ];
  const filter = combine([status, ...others]);
  if (input.skuId === undefined) return filter;
  // A SKU's subscriptions are read through its items' index, not by walking every subscription.
  const driving = [status, ...others.map((part) => (part?.[0] === 'skuId' ? ([part[0], SKU_SUBSCRIPTIONS, part[2]] as FilterPart) : part))];
  return { ...filter, drive: { from: SUBSCRIPTIONS.from, sql: combine(driving).sql! }, probes: true };
}

// ---------------------------------------------------------------- search

/**
 * Subscriptions whose KeyHub id is the text, whose provider id (`sub_…`) starts with
 * it, whose provider customer id is it, or whose customer's name or email has its
 * words; filters applied, at most `cap`.
 */
export function subscriptionCandidates(sqlite: Database.Database, text: string, filter: ListFilter, cap: number): Candidates {
  const found = candidateCollector(sqlite, 's', filter, cap);
  const add = found.add;
  const idMatch = /^#?(\d{1,15})$/.exec(text);
  if (idMatch) add('subscriptions s WHERE s.id = @id', { id: Number(idMatch[1]) });
  for (const provider of PROVIDERS) {
    add('subscriptions s WHERE s.provider = @provider AND s.provider_subscription_id >= @lo AND s.provider_subscription_id < @hi', { provider, lo: text, hi: prefixEnd(text) });
  }
  if (/^cus_/.test(text)) {
    add('provider_customers pc CROSS JOIN subscriptions s ON s.customer_id = pc.customer_id WHERE pc.provider_customer_id = @payer', { payer: text });
  }
  const words = parseSearch(text)?.words ?? null;
  if (words !== null) {
    const customers = matchingCustomers(sqlite, words);
    if (!customers.complete) found.incomplete();
    if (customers.ids.length) {
      add('subscriptions s INDEXED BY subscriptions_customer_idx WHERE s.customer_id IN (SELECT value FROM json_each(@customers))', { customers: JSON.stringify(customers.ids) });
    }
  }
  return found.result();
}

// ---------------------------------------------------------------- rows

const SUBSCRIPTION_ROWS = `
SELECT s.id, s.provider, s.provider_subscription_id AS providerSubscriptionId, s.status, s.customer_id AS customerId, c.name AS customerName,
       s.provider_customer_id AS providerCustomerId, s.currency, s.current_period_start AS currentPeriodStart, s.current_period_end AS currentPeriodEnd,
       s.cancel_at_period_end AS cancelAtPeriodEnd, s.canceled_at AS canceledAt, s.ended_at AS endedAt, s.renewal_ended_at AS renewalEndedAt,
       s.started_at AS startedAt,
       (SELECT group_concat(coalesce(k.sku, i.provider_price_id, '?') || CASE WHEN i.quantity > 1 THEN ' ×' || i.quantity ELSE '' END, ', ')
          FROM subscription_items i LEFT JOIN skus k ON k.id = i.sku_id WHERE i.subscription_id = s.id AND i.quantity > 0) AS itemsSummary,
       (SELECT count(*) FROM subscription_items i JOIN fulfilments f ON f.provider = s.provider AND f.provider_item_id = i.provider_item_id
          WHERE i.subscription_id = s.id) AS licenseCount,
       s.updated_at AS updatedAt,
       s.cancel_at AS cancelAt, s.trial_start AS trialStart, s.trial_end AS trialEnd
FROM json_each(@ids) AS page
JOIN subscriptions s ON s.id = page.value
LEFT JOIN customers c ON c.id = s.customer_id
ORDER BY page.key`;

type RowWithDetail = SubscriptionRow & Pick<SubscriptionDetail, 'cancelAt' | 'trialStart' | 'trialEnd'>;

function rowsByIds(sqlite: Database.Database, ids: readonly number[]): RowWithDetail[] {
  if (!ids.length) return [];
  return (statement(sqlite, SUBSCRIPTION_ROWS).all({ ids: JSON.stringify(ids) }) as Array<Omit<RowWithDetail, 'cancelAtPeriodEnd' | 'itemsSummary'> & { cancelAtPeriodEnd: number; itemsSummary: string | null }>).map((r) => ({
    ...r,
    cancelAtPeriodEnd: Boolean(r.cancelAtPeriodEnd),
    itemsSummary: r.itemsSummary ?? '',
  }));
}

export function subscriptionRowsByIds(sqlite: Database.Database, ids: readonly number[]): SubscriptionRow[] {
  return rowsByIds(sqlite, ids).map(({ cancelAt: _a, trialStart: _s, trialEnd: _e, ...row }) => row);
}

/** Subscriptions: newest first unless a sort is given; totals stop at COUNT_CAP. */
export function listSubscriptions(store: Store, input: ListInput): SubscriptionPage {
  const { sqlite } = store;
  const req = pageRequestOf(input, 'startedAt', 'desc');
  const filter = subscriptionFilter(input);
  const text = input.search?.trim().replace(/\s+/g, ' ');
  const page: IdPage = text
    ? candidatePage(sqlite, SUBSCRIPTIONS, subscriptionCandidates(sqlite, text, filter, COUNT_CAP), req)
    : filteredPage(sqlite, SUBSCRIPTIONS, filter, req);
  return cappedPage(page, subscriptionRowsByIds(sqlite, page.ids), req);
}

// ---------------------------------------------------------------- detail

interface ItemRow extends Omit<SubscriptionItemDetail, 'licenses' | 'productName'> {
  productRaw: string | null;
  graceDays: number | null;
}

const ITEM_ROWS = `
SELECT i.id, i.provider_item_id AS providerItemId, i.provider_price_id AS providerPriceId, i.provider_product_id AS providerProductId,
       i.sku_id AS skuId, k.sku, k.subscription_grace_days AS graceDays, i.quantity, i.current_period_start AS currentPeriodStart, i.current_period_end AS currentPeriodEnd,
       (SELECT o.raw FROM stripe_objects o WHERE o.id = i.provider_product_id) AS productRaw
FROM subscription_items i LEFT JOIN skus k ON k.id = i.sku_id
WHERE i.subscription_id = ? ORDER BY i.quantity = 0, i.id`;

const ITEM_LICENSES = `
SELECT l.id, s.sku, l.owner_name AS ownerName, ${LICENSE_STATE_SQL} AS state, l.expires, f.unit
FROM fulfilments f JOIN licenses l ON l.id = f.license_id JOIN skus s ON s.id = l.sku_id
WHERE f.provider = @provider AND f.provider_item_id = @item ORDER BY f.unit`;

/** Its invoices' transactions: invoices name their subscription (`stripe_objects.parent`), newest payment first. */
const INVOICE_TRANSACTIONS = `
SELECT t.id FROM stripe_objects o JOIN transactions t ON t.provider = @provider AND t.provider_txn_id = o.id
WHERE o.parent = @subscription AND o.type = 'invoice' ORDER BY t.payment_date DESC, t.id DESC`;

function productName(raw: string | null): string | null {
  if (!raw) return null;
  try {
    const name = (JSON.parse(raw) as { name?: unknown }).name;
    return typeof name === 'string' ? name : null;
  } catch {
    return null;
  }
}

export function getSubscription(store: Store, id: number, now = nowUtc()): SubscriptionDetail {
  const { sqlite } = store;
  const [row] = rowsByIds(sqlite, [id]);
  if (!row) throw notFound('Subscription', id);
  const itemRows = statement(sqlite, ITEM_ROWS).all(id) as ItemRow[];
  const items: SubscriptionItemDetail[] = itemRows.map(({ productRaw, graceDays: _grace, ...item }) => ({
    ...item,
    productName: productName(productRaw),
    licenses: statement(sqlite, ITEM_LICENSES).all({ provider: row.provider, item: item.providerItemId, now }) as TransactionLicense[],
  }));
  const graces = itemRows.filter((i) => i.quantity > 0 && i.graceDays !== null).map((i) => i.graceDays!);
  const transactionIds = statement(sqlite, INVOICE_TRANSACTIONS).pluck().all({ provider: row.provider, subscription: row.providerSubscriptionId }) as number[];
  const raw = (statement(sqlite, 'SELECT raw FROM stripe_objects WHERE id = ?').pluck().get(row.providerSubscriptionId) as string | undefined) ?? '{}';
  return {
    ...row,
    graceDays: graces.length ? Math.max(...graces) : 0,
    items,
    transactions: transactionRowsByIds(sqlite, transactionIds),
    raw,
  };
}
