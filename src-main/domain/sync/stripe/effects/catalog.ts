/**
 * Products and prices: the SKU a price resolves to (a staff mapping of its id, else
 * `keyhub_sku` metadata, the price's first, then its product's, as every item is
 * matched) is kept as a `sku_prices` row (provider 'stripe'); a price that resolves no
 * more, or is deleted, loses it. When a price starts resolving, paid items of it that
 * waited for a SKU take its code and are fulfilled now, with the keys the page opened.
 */
import type Database from 'better-sqlite3';
import { statement } from '../../../../store/statements';
import { SkuMatcher } from '../../../sales/item-skus';
import { fulfilWaitingItems } from '../../../sales/waiting';
import { STRIPE_PROVIDER } from '../api-version';
import { emptyEffectTally, type ChangedObject, type EffectContext, type EffectTally, type StripeJson } from '../types';
import { bool, currencyOf, num, obj, str, StripeLookup } from './json';
import { priceNames, usableKeyOfSku } from './price-names';

const INTERVALS: ReadonlySet<string> = new Set(['day', 'week', 'month', 'year']);

/** The SKU a price resolves to now (null: none, or ambiguous). */
export function skuOfPrice(lookup: StripeLookup, matcher: SkuMatcher, price: StripeJson): { skuId: number | null; skuCode: string | null } {
  const names = priceNames(lookup, price, null, null);
  return { skuId: matcher.match(names).skuId, skuCode: names.skuCode };
}

function storedSkuOfPrice(sqlite: Database.Database, priceId: string): number | null {
  return (statement(sqlite, 'SELECT sku_id AS skuId FROM sku_prices WHERE provider = ? AND provider_price_id = ?').get(STRIPE_PROVIDER, priceId) as { skuId: number } | undefined)?.skuId ?? null;
}

function savePrice(sqlite: Database.Database, price: StripeJson, skuId: number, now: string): void {
  const recurring = obj(price.recurring);
  const interval = str(recurring?.interval);
  statement(
    sqlite,
    `INSERT INTO sku_prices (sku_id, amount, currency, interval, interval_count, trial_period_days, active, provider, provider_price_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (provider, provider_price_id) DO UPDATE SET sku_id = excluded.sku_id, amount = excluded.amount, currency = excluded.currency,
       interval = excluded.interval, interval_count = excluded.interval_count, trial_period_days = excluded.trial_period_days, active = excluded.active, updated_at = ?`,
  ).run(
    skuId,
    // Tiered and customer-chosen prices have no unit amount.
    Math.max(0, num(price.unit_amount) ?? 0),
    currencyOf(price.currency) ?? 'XXX',
    interval && INTERVALS.has(interval) ? interval : 'one_time',
    Math.max(1, num(recurring?.interval_count) ?? 1),
    Math.max(0, num(recurring?.trial_period_days) ?? 0),
    bool(price.active) ? 1 : 0,
    STRIPE_PROVIDER,
    price.id,
    now,
  );
}

/** Paid items of this price still without a SKU, read through the waiting items' index. */
const WAITING_OF_PRICE = `SELECT ti.id FROM transaction_items ti INDEXED BY transaction_items_waiting_idx WHERE ti.waiting_units > 0 AND ti.e_item_number = ? AND ti.sku_id IS NULL`;

function hasWaitingItems(sqlite: Database.Database, priceId: string): boolean {
  return statement(sqlite, `${WAITING_OF_PRICE} LIMIT 1`).get(priceId) !== undefined;
}

function resolvePrice(ectx: EffectContext, lookup: StripeLookup, price: StripeJson, deleted: boolean, tally: EffectTally): void {
  const before = storedSkuOfPrice(ectx.sqlite, price.id);
  // A fresh matcher: metadata or a mapping may have changed within this page.
  const { skuId, skuCode } = deleted ? { skuId: null, skuCode: null } : skuOfPrice(lookup, new SkuMatcher(ectx.sqlite), price);
  if (skuId === null) {
    if (before !== null) statement(ectx.sqlite, 'DELETE FROM sku_prices WHERE provider = ? AND provider_price_id = ?').run(STRIPE_PROVIDER, price.id);
    return;
  }
  savePrice(ectx.sqlite, price, skuId, ectx.now);
  if (before === skuId || !hasWaitingItems(ectx.sqlite, price.id)) return;
  if (skuCode) statement(ectx.sqlite, `UPDATE transaction_items SET sku_code = ? WHERE id IN (${WAITING_OF_PRICE})`).run(skuCode, price.id);
  const result = fulfilWaitingItems(ectx.fulfil, { itemNumber: price.id });
  tally.fulfilled += result.issued;
  tally.waiting += result.stillWaiting;
}

/** The prices of a product, as stored. */
function pricesOfProduct(sqlite: Database.Database, productId: string): StripeJson[] {
  const rows = statement(sqlite, "SELECT raw FROM stripe_objects WHERE parent = ? AND type = 'price' AND deleted = 0").all(productId) as Array<{ raw: string }>;
  return rows.map((r) => JSON.parse(r.raw) as StripeJson);
}

/** A price or product just stored (a product's metadata speaks for each of its prices). */
export function applyCatalog(ectx: EffectContext, object: ChangedObject): EffectTally {
  const tally = emptyEffectTally();
  const lookup = new StripeLookup(ectx.sqlite, [object.json]);
  if (object.type === 'price') resolvePrice(ectx, lookup, object.json, object.deleted, tally);
  else if (object.type === 'product') for (const price of pricesOfProduct(ectx.sqlite, object.id)) resolvePrice(ectx, lookup, price, object.deleted, tally);
  return tally;
}

/** The keys fulfilling what waits on these prices or products will sign with. */
export function catalogKeys(lookup: StripeLookup, object: ChangedObject, into: Set<number>): void {
  if (object.deleted) return;
  const prices = object.type === 'price' ? [object.json] : object.type === 'product' ? pricesOfProduct(lookup.sqlite, object.id) : [];
  const matcher = new SkuMatcher(lookup.sqlite);
  for (const price of prices) {
    if (!hasWaitingItems(lookup.sqlite, price.id)) continue;
    const { skuId } = skuOfPrice(lookup, matcher, price);
    const keyId = skuId === null ? null : usableKeyOfSku(lookup.sqlite, skuId);
    if (keyId !== null) into.add(keyId);
  }
}
