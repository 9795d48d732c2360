/**
 * stripe.prices: every synced price with its product and the SKU it resolves to, the
 * way its purchases' items are matched (sales/item-skus.ts): a mapping made on screen
 * (`fulfilment.map` by item number = the price id), else `keyhub_sku` metadata (the
 * price's, else its product's). Prices are a vendor's catalog (hundreds, not millions):
 * they are read whole, then filtered and paged.
 */
import type Database from 'better-sqlite3';
import type { ParsedInput } from '../../../api/contract';
import type { Store } from '../../../store/open';
import { statement } from '../../../store/statements';
import { DEFAULT_PAGE_SIZE } from '../../catalog/common';
import { matchSku, matchValueOf } from '../../sales/item-skus';
import { OWED_SQL } from '../../sales/transaction-rows';
import type { PriceMatch, StripePricePage, StripePriceRow } from '../types';
import { STRIPE_PROVIDER } from './api-version';
import { metadataSku, num, obj, str, type Json } from './effects/json';

const INTERVALS = new Set(['day', 'week', 'month', 'year']);

const PRICES = `
SELECT p.raw AS priceRaw, prod.raw AS productRaw
FROM stripe_objects p INDEXED BY stripe_objects_type_created_idx
LEFT JOIN stripe_objects prod ON prod.id = p.parent
WHERE p.type = 'price' AND p.deleted = 0`;

const WAITING_UNITS = `
SELECT coalesce(sum(ti.waiting_units), 0) FROM transaction_items ti INDEXED BY transaction_items_waiting_idx
JOIN transactions t ON t.id = ti.transaction_id
WHERE ti.waiting_units > 0 AND ti.e_item_number = ? AND t.provider = ? AND ${OWED_SQL}`;

const parse = (raw: string | null): Json | null => {
  if (!raw) return null;
  try {
    return obj(JSON.parse(raw));
  } catch {
    return null;
  }
};

function skuById(sqlite: Database.Database, id: number): { sku: string; name: string | null } | undefined {
  return statement(sqlite, 'SELECT sku, name FROM skus WHERE id = ?').get(id) as { sku: string; name: string | null } | undefined;
}

/** One price as the mapping screen shows it. */
export function stripePriceRow(sqlite: Database.Database, price: Json, product: Json | null): StripePriceRow {
  const priceId = str(price.id) ?? '';
  const productName = str(product?.name);
  const fromMetadata = metadataSku(price) ?? metadataSku(product);
  const mapping = statement(sqlite, "SELECT id FROM item_mappings WHERE match_field = 'item_number' AND match_value = ?").get(matchValueOf(priceId)) as { id: number } | undefined;
  const found = matchSku(sqlite, { number: priceId, name: productName, skuCode: fromMetadata });
  let match: PriceMatch;
  if (found.skuId !== null) match = found.via === 'mapping' || fromMetadata === null ? 'mapping' : 'metadata';
  else if (found.reason === 'ambiguous') match = 'ambiguous';
  else match = fromMetadata !== null ? 'unknown_sku' : 'none';
  const sku = found.skuId === null ? undefined : skuById(sqlite, found.skuId);
  const recurring = obj(price.recurring);
  const interval = str(recurring?.interval);
  return {
    priceId,
    productId: str(price.product) ?? str(obj(price.product)?.id),
    productName,
    nickname: str(price.nickname),
    active: price.active === true && product?.active !== false,
    currency: (str(price.currency) ?? '').toUpperCase(),
    unitAmount: num(price.unit_amount),
    interval: interval && INTERVALS.has(interval) ? (interval as StripePriceRow['interval']) : 'one_time',
    intervalCount: num(recurring?.interval_count) ?? 1,
    metadataSku: fromMetadata,
    match,
    mappingId: mapping?.id ?? null,
    skuId: found.skuId,
    sku: sku?.sku ?? null,
    skuName: sku?.name ?? null,
    waitingUnits: statement(sqlite, WAITING_UNITS).pluck().get(priceId, STRIPE_PROVIDER) as number,
  };
}

const matches = (row: StripePriceRow, text: string) =>
  [row.priceId, row.productId, row.productName, row.nickname, row.metadataSku, row.sku].some((v) => v !== null && v.toLowerCase().includes(text));

/** Prices by product name, active first; `unmatched`: those without a SKU (what waits on them first). */
export function listStripePrices(store: Store, input: ParsedInput<'stripe.prices'>): StripePricePage {
  const { sqlite } = store;
  const rows = (statement(sqlite, PRICES).all() as Array<{ priceRaw: string; productRaw: string | null }>)
    .map((r) => ({ price: parse(r.priceRaw), product: parse(r.productRaw) }))
    .filter((r): r is { price: Json; product: Json | null } => r.price !== null)
    .map((r) => stripePriceRow(sqlite, r.price, r.product));
  const text = input.search?.trim().toLowerCase();
  const filtered = rows.filter((row) => (!text || matches(row, text)) && (input.match !== 'unmatched' || row.skuId === null));
  filtered.sort(
    (a, b) =>
      (input.match === 'unmatched' ? b.waitingUnits - a.waitingUnits : 0) ||
      Number(b.active) - Number(a.active) ||
      (a.productName ?? '').localeCompare(b.productName ?? '', undefined, { sensitivity: 'base' }) ||
      (a.unitAmount ?? 0) - (b.unitAmount ?? 0) ||
      a.priceId.localeCompare(b.priceId),
  );
  const offset = input.offset ?? 0;
  const limit = input.limit ?? DEFAULT_PAGE_SIZE;
  return { items: filtered.slice(offset, offset + limit), total: filtered.length, limit, offset };
}
