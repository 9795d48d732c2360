/**
 * The one way to read transaction rows for people: lists, a customer's purchases and
 * the dashboard hydrate their ids through these, so a row means the same everywhere.
 */
import type Database from 'better-sqlite3';
import { LICENSE_STATE_SQL } from '../licenses/rows';
import { statement } from '../../store/statements';
import { COVERED_FULFILMENTS } from './ledger';
import type { PaymentStatus, TransactionLicense, TransactionRow } from './types';

/** Purchases whose units are owed licenses: paid, and not (wholly) given back. */
export const OWED_STATUSES: readonly PaymentStatus[] = ['confirmed', 'partially_refunded'];
export const OWED_SQL = `t.status IN ('confirmed', 'partially_refunded')`;

/** Units of an owed purchase without their license yet (kept by fulfilment). */
export const WAITING_UNITS_SQL = `CASE WHEN ${OWED_SQL} THEN
  (SELECT coalesce(sum(ti.waiting_units), 0) FROM transaction_items ti WHERE ti.transaction_id = t.id) ELSE 0 END`;

const TRANSACTION_ROWS = `
SELECT t.id, t.provider, t.provider_txn_id AS providerTxnId, t.txn_type AS txnType, t.status,
       t.customer_id AS customerId, c.name AS customerName, t.payer_email AS payerEmail,
       coalesce(nullif(trim(t.payer_business_name), ''), nullif(trim(coalesce(t.payer_first_name, '') || ' ' || coalesce(t.payer_last_name, '')), ''), t.payer_email) AS payerName,
       t.currency, t.gross, t.refunded, t.payment_date AS paymentDate,
       (SELECT group_concat(coalesce(s.sku, ti.e_item_name, ti.e_item_number, '?') || CASE WHEN ti.quantity > 1 THEN ' ×' || ti.quantity ELSE '' END, ', ')
          FROM transaction_items ti LEFT JOIN skus s ON s.id = ti.sku_id WHERE ti.transaction_id = t.id) AS itemsSummary,
       (SELECT count(*) FROM transaction_items ti ${COVERED_FULFILMENTS} WHERE ti.transaction_id = t.id) AS licenseCount,
       ${WAITING_UNITS_SQL} AS waitingUnits,
       t.pending_decision AS pendingDecision, t.created_at AS createdAt, t.updated_at AS updatedAt
FROM json_each(@ids) AS page
JOIN transactions t ON t.id = page.value
LEFT JOIN customers c ON c.id = t.customer_id
ORDER BY page.key`;

export function transactionRowsByIds(sqlite: Database.Database, ids: readonly number[]): TransactionRow[] {
  if (!ids.length) return [];
  return (statement(sqlite, TRANSACTION_ROWS).all({ ids: JSON.stringify(ids) }) as Array<TransactionRow & { itemsSummary: string | null }>).map((r) => ({
    ...r,
    itemsSummary: r.itemsSummary ?? '',
  }));
}

const LICENSES_OF_TRANSACTIONS = `
SELECT ti.transaction_id AS transactionId, l.id, s.sku, l.owner_name AS ownerName, ${LICENSE_STATE_SQL} AS state, l.expires, f.unit
FROM json_each(@ids) AS page
JOIN transactions t ON t.id = page.value
JOIN transaction_items ti ON ti.transaction_id = t.id
${COVERED_FULFILMENTS}
JOIN licenses l ON l.id = f.license_id
JOIN skus s ON s.id = l.sku_id
ORDER BY ti.transaction_id, ti.id, f.unit`;

/** The licenses each transaction covers (ledger.ts), by transaction id. */
export function licensesOfTransactions(sqlite: Database.Database, ids: readonly number[], now: string): Map<number, TransactionLicense[]> {
  const byTransaction = new Map<number, TransactionLicense[]>(ids.map((id) => [id, []]));
  if (!ids.length) return byTransaction;
  for (const row of statement(sqlite, LICENSES_OF_TRANSACTIONS).all({ ids: JSON.stringify(ids), now }) as Array<TransactionLicense & { transactionId: number }>) {
    const { transactionId, ...license } = row;
    byTransaction.get(transactionId)?.push(license);
  }
  return byTransaction;
}
