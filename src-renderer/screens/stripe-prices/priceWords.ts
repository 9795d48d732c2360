/** Stripe prices in words: how each finds its SKU, and what it costs how often. */
import type { PriceMatch, StripePriceRow } from '../../../src-main/domain/sync/types';
import { formatMoney } from '../../format/money';
import { plural } from '../../format/numbers';

export const PRICE_MATCH_LABELS: Record<PriceMatch, string> = {
  metadata: 'Metadata',
  mapping: 'Mapping',
  none: 'None',
  ambiguous: 'Ambiguous',
  unknown_sku: 'Unknown SKU',
};

export const PRICE_MATCH_HINTS: Record<PriceMatch, string> = {
  metadata: 'The keyhub_sku metadata of the price (or of its product) names the SKU.',
  mapping: 'A mapping made here names the SKU.',
  none: 'Nothing names a SKU: its purchases wait until it is mapped.',
  ambiguous: 'The code names SKUs of several vendors: map it to the right one.',
  unknown_sku: 'The keyhub_sku metadata names no SKU in the catalog: fix the metadata at Stripe, or map it here.',
};

const INTERVAL_NAMES: Record<Exclude<StripePriceRow['interval'], 'one_time'>, string> = { day: 'day', week: 'week', month: 'month', year: 'year' };

/** "$49.00 / month", "€120.00 every 3 months", "$249.00 once", "Custom amount / year". */
export function priceWords(price: Pick<StripePriceRow, 'unitAmount' | 'currency' | 'interval' | 'intervalCount'>): string {
  const amount = price.unitAmount === null ? 'Custom amount' : formatMoney(price.unitAmount, price.currency.toUpperCase());
  if (price.interval === 'one_time') return `${amount} once`;
  const name = INTERVAL_NAMES[price.interval];
  return price.intervalCount > 1 ? `${amount} every ${plural(price.intervalCount, name)}` : `${amount} / ${name}`;
}

/** What the price is called on screen: its nickname, else its product's name, else its id. */
export function priceName(price: Pick<StripePriceRow, 'nickname' | 'productName' | 'priceId'>): string {
  return price.nickname ?? price.productName ?? price.priceId;
}
