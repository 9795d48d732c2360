/**
 * The fulfilment queue: items of paid purchases (confirmed, partly refunded) still without their licenses,
 * grouped by what they are called (unmapped) or by their SKU (no usable key). A mapping
 * saved here fulfils the purchases waiting on it at once; a retry fulfils what can be now.
 */
import type Database from 'better-sqlite3';
import type { ParsedInput } from '../../api/contract';
import type { ApiContext } from '../../api/dispatch';
import { invalidField, notFound } from '../../api/errors';
import { nowUtc } from '../../shared/time';
import type { Store } from '../../store/open';
import { statement } from '../../store/statements';
import { recordAuditFast } from '../audit/audit';
import type { Deleted } from '../catalog/types';
import type { FulfilContext, ItemToFulfil } from './fulfil';
import { askAfterPartialRefund, fulfilStoredItem } from './record';
import { matchSku, matchValueOf, SkuMatcher } from './item-skus';
import { OWNER_NAME_SQL } from './payer';
import { OWED_SQL } from './transaction-rows';
import { SkuBook, unusableSku, withSigners } from './signing';
import type { FulfilResult, ItemMapping, MappingResult, WaitingGroup, WaitingPage } from './types';

/** An unmapped item is grouped by its number, or its name when it has none; a mapped one by its SKU. */
const GROUP_KEY_SQL = `CASE WHEN ti.sku_id IS NOT NULL THEN 'sku:' || ti.sku_id
  WHEN nullif(trim(ti.e_item_number), '') IS NOT NULL THEN 'item_number:' || lower(trim(ti.e_item_number))
  ELSE 'item_name:' || lower(trim(coalesce(ti.e_item_name, ''))) END`;

const WAITING_ITEMS = `
FROM transaction_items ti INDEXED BY transaction_items_waiting_idx
JOIN transactions t ON t.id = ti.transaction_id
WHERE ti.waiting_units > 0 AND ${OWED_SQL}`;

interface GroupRow {
  key: string;
  skuId: number | null;
  itemNumber: string | null;
  itemName: string | null;
  skuCode: string | null;
  purchases: number;
  units: number;
  oldest: string;
  newest: string;
}

/** A SKU whose code or name appears in the item's number or name: a suggestion for the mapping. */
function suggestSku(sqlite: Database.Database, number: string | null, name: string | null): number | null {
  const haystack = `${number ?? ''} ${name ?? ''}`.toLowerCase();
  if (!haystack.trim()) return null;
  const skus = statement(sqlite, 'SELECT id, sku, name FROM skus ORDER BY length(sku) DESC, id').all() as Array<{ id: number; sku: string; name: string | null }>;
  return skus.find((s) => haystack.includes(s.sku.toLowerCase()) || (!!s.name && haystack.includes(s.name.toLowerCase())))?.id ?? null;
}

type GroupStanding = Pick<WaitingGroup, 'reason' | 'message' | 'suggestedSkuId' | 'skuId' | 'sku' | 'ready'>;

function describeGroup(sqlite: Database.Database, skus: SkuBook, row: GroupRow): GroupStanding {
  const match = row.skuId === null ? matchSku(sqlite, { number: row.itemNumber, name: row.itemName, skuCode: row.skuCode }) : null;
  const skuId = row.skuId ?? match?.skuId ?? null;
  if (skuId === null) {
    const why = match && match.skuId === null ? match : { reason: 'unmapped' as const, message: 'No SKU matches the item; map it to a SKU.' };
    return { reason: why.reason, message: why.message, suggestedSkuId: suggestSku(sqlite, row.itemNumber, row.itemName), skuId: null, sku: null, ready: false };
  }
  const rules = skus.rulesOf(skuId);
  const found = { skuId, sku: rules.sku, suggestedSkuId: row.skuId === null ? skuId : null };
  const unusable = unusableSku(rules);
  if (unusable) return { ...unusable, ...found, ready: false };
  return { reason: row.skuId === null ? 'unmapped' : 'no_signing_key', message: `SKU ${rules.sku} can issue them now: fulfil what waits.`, ...found, ready: true };
}

export function listWaiting(store: Store, input: ParsedInput<'fulfilment.waiting'>): WaitingPage {
  const { sqlite, db } = store;
  const rows = statement(
    sqlite,
    `SELECT ${GROUP_KEY_SQL} AS key, ti.sku_id AS skuId, min(ti.e_item_number) AS itemNumber, min(ti.e_item_name) AS itemName, min(ti.sku_code) AS skuCode,
            count(DISTINCT t.id) AS purchases, sum(ti.waiting_units) AS units, min(t.payment_date) AS oldest, max(t.payment_date) AS newest
     ${WAITING_ITEMS}
     GROUP BY key ORDER BY units DESC, key`,
  ).all() as GroupRow[];
  const gross = new Map<string, Array<{ currency: string; amount: number }>>();
  for (const g of statement(sqlite, `SELECT ${GROUP_KEY_SQL} AS key, t.currency, sum(ti.gross) AS amount ${WAITING_ITEMS} GROUP BY key, t.currency ORDER BY amount DESC`).all() as Array<{
    key: string;
    currency: string;
    amount: number;
  }>) {
    const list = gross.get(g.key) ?? [];
    list.push({ currency: g.currency, amount: g.amount });
    gross.set(g.key, list);
  }
  const skus = new SkuBook(db);
  const groups: WaitingGroup[] = rows.map((row) => ({
    key: row.key,
    ...describeGroup(sqlite, skus, row),
    itemNumber: row.itemNumber,
    itemName: row.itemName,
    skuCode: row.skuCode,
    purchases: row.purchases,
    units: row.units,
    gross: gross.get(row.key) ?? [],
    oldestPaymentDate: row.oldest,
    newestPaymentDate: row.newest,
  }));
  const filtered = input.reason ? groups.filter((g) => g.reason === input.reason) : groups;
  const offset = input.offset ?? 0;
  const limit = input.limit ?? 50;
  return { items: filtered.slice(offset, offset + limit), total: filtered.length, limit, offset };
}

const MAPPING_ROWS = `
SELECT m.id, m.match_field AS matchField, m.match_value AS matchValue, m.sku_id AS skuId, s.sku, s.name AS skuName, v.name AS vendorName,
       m.created_by AS createdBy, m.created_at AS createdAt
FROM item_mappings m JOIN skus s ON s.id = m.sku_id JOIN vendors v ON v.id = s.vendor_id`;

export function listMappings(store: Store): ItemMapping[] {
  return statement(store.sqlite, `${MAPPING_ROWS} ORDER BY m.match_field, m.match_value`).all() as ItemMapping[];
}

interface WaitingItem extends ItemToFulfil {
  transactionId: number;
  provider: string;
  providerTxnId: string;
  customerId: number | null;
  ownerName: string;
  paymentDate: string;
  number: string | null;
  name: string | null;
  skuCode: string | null;
}

const WAITING_ITEM_ROWS = `
SELECT ti.id AS itemId, ti.sku_id AS skuId, ti.provider_item_id AS providerItemId, ti.quantity, ti.e_item_number AS number, ti.e_item_name AS name, ti.sku_code AS skuCode,
       t.id AS transactionId, t.provider, t.provider_txn_id AS providerTxnId, t.customer_id AS customerId, t.payment_date AS paymentDate,
       ${OWNER_NAME_SQL} AS ownerName
${WAITING_ITEMS.replace('JOIN transactions t ON t.id = ti.transaction_id', 'JOIN transactions t ON t.id = ti.transaction_id LEFT JOIN customers c ON c.id = t.customer_id')}`;

/** Which waiting items: one transaction's, one SKU's, those with one item number (a Stripe price), or all. */
export interface WaitingScope {
  transactionId?: number;
  skuId?: number;
  itemNumber?: string;
}

function waitingItems(sqlite: Database.Database, scope: WaitingScope): WaitingItem[] {
  const where = [
    scope.transactionId !== undefined && 'AND t.id = @transactionId',
    scope.skuId !== undefined && 'AND ti.sku_id = @skuId',
    scope.itemNumber !== undefined && 'AND ti.e_item_number = @itemNumber',
  ]
    .filter(Boolean)
    .join(' ');
  return statement(sqlite, `${WAITING_ITEM_ROWS} ${where} ORDER BY t.id, ti.id`).all({ ...scope }) as WaitingItem[];
}

/** The keys fulfilling the scope's waiting items needs (read before the write transaction). */
export function keysForWaiting(sqlite: Database.Database, skus: SkuBook, scope: WaitingScope): Set<number> {
  const matcher = new SkuMatcher(sqlite);
  const keyIds = new Set<number>();
  for (const item of waitingItems(sqlite, scope)) {
    const skuId = item.skuId ?? matcher.match(item).skuId;
    const keyId = skuId === null ? null : skus.usableKeyOf(skuId);
    if (keyId !== null) keyIds.add(keyId);
  }
  return keyIds;
}

/** Inside the caller's write transaction: matches unmapped items again, then fulfils every one that can be. */
export function fulfilWaitingItems(fulfil: FulfilContext, scope: WaitingScope): FulfilResult {
  const matcher = new SkuMatcher(fulfil.sqlite);
  const touched = new Set<number>();
  let issued = 0;
  let stillWaiting = 0;
  for (const item of waitingItems(fulfil.sqlite, scope)) {
    const result = fulfilStoredItem(fulfil, matcher, item, item);
    issued += result.issued;
    stillWaiting += result.waiting;
    if (result.issued > 0) touched.add(item.transactionId);
  }
  for (const transactionId of touched) askAfterPartialRefund(fulfil.sqlite, transactionId);
  return { transactions: touched.size, issued, stillWaiting };
}

/** Fulfils what waits and can be fulfilled now (a SKU created or a key assigned since). */
export async function retryWaiting(ctx: ApiContext, input: ParsedInput<'fulfilment.retry'>): Promise<FulfilResult> {
  const { sqlite, db } = ctx.store;
  const scope: WaitingScope = input.transactionId === undefined ? {} : { transactionId: input.transactionId };
  if (input.transactionId !== undefined && !statement(sqlite, 'SELECT 1 FROM transactions WHERE id = ?').get(input.transactionId)) throw notFound('Transaction', input.transactionId);
  const skus = new SkuBook(db);
  const keyIds = keysForWaiting(sqlite, skus, scope);
  return withSigners(ctx, keyIds, (signers) =>
    sqlite.transaction(() => {
      const result = fulfilWaitingItems({ sqlite, actor: ctx.actor, skus, signers }, scope);
      if (result.issued > 0) recordAuditFast(sqlite, { actor: ctx.actor, targetType: 'transaction', targetId: input.transactionId ?? '*', action: 'fulfilment.retry', details: { ...result } });
      return result;
    }).immediate(),
  );
}

/**
 * The items a mapping takes: those called so (compared as mappings are: trimmed, lower
 * case, in JS so that "Über" matches) that have no SKU yet, or whose SKU has issued none
 * of their units (a mapping that named the wrong SKU, a code whose SKU cannot sign).
 */
function itemsCalled(sqlite: Database.Database, field: 'item_number' | 'item_name', value: string): Array<{ id: number; waiting: boolean }> {
  const column = field === 'item_number' ? 'e_item_number' : 'e_item_name';
  const rows = statement(
    sqlite,
    `SELECT id, ${column} AS called, waiting_units AS waitingUnits FROM transaction_items WHERE sku_id IS NULL AND ${column} IS NOT NULL
     UNION ALL
     SELECT id, ${column} AS called, waiting_units AS waitingUnits FROM transaction_items INDEXED BY transaction_items_waiting_idx
     WHERE waiting_units > 0 AND sku_id IS NOT NULL AND waiting_units = quantity AND ${column} IS NOT NULL`,
  ).all() as Array<{ id: number; called: string; waitingUnits: number }>;
  return rows.filter((r) => matchValueOf(r.called) === value).map((r) => ({ id: r.id, waiting: r.waitingUnits > 0 }));
}

/** Units every owed purchase still waits for, after a mapping or retry. */
function unitsStillWaiting(sqlite: Database.Database): number {
  return (statement(sqlite, `SELECT coalesce(sum(ti.waiting_units), 0) AS n ${WAITING_ITEMS}`).get() as { n: number }).n;
}

/**
 * Saves a mapping (replacing one for the same number or name) and fulfils the owed
 * purchases waiting on it at once; pending ones get their SKU and issue when completed.
 */
export async function mapItems(ctx: ApiContext, input: ParsedInput<'fulfilment.map'>): Promise<MappingResult> {
  const { sqlite, db } = ctx.store;
  const value = matchValueOf(input.matchValue);
  const skus = new SkuBook(db);
  let sku;
  try {
    sku = skus.rulesOf(input.skuId);
  } catch {
    throw invalidField('skuId', `SKU ${input.skuId} does not exist.`);
  }
  const keyId = skus.usableKeyOf(sku.skuId);
  const keyIds = keyId !== null && itemsCalled(sqlite, input.matchField, value).some((i) => i.waiting) ? [keyId] : [];
  return withSigners(ctx, keyIds, (signers) =>
    sqlite.transaction(() => {
      const previous = statement(sqlite, 'SELECT id, sku_id AS skuId FROM item_mappings WHERE match_field = ? AND match_value = ?').get(input.matchField, value) as
        | { id: number; skuId: number }
        | undefined;
      let id: number;
      if (previous) {
        statement(sqlite, 'UPDATE item_mappings SET sku_id = ?, created_by = ?, created_at = ? WHERE id = ?').run(sku.skuId, ctx.actor, nowUtc(), previous.id);
        id = previous.id;
      } else {
        id = Number(statement(sqlite, 'INSERT INTO item_mappings (match_field, match_value, sku_id, created_by) VALUES (?, ?, ?, ?)').run(input.matchField, value, sku.skuId, ctx.actor).lastInsertRowid);
      }
      const assign = statement(sqlite, 'UPDATE transaction_items SET sku_id = ? WHERE id = ?');
      const items = itemsCalled(sqlite, input.matchField, value);
      for (const item of items) assign.run(sku.skuId, item.id);
      const { transactions, issued } = fulfilWaitingItems({ sqlite, actor: ctx.actor, skus, signers }, { skuId: sku.skuId });
      const result = { transactions, issued, stillWaiting: unitsStillWaiting(sqlite) };
      recordAuditFast(sqlite, {
        actor: ctx.actor,
        targetType: 'sku',
        targetId: sku.skuId,
        action: 'fulfilment.map',
        details: { matchField: input.matchField, matchValue: value, sku: sku.sku, previousSkuId: previous?.skuId ?? null, itemsAssigned: items.length, ...result },
      });
      const mapping = statement(sqlite, `${MAPPING_ROWS} WHERE m.id = ?`).get(id) as ItemMapping;
      return { mapping, ...result };
    }).immediate(),
  );
}

/** Removes a mapping. Licenses issued through it stay, and so do the SKUs items were given. */
export function unmapItems(ctx: ApiContext, id: number): Deleted {
  const { sqlite } = ctx.store;
  return sqlite.transaction(() => {
    const mapping = statement(sqlite, `${MAPPING_ROWS} WHERE m.id = ?`).get(id) as ItemMapping | undefined;
    if (!mapping) throw notFound('Mapping', id);
    statement(sqlite, 'DELETE FROM item_mappings WHERE id = ?').run(id);
    recordAuditFast(sqlite, { actor: ctx.actor, targetType: 'sku', targetId: mapping.skuId, action: 'fulfilment.unmap', details: { matchField: mapping.matchField, matchValue: mapping.matchValue, sku: mapping.sku } });
    return { id, deleted: true as const };
  })();
}
