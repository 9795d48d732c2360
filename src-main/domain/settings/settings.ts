/**
 * KeyHub's settings, one JSON value a group in the `settings` table (`ipn` today);
 * a group never written, or written by an older KeyHub, reads as the defaults.
 * Every change is audited with its before and after.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { settings } from '../../../db/schema';
import type { ParsedInput } from '../../api/contract';
import type { ApiContext } from '../../api/dispatch';
import { invalidField } from '../../api/errors';
import { recordAudit } from '../audit/audit';
import type { Db } from '../../store/open';
import type { IpnSettings, KeyHubSettings } from '../sales/types';

export const DEFAULT_IPN_VALIDATE_URL = 'https://ipnpb.paypal.com/cgi-bin/webscr';

const IPN_KEY = 'ipn';

export const DEFAULT_SETTINGS: KeyHubSettings = { ipn: { validate: false, validateUrl: DEFAULT_IPN_VALIDATE_URL } };

/** What is stored; each field falls back to its default on its own. */
const storedIpn = z.object({
  validate: z.boolean().catch(DEFAULT_SETTINGS.ipn.validate),
  validateUrl: z.string().min(1).catch(DEFAULT_SETTINGS.ipn.validateUrl),
});

function readIpn(db: Db): IpnSettings {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, IPN_KEY)).get();
  if (!row || typeof row.value !== 'object' || row.value === null) return { ...DEFAULT_SETTINGS.ipn };
  return storedIpn.parse({ ...DEFAULT_SETTINGS.ipn, ...row.value });
}

export function readSettings(db: Db): KeyHubSettings {
  return { ipn: readIpn(db) };
}

function checkUrl(value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidField('ipn.validateUrl', `The validation URL ${JSON.stringify(value)} is not a URL, like ${DEFAULT_IPN_VALIDATE_URL}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalidField('ipn.validateUrl', `The validation URL must start with https:// (or http:// for a local test server), not ${url.protocol}//.`);
  }
  if (url.username || url.password) throw invalidField('ipn.validateUrl', 'The validation URL must not carry a user name or password.');
}

/** Changes the settings given (the others stay); writes and audits only what changed. */
export function updateSettings(ctx: ApiContext, input: ParsedInput<'settings.update'>): KeyHubSettings {
  const { db } = ctx.store;
  if (input.ipn?.validateUrl !== undefined) checkUrl(input.ipn.validateUrl);
  return db.transaction((tx) => {
    const before = readIpn(tx);
    const after: IpnSettings = {
      validate: input.ipn?.validate ?? before.validate,
      validateUrl: input.ipn?.validateUrl ?? before.validateUrl,
    };
    if (after.validate !== before.validate || after.validateUrl !== before.validateUrl) {
      tx.insert(settings)
        .values({ key: IPN_KEY, value: after })
        .onConflictDoUpdate({ target: settings.key, set: { value: after, updatedAt: new Date().toISOString() } })
        .run();
      recordAudit(tx, { actor: ctx.actor, targetType: 'settings', targetId: IPN_KEY, action: 'settings.update', details: { before, after } });
    }
    return { ipn: after };
  });
}
