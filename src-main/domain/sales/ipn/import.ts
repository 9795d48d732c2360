/** STUB (owned by the IPN helper): imports a batch of IPN messages. */
import type { ParsedInput } from '../../../api/contract';
import type { ApiContext } from '../../../api/dispatch';
import { KeyHubError } from '../../../api/errors';
import type { ImportTally } from '../types';

export async function importIpnBatch(_ctx: ApiContext, _input: ParsedInput<'transaction.importIpn'>): Promise<ImportTally> {
  throw new KeyHubError('INTERNAL', 'IPN import is not built yet.');
}
