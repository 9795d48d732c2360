/**
 * Purchases as the engine receives them, built from the seed's IPN sample (004_*.txt,
 * Transactions: Kathrin Fretz, txn 6MF63406U4306732Y, item 929356||R3Bundle1Ent,
 * 249 USD, paid 02:51:26 Jul 18, 2012 MST), recorded through recordMessages.
 */
import { recordMessages } from '../../src-main/domain/sales/record';
import { emptyTally } from '../../src-main/domain/sales/tally';
import type { ImportTally, PaymentEventMessage, PurchaseItem, PurchaseMessage } from '../../src-main/domain/sales/types';
import type { TempStore } from '../support/temp-store';

/** The seed's message, its fields one a line as the seed shows them (abridged to what is parsed). */
export const SEED_RAW = [
  'payment_date=02%3A51%3A26+Jul+18%2C+2012+MST',
  'payer_email=angelagube%40photometer.com',
  'first_name=Kathrin',
  'last_name=Fretz',
  'payer_id=XH947JE7P6KRJ',
  'residence_country=CH',
  'mc_currency=USD',
  'business=billing%40imazen.co',
  'mc_gross=249',
  'item_name1=Resizer+3',
  'item_number1=929356%7C%7CR3Bundle1Ent',
  'mc_gross_1=249',
  'quantity1=1',
  'num_cart_items=1',
  'txn_id=6MF63406U4306732Y',
  'payment_status=Completed',
  'txn_type=expresscheckout',
  'mc_fee=9.02',
  'sku=R3Bundle1Ent',
].join('\n');

export const SEED_TXN = '6MF63406U4306732Y';
export const SEED_SKU = 'R3Bundle1Ent';
/** 02:51:26 MST (UTC-7) on Jul 18, 2012. */
export const SEED_PAID = '2012-07-18T09:51:26.000Z';

export function seedItem(overrides: Partial<PurchaseItem> = {}): PurchaseItem {
  return { providerItemId: `${SEED_TXN}#1`, name: 'Resizer 3', number: '929356||R3Bundle1Ent', skuCode: SEED_SKU, quantity: 1, gross: 24900, options: [], ...overrides };
}

/** The seed's purchase; `txn` renames the transaction and its items' provider ids. */
export function seedPurchase(overrides: Partial<PurchaseMessage> & { txn?: string } = {}): PurchaseMessage {
  const { txn = SEED_TXN, ...rest } = overrides;
  return {
    kind: 'purchase',
    provider: 'paypal',
    providerTxnId: txn,
    txnType: 'expresscheckout',
    status: 'confirmed',
    providerStatus: 'Completed',
    payer: { email: 'angelagube@photometer.com', firstName: 'Kathrin', lastName: 'Fretz', businessName: null, payerId: 'XH947JE7P6KRJ', country: 'CH' },
    business: 'billing@imazen.co',
    currency: 'USD',
    gross: 24900,
    fee: 902,
    tax: 0,
    shipping: 0,
    paymentDate: SEED_PAID,
    items: [seedItem({ providerItemId: `${txn}#1` })],
    rawFormat: 'ipn',
    raw: SEED_RAW.replace(SEED_TXN, txn),
    ...rest,
  };
}

/** A refund of `amount` minor units of the purchase `txn` (PayPal's refund has its own txn id). */
export function refundOf(txn: string, amount: number, currency = 'USD'): PaymentEventMessage {
  return {
    kind: 'event',
    provider: 'paypal',
    providerTxnId: txn,
    eventId: `REFUND-${txn}-${amount}`,
    event: 'refund',
    amount,
    currency,
    reason: 'refund',
    providerStatus: 'Refunded',
    occurredAt: '2012-07-20T10:00:00.000Z',
    rawFormat: 'ipn',
    raw: `txn_id=REFUND-${txn}\nparent_txn_id=${txn}\npayment_status=Refunded\nmc_gross=-${amount / 100}\nmc_currency=${currency}`,
  };
}

/** Records the messages through the engine (the keys must be unlocked when they issue); fails on any rejection. */
export async function record(t: TempStore, ...messages: Array<PurchaseMessage | PaymentEventMessage>): Promise<ImportTally> {
  const tally = emptyTally();
  await recordMessages(
    t.ctx,
    messages.map((message, i) => ({ line: i + 1, message })),
    tally,
  );
  if (tally.rejected.length) throw new Error(`Rejected: ${JSON.stringify(tally.rejected)}`);
  return tally;
}
