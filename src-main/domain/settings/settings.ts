/** STUB (owned by the IPN helper): KeyHub's settings, stored in the settings table. */
import type { ParsedInput } from '../../api/contract';
import type { ApiContext } from '../../api/dispatch';
import type { Db } from '../../store/open';
import type { KeyHubSettings } from '../sales/types';

export const DEFAULT_IPN_VALIDATE_URL = 'https://ipnpb.paypal.com/cgi-bin/webscr';

export function readSettings(_db: Db): KeyHubSettings {
  return { ipn: { validate: false, validateUrl: DEFAULT_IPN_VALIDATE_URL } };
}

export function updateSettings(ctx: ApiContext, _input: ParsedInput<'settings.update'>): KeyHubSettings {
  return readSettings(ctx.store.db);
}
