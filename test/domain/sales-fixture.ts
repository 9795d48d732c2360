/**
 * Purchases and events as any feed hands them to the fulfilment engine, for tests that
 * exercise the engine without a parser; and a snapshot of every table sales writes.
 */
import type { PaymentEventMessage, PurchaseItem, PurchaseMessage } from '../../src-main/domain/sales/types';
import { recordMessages } from '../../src-main/domain/sales/record';
import { emptyTally } from '../../src-main/domain/sales/tally';
import type { ImportTally, ProviderMessage } from '../../src-main/domain/sales/types';
import type { TempStore } from '../support/temp-store';
import { rows } from './license-lifecycle-fixture';

let serial = 0;

export function item(overrides: Partial<PurchaseItem> = {}): PurchaseItem {
  return { providerItemId: `item-${++serial}`, name: 'Resizer 3', number: null, skuCode: null, quantity: 1, gross: 24900, options: [], ...overrides };
}

/** A confirmed PayPal purchase by Kathrin Fretz, with its items given. */
export function purchase(txnId: string, items: PurchaseItem[], overrides: Partial<PurchaseMessage> = {}): PurchaseMessage {
  return {
    kind: 'purchase',
    provider: 'paypal',
    providerTxnId: txnId,
    txnType: 'cart',
    status: 'confirmed',
    providerStatus: 'Completed',
    payer: { email: 'angelagube@photometer.com', firstName: 'Kathrin', lastName: 'Fretz', businessName: null, payerId: 'XH947JE7P6KRJ', country: 'CH' },
    business: 'billing@imazen.co',
    currency: 'USD',
    gross: items.reduce((sum, i) => sum + i.gross, 0),
    fee: 902,
    tax: 0,
    shipping: 0,
    paymentDate: '2026-07-18T09:51:26.000Z',
    items: items.map((i) => ({ ...i, providerItemId: `${txnId}#${i.providerItemId}` })),
    rawFormat: 'ipn',
    raw: `txn_id=${txnId}`,
    ...overrides,
  };
}

export function refund(txnId: string, eventId: string, amount: number, overrides: Partial<PaymentEventMessage> = {}): PaymentEventMessage {
  return {
    kind: 'event',
    provider: 'paypal',
    providerTxnId: txnId,
    eventId,
    event: 'refund',
    amount,
    currency: 'USD',
    reason: 'refund',
    providerStatus: 'Refunded',
    occurredAt: '2026-07-20T10:00:00.000Z',
    rawFormat: 'ipn',
    raw: `txn_id=${eventId}&parent_txn_id=${txnId}`,
    ...overrides,
  };
}

/** Records messages as one import batch; returns its tally. */
export async function record(t: TempStore, ...messages: ProviderMessage[]): Promise<ImportTally> {
  const tally = emptyTally();
  await recordMessages(
    t.ctx,
    messages.map((message, i) => ({ line: i + 1, message })),
    tally,
  );
  return tally;
}

/** Every row of every table an import may write, to prove a refusal changed nothing. */
export function salesSnapshot(t: TempStore): string {
  const tables = ['transactions', 'transaction_items', 'payment_logs', 'fulfilments', 'licenses', 'customers', 'provider_customers', 'item_mappings', 'audit_log'];
  return JSON.stringify(
    tables.map((table) => rows(t, `SELECT * FROM ${table} ORDER BY rowid`).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('base64') : v])))),
  );
}
