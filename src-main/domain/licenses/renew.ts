/**
 * Renew or extend a license: a new expiry (a date, days more, or the SKU's license
 * duration more, counted from the later of now and the current expiry; or never). The
 * file and the domain licenses concerned are re-signed by expiry.ts, the one rule the
 * Stripe sync shares (a domain never outlives its license).
 */
import type { ParsedInput } from '../../api/contract';
import type { ApiContext } from '../../api/dispatch';
import { invalidField } from '../../api/errors';
import { addDays, nowUtc } from '../../shared/time';
import { licenseDetail } from './detail';
import { describeState, requireLicense, stateConflict, type LicenseRecord } from './record';
import { changeExpiryWithin } from './expiry';
import { inSigningTransaction } from './resign';
import { dayText, requireSigningKey, skuRules, type SkuRules } from './terms';
import type { LicenseDetail } from './types';

/** The new expiry, or the refusal. */
function newExpiry(license: LicenseRecord, sku: SkuRules, input: ParsedInput<'license.renew'>, now: string): string | null {
  if (license.status !== 'active') {
    throw stateConflict(license, `License ${license.id} is ${describeState(license, now)}; resume it before renewing.`);
  }
  if (input.expires === null) {
    if (license.expires === null) throw stateConflict(license, `License ${license.id} never expires already; there is nothing to renew.`);
    return null;
  }
  if (input.expires !== undefined) {
    if (input.expires <= now) throw invalidField('expires', 'The new expiry must be in the future.');
    if (license.expires !== null && input.expires <= license.expires) {
      throw invalidField('expires', `License ${license.id} already runs until ${dayText(license.expires)}; a renewal gives a later date.`);
    }
    return input.expires;
  }
  if (license.expires === null) throw stateConflict(license, `License ${license.id} never expires; there is nothing to renew.`);
  const days = input.days ?? sku.licenseDuration;
  if (days === null) {
    throw invalidField('expires', `SKU ${sku.sku} has no license duration, so a renewal cannot count one; give the new expiry date (or a number of days).`);
  }
  const from = license.expires > now ? license.expires : now;
  return addDays(from, days);
}

export async function renewLicense(ctx: ApiContext, input: ParsedInput<'license.renew'>): Promise<LicenseDetail> {
  const { db, sqlite } = ctx.store;
  const now = nowUtc();
  const license = requireLicense(db, input.id);
  const sku = skuRules(db, license.skuId);
  newExpiry(license, sku, input, now);
  const keyId = requireSigningKey(sku);

  await inSigningTransaction(ctx, keyId, (tx, key) => {
    // Read again inside the transaction: what is written follows what is there now.
    const current = requireLicense(tx, input.id);
    const expires = newExpiry(current, sku, input, now);
    changeExpiryWithin(sqlite, ctx.actor, current, sku, expires, key, now, {
      ...(input.days !== undefined && { days: input.days }),
      ...(input.expires === undefined && input.days === undefined && { days: sku.licenseDuration, fromSku: true }),
    });
  });
  return licenseDetail(ctx.store, input.id);
}
