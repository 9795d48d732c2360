/**
 * transaction.list and transaction.get. The list picks its page of ids through an index
 * (licenses/list-engine.ts: filters, sorts and capped totals as the license list does),
 * then hydrates only that page (transaction-rows.ts). The detail adds every column, the
 * items with their licenses and why units wait, the decoded raw message and the payment log.
 */
import type Database from 'better-sqlite3';
import type { ParsedInput } from '../../api/contract';
import { notFound } from '../../api/errors';
import { nowUtc } from '../../shared/time';
import type { Store } from '../../store/open';
import { statement } from '../../store/statements';
import { candidateCollector, candidatePage, cappedPage, COUNT_CAP, filteredPage, pageRequestOf, type IdPage, type ListSpec } from '../licenses/list-engine';
import type { Candidates, ListFilter } from '../licenses/search';
import { prefixEnd } from '../licenses/search-terms';
import { skuRules } from '../licenses/terms';
import { ipnFields } from './ipn/fields';
import { matchSku } from './item-skus';
import { COVERED_FULFILMENTS } from './ledger';
import { unusableSku } from './signing';
import { licensesOfTransactions, OWED_SQL, OWED_STATUSES, transactionRowsByIds } from './transaction-rows';
import type { PaymentLogEntry, PaymentStatus, TransactionDetail, TransactionItemDetail, TransactionLicense, TransactionPage } from './types';

type ListInput = ParsedInput<'transaction.list'>;

const TRANSACTIONS: ListSpec = {
  from: 'transactions t',
  alias: 't',
  sorts: {
    paymentDate: { terms: [{ expr: 't.payment_date' }, { expr: 't.id' }], walk: 'transactions t INDEXED BY transactions_payment_date_idx' },
    // Amounts sort in minor units across currencies (the list shows each row's currency).
    gross: { terms: [{ expr: 't.gross' }, { expr: 't.id' }], walk: 'transactions t INDEXED BY transactions_gross_idx' },
    // Payers sort by last name, through its case-insensitive index (migration 0006).
    payer: {
      terms: [{ expr: 't.payer_last_name COLLATE NOCASE' }, { expr: 't.id' }],
      walk: 'transactions t INDEXED BY transactions_payer_last_name_nocase_idx',
    },
    id: { terms: [{ expr: 't.id' }], walk: 'transactions t' },
  },
};

type FilterPart = [key: string, sql: string, params: Record<string, unknown>];

/**
 * Confirmed purchases with units still waiting for their license: read through the
 * partial index of waiting items (the queue is small), checked per row by the same index.
 */
const WAITING_ITEMS = 'SELECT ti.transaction_id FROM transaction_items ti INDEXED BY transaction_items_waiting_idx WHERE ti.waiting_units > 0';
const HAS_WAITING_ITEMS = `${OWED_SQL} AND EXISTS (SELECT 1 FROM transaction_items ti INDEXED BY transaction_items_waiting_idx WHERE ti.transaction_id = t.id AND ti.waiting_units > 0)`;
/** A SKU's purchases, read through the items' SKU index; `IN` keeps a transaction with two lines of the SKU once. */
const SKU_PURCHASES = 't.id IN (SELECT ti.transaction_id FROM transaction_items ti INDEXED BY transaction_items_sku_idx WHERE ti.sku_id = @skuId)';
/** The same, checked row by row through the transaction's own items (a walk of a sort index). */
const HAS_SKU = 'EXISTS (SELECT 1 FROM transaction_items ti WHERE ti.transaction_id = t.id AND ti.sku_id = @skuId)';

function statusPart(status: ListInput['status']): FilterPart | null {
  if (status === undefined) return null;
  if (status === 'decision') return ['status', 't.pending_decision IS NOT NULL', {}];
  if (status === 'unfulfilled') return ['status', HAS_WAITING_ITEMS, {}];
  return ['status', 't.status = @status', { status }];
}

function combine(parts: Array<FilterPart | null>): Pick<ListFilter, 'sql' | 'params' | 'keys'> {
  const used = parts.filter((p): p is FilterPart => p !== null);
  return {
    sql: used.length ? used.map(([, sql]) => `(${sql})`).join(' AND ') : null,
    params: Object.assign({}, ...used.map(([, , params]) => params)),
    keys: used.map(([key]) => key),
  };
}

export function transactionFilter(input: ListInput): ListFilter {
  const others: Array<FilterPart | null> = [
    input.provider !== undefined ? ['provider', 't.provider = @provider', { provider: input.provider }] : null,
    input.from ? ['from', 't.payment_date >= @from', { from: input.from }] : null,
    input.to ? ['to', 't.payment_date < @to', { to: input.to }] : null,
    input.skuId !== undefined ? ['skuId', HAS_SKU, { skuId: input.skuId }] : null,
    input.customerId !== undefined ? ['customerId', 't.customer_id = @customerId', { customerId: input.customerId }] : null,
  ];
  const status = statusPart(input.status);
  const filter = combine([status, ...others]);
  if (input.status !== 'unfulfilled' && input.skuId === undefined) return filter;
  // Counting (and reading few rows) starts from the waiting items or the SKU's items, not
  // from every confirmed purchase or every row.
  const driving: Array<FilterPart | null> = [
    input.status === 'unfulfilled' ? ['status', `t.id IN (${WAITING_ITEMS}) AND ${OWED_SQL}`, {}] : status,
    ...others.map((part) => (part?.[0] === 'skuId' ? ([part[0], SKU_PURCHASES, part[2]] as FilterPart) : part)),
  ];
  // Each of a SKU's items costs a look-up of its transaction: count fewer (PROBE_COUNT_CAP).
  return { ...filter, drive: { from: TRANSACTIONS.from, sql: combine(driving).sql! }, probes: input.skuId !== undefined };
}

// ---------------------------------------------------------------- search

/** ASCII lower case, as SQLite's lower() and NOCASE fold (so a range built from it matches theirs). */
const asciiLower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const range = (prefix: string) => ({ lo: prefix, hi: prefixEnd(prefix) });

const TXN_ID_RANGE = 'transactions t INDEXED BY transactions_provider_txn_idx WHERE t.provider_txn_id >= @lo AND t.provider_txn_id < @hi';
const EMAIL_RANGE = 'transactions t INDEXED BY transactions_payer_email_idx WHERE lower(t.payer_email) >= @lo AND lower(t.payer_email) < @hi';
const LAST_NAME_RANGE = 'transactions t INDEXED BY transactions_payer_last_name_nocase_idx WHERE t.payer_last_name COLLATE NOCASE >= @lo AND t.payer_last_name COLLATE NOCASE < @hi';
const BUSINESS_RANGE =
  'transactions t INDEXED BY transactions_payer_business_nocase_idx WHERE t.payer_business_name COLLATE NOCASE >= @lo AND t.payer_business_name COLLATE NOCASE < @hi';

/**
 * Transactions whose KeyHub id is the text, whose provider transaction id starts with it
 * (as typed or in upper case: PayPal's ids are upper case), or whose payer's email, last
 * name or business name starts with it, ignoring case; "Kathrin Fr" is a first name and
 * the start of a last name. Each source reads its own index, filters applied; at most
 * `cap` are kept, cheapest sources first.
 */
export function transactionCandidates(sqlite: Database.Database, text: string, filter: ListFilter, cap: number): Candidates {
  const found = candidateCollector(sqlite, 't', filter, cap);
  const add = found.add;

  const idMatch = /^#?(\d{1,15})$/.exec(text);
  if (idMatch) add('transactions t WHERE t.id = @id', { id: Number(idMatch[1]) });
  for (const txn of new Set([text, text.toUpperCase()])) add(TXN_ID_RANGE, range(txn));
  const lower = asciiLower(text);
  add(EMAIL_RANGE, range(lower));
  add(LAST_NAME_RANGE, range(lower));
  add(BUSINESS_RANGE, range(lower));
  const words = lower.split(/\s+/);
  if (words.length > 1) {
    const last = words.pop()!;
    add(`${LAST_NAME_RANGE} AND t.payer_first_name LIKE @first ESCAPE '\\'`, { ...range(last), first: likePrefix(words.join(' ')) });
  }
  return found.result();
}

// ---------------------------------------------------------------- list

/** Transactions: newest payment first unless a sort is given; totals stop at COUNT_CAP. */
export function listTransactions(store: Store, input: ListInput): TransactionPage {
  const { sqlite } = store;
  const req = pageRequestOf(input, 'paymentDate', 'desc');
  const filter = transactionFilter(input);
  const text = input.search?.trim().replace(/\s+/g, ' ');
  const page: IdPage = text
    ? candidatePage(sqlite, TRANSACTIONS, transactionCandidates(sqlite, text, filter, COUNT_CAP), req)
    : filteredPage(sqlite, TRANSACTIONS, filter, req);
  return cappedPage(page, transactionRowsByIds(sqlite, page.ids), req);
}

// ---------------------------------------------------------------- detail

/** The detail's own columns, beside the row's. */
type DetailColumns = Pick<
  TransactionDetail,
  'payerFirstName' | 'payerLastName' | 'payerBusinessName' | 'payerId' | 'residenceCountry' | 'business' | 'fee' | 'tax' | 'shipping' | 'rawFormat' | 'raw'
>;

const DETAIL_COLUMNS = `
SELECT payer_first_name AS payerFirstName, payer_last_name AS payerLastName, payer_business_name AS payerBusinessName, payer_id AS payerId,
       residence_country AS residenceCountry, business, fee, tax, shipping, raw_format AS rawFormat, raw
FROM transactions WHERE id = ?`;

interface ItemRow {
  id: number;
  providerItemId: string;
  name: string | null;
  number: string | null;
  skuCode: string | null;
  skuId: number | null;
  sku: string | null;
  quantity: number;
  gross: number;
  waitingUnits: number;
  o1: string | null;
  s1: string | null;
  o2: string | null;
  s2: string | null;
  o3: string | null;
  s3: string | null;
}

const ITEM_ROWS = `
SELECT ti.id, ti.provider_item_id AS providerItemId, ti.e_item_name AS name, ti.e_item_number AS number, ti.sku_code AS skuCode,
       ti.sku_id AS skuId, s.sku, ti.quantity, ti.gross, ti.waiting_units AS waitingUnits,
       ti.option_name1 AS o1, ti.option_selection1 AS s1, ti.option_name2 AS o2, ti.option_selection2 AS s2, ti.option_name3 AS o3, ti.option_selection3 AS s3
FROM transaction_items ti LEFT JOIN skus s ON s.id = ti.sku_id
WHERE ti.transaction_id = ? ORDER BY ti.id`;

const ITEM_OF_LICENSE = `
SELECT f.license_id AS licenseId, ti.id AS itemId
FROM transactions t JOIN transaction_items ti ON ti.transaction_id = t.id ${COVERED_FULFILMENTS}
WHERE t.id = ?`;

const LOG_ROWS = `
SELECT id, event_type AS eventType, provider_event_id AS providerEventId, from_status AS fromStatus, to_status AS toStatus, message, data, created_at AS createdAt
FROM payment_logs WHERE transaction_id = ? ORDER BY created_at, id`;

function optionsOf(row: ItemRow): Array<{ name: string; selection: string }> {
  const pairs: Array<[string | null, string | null]> = [
    [row.o1, row.s1],
    [row.o2, row.s2],
    [row.o3, row.s3],
  ];
  return pairs.filter(([name, selection]) => !!name?.trim() || !!selection?.trim()).map(([name, selection]) => ({ name: name ?? '', selection: selection ?? '' }));
}

/**
 * Why a confirmed item's units still wait, in words (as the fulfilment queue says it):
 * no SKU matches (or two do), or its SKU cannot sign; or it could be fulfilled now.
 */
function whyItemWaits(store: Store, row: ItemRow): TransactionItemDetail['waiting'] {
  const units = row.waitingUnits;
  if (row.skuId === null) {
    const match = matchSku(store.sqlite, { number: row.number, name: row.name, skuCode: row.skuCode });
    if (match.skuId === null) return { reason: match.reason, message: match.message, units };
    return { reason: 'unmapped', message: `SKU ${skuRules(store.db, match.skuId).sku} matches this item now: fulfil what waits.`, units };
  }
  const rules = skuRules(store.db, row.skuId);
  const unusable = unusableSku(rules);
  if (unusable) return { ...unusable, units };
  return { reason: 'no_signing_key', message: `SKU ${rules.sku} can sign now: fulfil what waits.`, units };
}

function parseData(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string') return {};
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** One transaction: every column, its items with their licenses (and why units wait), the raw message decoded, and its payment log. */
export function getTransaction(store: Store, id: number, now = nowUtc()): TransactionDetail {
  const { sqlite } = store;
  const [row] = transactionRowsByIds(sqlite, [id]);
  if (!row) throw notFound('Transaction', id);
  const { itemsSummary: _summary, ...listed } = row;
  const columns = statement(sqlite, DETAIL_COLUMNS).get(id) as DetailColumns;

  const licenses = licensesOfTransactions(sqlite, [id], now).get(id) ?? [];
  const itemOf = new Map((statement(sqlite, ITEM_OF_LICENSE).all(id) as Array<{ licenseId: number; itemId: number }>).map((r) => [r.licenseId, r.itemId]));
  const licensesOf = (itemId: number): TransactionLicense[] => licenses.filter((l) => itemOf.get(l.id) === itemId);
  // Units of a purchase that is not confirmed (pending, refunded …) are not owed now: not shown as waiting.
  const owed = OWED_STATUSES.includes(row.status as PaymentStatus);
  const items: TransactionItemDetail[] = (statement(sqlite, ITEM_ROWS).all(id) as ItemRow[]).map((item) => ({
    id: item.id,
    providerItemId: item.providerItemId,
    name: item.name,
    number: item.number,
    skuCode: item.skuCode,
    skuId: item.skuId,
    sku: item.sku,
    quantity: item.quantity,
    gross: item.gross,
    options: optionsOf(item),
    licenses: licensesOf(item.id),
    waiting: owed && item.waitingUnits > 0 ? whyItemWaits(store, item) : null,
  }));

  const log: PaymentLogEntry[] = (statement(sqlite, LOG_ROWS).all(id) as Array<Omit<PaymentLogEntry, 'data'> & { data: unknown }>).map((entry) => ({
    ...entry,
    data: parseData(entry.data),
  }));

  return {
    ...listed,
    ...columns,
    rawFields: columns.rawFormat === 'ipn' ? ipnFields(columns.raw) : [],
    items,
    log,
  };
}
