/** STUB (owned by the queue & dashboard UI helper): a customer's purchases with their licenses. */
import type { ParsedInput } from '../../api/contract';
import { KeyHubError } from '../../api/errors';
import type { Page } from '../catalog/types';
import type { Store } from '../../store/open';
import type { CustomerPurchase } from './types';

export function customerPurchases(_store: Store, _input: ParsedInput<'customer.purchases'>): Page<CustomerPurchase> {
  throw new KeyHubError('INTERNAL', 'Not built yet.');
}
