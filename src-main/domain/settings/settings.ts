/**
 * KeyHub's settings, one JSON value a group in the `settings` table (`ipn`, `stripe`);
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
import { STRIPE_API_BASE } from '../sync/stripe/api-version';
import type { StripeSettings } from '../sync/types';

export const DEFAULT_IPN_VALIDATE_URL = 'https://ipnpb.paypal.com/cgi-bin/webscr';

const IPN_KEY = 'ipn';
const STRIPE_KEY = 'stripe';

export const DEFAULT_STRIPE_SETTINGS: StripeSettings = { scheduleMinutes: 15, apiBase: STRIPE_API_BASE, requestsPerSecond: 20 };

export const DEFAULT_SETTINGS: KeyHubSettings = {
  ipn: { validate: false, validateUrl: DEFAULT_IPN_VALIDATE_URL },
  stripe: DEFAULT_STRIPE_SETTINGS,
};

/** What is stored; each field falls back to its default on its own. */
const storedIpn = z.object({
  validate: z.boolean().catch(DEFAULT_SETTINGS.ipn.validate),
  validateUrl: z.string().min(1).catch(DEFAULT_SETTINGS.ipn.validateUrl),
});

const storedStripe = z.object({
  scheduleMinutes: z.number().int().min(0).max(24 * 60).catch(DEFAULT_STRIPE_SETTINGS.scheduleMinutes),
  apiBase: z.string().min(1).catch(DEFAULT_STRIPE_SETTINGS.apiBase),
  requestsPerSecond: z.number().int().min(1).max(100).catch(DEFAULT_STRIPE_SETTINGS.requestsPerSecond),
});

function readGroup(db: Db, key: string): object | null {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get();
  return row && typeof row.value === 'object' && row.value !== null ? row.value : null;
}

function writeGroup(db: Db, key: string, value: object): void {
  db.insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date().toISOString() } })
    .run();
}

function readIpn(db: Db): IpnSettings {
  const value = readGroup(db, IPN_KEY);
  return value ? storedIpn.parse({ ...DEFAULT_SETTINGS.ipn, ...value }) : { ...DEFAULT_SETTINGS.ipn };
}

export function readStripeSettings(db: Db): StripeSettings {
  const value = readGroup(db, STRIPE_KEY);
  return value ? storedStripe.parse({ ...DEFAULT_STRIPE_SETTINGS, ...value }) : { ...DEFAULT_STRIPE_SETTINGS };
}

export function readSettings(db: Db): KeyHubSettings {
  return { ipn: readIpn(db), stripe: readStripeSettings(db) };
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
      writeGroup(tx, IPN_KEY, after);
      recordAudit(tx, { actor: ctx.actor, targetType: 'settings', targetId: IPN_KEY, action: 'settings.update', details: { before, after } });
    }
    return { ipn: after, stripe: readStripeSettings(tx) };
  });
}

/**
 * Changes the Stripe settings given (the others stay) inside the caller's transaction;
 * writes and audits only what changed.
 */
export function writeStripeSettings(db: Db, actor: string, change: Partial<StripeSettings>): StripeSettings {
  const before = readStripeSettings(db);
  const after: StripeSettings = {
    scheduleMinutes: change.scheduleMinutes ?? before.scheduleMinutes,
    apiBase: change.apiBase ?? before.apiBase,
    requestsPerSecond: change.requestsPerSecond ?? before.requestsPerSecond,
  };
  const changed = (Object.keys(after) as (keyof StripeSettings)[]).filter((k) => after[k] !== before[k]);
  if (changed.length > 0) {
    writeGroup(db, STRIPE_KEY, after);
    const pick = (s: StripeSettings) => Object.fromEntries(changed.map((k) => [k, s[k]]));
    recordAudit(db, { actor, targetType: 'settings', targetId: STRIPE_KEY, action: 'settings.update', details: { before: pick(before), after: pick(after) } });
  }
  return after;
}
