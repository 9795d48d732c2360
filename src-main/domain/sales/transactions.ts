/** STUB (owned by the transactions-screens helper): reading transactions. */
import type { ParsedInput } from '../../api/contract';
import { KeyHubError } from '../../api/errors';
import type { Store } from '../../store/open';
import type { TransactionDetail, TransactionPage } from './types';

export function listTransactions(_store: Store, _input: ParsedInput<'transaction.list'>): TransactionPage {
  throw new KeyHubError('INTERNAL', 'Not built yet.');
}

export function getTransaction(_store: Store, _id: number): TransactionDetail {
  throw new KeyHubError('INTERNAL', 'Not built yet.');
}
