/** STUB (mine, in progress): answering a partial refund. */
import type { ParsedInput } from '../../api/contract';
import type { ApiContext } from '../../api/dispatch';
import { KeyHubError } from '../../api/errors';
import type { TransactionDetail } from './types';

export function decideTransaction(_ctx: ApiContext, _input: ParsedInput<'transaction.decide'>): TransactionDetail {
  throw new KeyHubError('INTERNAL', 'Not built yet.');
}
