/**
 * IPN messages for UI tests, built from the seed's sample (004_*.txt, Transactions:
 * Kathrin Fretz, txn 6MF63406U4306732Y, item 929356||R3Bundle1Ent, 249 USD), one
 * `key=value` pair a line as the seed shows it, imported through the API.
 */
import type { ImportTally } from '../../src-main/domain/sales/types';
import type { UiSession } from '../support/browser';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** PayPal's form of a time, in GMT: `09:51:26 Jul 18, 2012 GMT`. */
export function paypalDate(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())} ${MONTHS[at.getUTCMonth()]} ${at.getUTCDate()}, ${at.getUTCFullYear()} GMT`;
}

const enc = (text: string) => encodeURIComponent(text).replace(/%20/g, '+');

export interface SeedPurchase {
  txn: string;
  /** The seed's `929356||R3Bundle1Ent` unless told. */
  itemNumber?: string;
  itemName?: string;
  /** e-junkie's `sku` field; null leaves it out (the seed has `R3Bundle1Ent`). */
  sku?: string | null;
  quantity?: number;
  /** Per unit, major units as PayPal writes them: "249". */
  price?: number;
  currency?: string;
  paidAt?: Date;
  status?: 'Completed' | 'Pending';
  payer?: { email: string; first: string; last: string; payerId: string };
}

export const KATHRIN = { email: 'angelagube@photometer.com', first: 'Kathrin', last: 'Fretz', payerId: 'XH947JE7P6KRJ' };

export function ipnText(p: SeedPurchase): string {
  const quantity = p.quantity ?? 1;
  const price = p.price ?? 249;
  const gross = (price * quantity).toFixed(2);
  const number = p.itemNumber ?? '929356||R3Bundle1Ent';
  const name = p.itemName ?? 'Resizer 3';
  const payer = p.payer ?? KATHRIN;
  const sku = p.sku === undefined ? 'R3Bundle1Ent' : p.sku;
  return [
    `payment_date=${enc(paypalDate(p.paidAt ?? new Date()))}`,
    `payer_email=${enc(payer.email)}`,
    `first_name=${enc(payer.first)}`,
    `last_name=${enc(payer.last)}`,
    `payer_id=${payer.payerId}`,
    'residence_country=CH',
    'payer_business_name=',
    `mc_currency=${p.currency ?? 'USD'}`,
    'business=billing%40imazen.co',
    `mc_gross=${gross}`,
    'mc_shipping=0.00',
    'tax=0.00',
    `item_name1=${enc(name)}`,
    `item_number1=${enc(number)}`,
    `mc_gross_1=${gross}`,
    `quantity1=${quantity}`,
    'num_cart_items=1',
    `txn_id=${p.txn}`,
    `payment_status=${p.status ?? 'Completed'}`,
    'txn_type=expresscheckout',
    'payment_type=instant',
    'mc_fee=9.02',
    ...(sku ? [`sku=${sku}`] : []),
    'charset=utf-8',
  ].join('\n');
}

/** Imports the purchases (the keys must be unlocked if any will issue); fails on a rejected message. */
export async function importPurchases(s: UiSession, ...purchases: SeedPurchase[]): Promise<ImportTally> {
  const tally = await s.call('transaction.importIpn', { messages: purchases.map((p, i) => ({ line: i + 1, text: ipnText(p) })) });
  if (tally.rejected.length) throw new Error(`Rejected: ${JSON.stringify(tally.rejected)}`);
  return tally;
}

/** PayPal's refund of (part of) a purchase: its own txn id, the purchase as parent, a negative gross. */
export function refundText(parentTxn: string, amount: number, currency = 'USD', at = new Date()): string {
  return [
    `payment_date=${enc(paypalDate(at))}`,
    `txn_id=REFUND-${parentTxn}`,
    `parent_txn_id=${parentTxn}`,
    'payment_status=Refunded',
    'reason_code=refund',
    `mc_gross=-${amount.toFixed(2)}`,
    `mc_currency=${currency}`,
    `payer_email=${enc(KATHRIN.email)}`,
    'charset=utf-8',
  ].join('\n');
}
