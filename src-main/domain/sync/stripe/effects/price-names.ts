/**
 * What a Stripe price is called for matching it to a SKU, the way every feed's items are
 * matched (sales/item-skus.ts): number = the price id, name = its product's name (else
 * the line's description), SKU code = `keyhub_sku` metadata of the price, else of its
 * product. The price as last synced wins over the copy embedded in a line, so metadata
 * added later counts.
 */
import type Database from 'better-sqlite3';
import { statement } from '../../../../store/statements';
import type { ItemNames } from '../../../sales/item-skus';
import { idOf, metadataSku, obj, str, type Json, type StripeLookup } from './json';

export interface PriceNames extends ItemNames {
  priceId: string | null;
  productId: string | null;
}

/** `price`: an id or an embedded price; `productId`: when the line names it apart (invoice lines). */
export function priceNames(lookup: StripeLookup, price: unknown, productId: string | null, description: string | null): PriceNames {
  const priceId = idOf(price);
  const priceJson: Json | null = lookup.get(priceId) ?? obj(price);
  const product = idOf(priceJson?.product) ?? productId;
  const productJson = lookup.get(product) ?? obj(priceJson?.product);
  return {
    priceId,
    productId: product,
    number: priceId,
    name: str(productJson?.name) ?? description,
    skuCode: metadataSku(priceJson) ?? metadataSku(productJson),
  };
}

/** The key a SKU signs with now, or null (no key, or a retired one). */
export function usableKeyOfSku(sqlite: Database.Database, skuId: number): number | null {
  const row = statement(sqlite, 'SELECT s.private_key_id AS keyId, k.retired_at AS retiredAt FROM skus s LEFT JOIN private_keys k ON k.id = s.private_key_id WHERE s.id = ?').get(skuId) as
    | { keyId: number | null; retiredAt: string | null }
    | undefined;
  return row && row.keyId !== null && row.retiredAt === null ? row.keyId : null;
}
