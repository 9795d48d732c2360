/**
 * Which SKU a provider's item is: a staff mapping (by item number, then by name) wins;
 * then the SKU code the provider named outright, the code after `||` in an e-junkie item
 * number (`929356||R3Bundle1Ent`), or the item number itself. A code that two vendors
 * both use is ambiguous and waits for a mapping, as does an item that names nothing.
 */
import type Database from 'better-sqlite3';
import { statement } from '../../store/statements';
import type { WaitingReason } from './types';

export interface ItemNames {
  number: string | null;
  name: string | null;
  skuCode: string | null;
}

export type SkuMatch =
  | { skuId: number; via: 'mapping' | 'code' }
  | { skuId: null; reason: Extract<WaitingReason, 'unmapped' | 'ambiguous'>; message: string };

/** How a mapping's value is compared: trimmed, lower case. */
export const matchValueOf = (text: string) => text.trim().toLowerCase();

/** The SKU code inside an e-junkie item number (`929356||R3Bundle1Ent` → `R3Bundle1Ent`), or null. */
export function codeInItemNumber(number: string): string | null {
  const at = number.indexOf('||');
  if (at < 0) return null;
  const code = number.slice(at + 2).trim();
  return code || null;
}

function mappedSku(sqlite: Database.Database, field: 'item_number' | 'item_name', value: string | null): number | null {
  if (!value || !value.trim()) return null;
  const row = statement(sqlite, 'SELECT sku_id AS skuId FROM item_mappings WHERE match_field = ? AND match_value = ?').get(field, matchValueOf(value)) as
    | { skuId: number }
    | undefined;
  return row?.skuId ?? null;
}

function skusByCode(sqlite: Database.Database, code: string): number[] {
  return (statement(sqlite, 'SELECT id FROM skus WHERE sku = ? COLLATE NOCASE LIMIT 2').all(code.trim()) as Array<{ id: number }>).map((r) => r.id);
}

export function matchSku(sqlite: Database.Database, item: ItemNames): SkuMatch {
  const mapped = mappedSku(sqlite, 'item_number', item.number) ?? mappedSku(sqlite, 'item_name', item.name);
  if (mapped !== null) return { skuId: mapped, via: 'mapping' };
  const codes = [item.skuCode, item.number ? codeInItemNumber(item.number) : null, item.number].filter((c): c is string => !!c && !!c.trim());
  for (const code of [...new Set(codes)]) {
    const found = skusByCode(sqlite, code);
    if (found.length === 1) return { skuId: found[0], via: 'code' };
    if (found.length > 1) {
      return { skuId: null, reason: 'ambiguous', message: `More than one vendor has a SKU coded ${code.trim()}; map this item to the right one.` };
    }
  }
  const called = [item.number && `number ${item.number}`, item.name && `“${item.name}”`].filter(Boolean).join(', ') || 'without a number or name';
  return { skuId: null, reason: 'unmapped', message: `No SKU matches the item (${called}); map it to a SKU.` };
}

/** Resolves items within one import, asking the store once per distinct item. */
export class SkuMatcher {
  private readonly cache = new Map<string, SkuMatch>();
  constructor(private readonly sqlite: Database.Database) {}

  match(item: ItemNames): SkuMatch {
    const key = `${item.number ?? ''}\u0000${item.name ?? ''}\u0000${item.skuCode ?? ''}`;
    let found = this.cache.get(key);
    if (!found) this.cache.set(key, (found = matchSku(this.sqlite, item)));
    return found;
  }
}
