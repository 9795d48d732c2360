/**
 * customer.purchases: the transactions a customer paid for, newest payment first, each
 * with the licenses it issued, for the customer's page. A customer has few purchases,
 * so its ids are read through transactions_customer_idx and sorted; only the page is
 * hydrated (transaction-rows.ts), in one read transaction.
 */
import type { ParsedInput } from '../../api/contract';
import { notFound } from '../../api/errors';
import { nowUtc } from '../../shared/time';
import type { Store } from '../../store/open';
import { statement } from '../../store/statements';
import type { Page } from '../catalog/types';
import { licensesOfTransactions, transactionRowsByIds } from './transaction-rows';
import type { CustomerPurchase } from './types';

export const PURCHASES_PAGE_SIZE = 20;

const PAGE_IDS = `SELECT id FROM transactions INDEXED BY transactions_customer_idx
  WHERE customer_id = @customerId ORDER BY payment_date DESC, id DESC LIMIT @limit OFFSET @offset`;

export function customerPurchases(store: Store, input: ParsedInput<'customer.purchases'>, now = nowUtc()): Page<CustomerPurchase> {
  const { sqlite } = store;
  const limit = input.limit ?? PURCHASES_PAGE_SIZE;
  const offset = input.offset ?? 0;
  const read = sqlite.transaction((): Page<CustomerPurchase> => {
    if (!statement(sqlite, 'SELECT 1 FROM customers WHERE id = ?').get(input.customerId)) throw notFound('Customer', input.customerId);
    const total = statement(sqlite, 'SELECT count(*) FROM transactions WHERE customer_id = ?').pluck().get(input.customerId) as number;
    const ids = statement(sqlite, PAGE_IDS).pluck().all({ customerId: input.customerId, limit, offset }) as number[];
    const licenses = licensesOfTransactions(sqlite, ids, now);
    const items = transactionRowsByIds(sqlite, ids).map((transaction) => ({ transaction, licenses: licenses.get(transaction.id) ?? [] }));
    return { items, total, limit, offset };
  });
  return read.deferred();
}
