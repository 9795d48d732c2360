/**
 * Renew or extend a license: a new expiry (a date, days more, or the SKU's license
 * duration more, counted from the later of now and the current expiry; or never). The
 * license file is re-signed with the new Expires, and so are the domain licenses whose
 * expiry was capped by the old license expiry, and, when the new expiry is a date, those
 * that would outlive it (no expiry, or a later one: a perpetual license given a date),
 * which are capped to it. A domain never outlives its license. Each re-signed domain
 * file states the license's current owner name.
 */
import type Database from 'better-sqlite3';
import type { ParsedInput } from '../../api/contract';
import type { ApiContext } from '../../api/dispatch';
import { invalidField } from '../../api/errors';
import { addDays, nowUtc } from '../../shared/time';
import { recordAudit } from '../audit/audit';
import { licenseDetail } from './detail';
import { describeState, requireLicense, stateConflict, type LicenseRecord } from './record';
import { inSigningTransaction, resignedFile } from './resign';
import { capExpiry, dayText, requireSigningKey, skuRules, type SkuRules } from './terms';
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

interface CappedDomain {
  id: number;
  domainName: string;
  expires: string | null;
  issued: string;
  isAutomatic: number;
  bytes: Buffer | null;
}

/**
 * Domains a renewal re-signs: those whose expiry is exactly the old license expiry
 * (capped by it, so they follow it), and, for a dated new expiry, those with no expiry or
 * a later one (they would outlive the license, so they are capped to it).
 */
function cappedDomains(sqlite: Database.Database, licenseId: number, oldExpires: string | null, newExpires: string | null): CappedDomain[] {
  return sqlite
    .prepare(
      `SELECT id, domain_name AS domainName, expires, issued, is_automatic AS isAutomatic, license_bytes AS bytes FROM domain_licenses
       WHERE license_id = @licenseId AND ((@old IS NOT NULL AND expires = @old) OR (@new IS NOT NULL AND (expires IS NULL OR expires > @new))) ORDER BY id`,
    )
    .all({ licenseId, old: oldExpires, new: newExpires }) as CappedDomain[];
}

/**
 * A capped domain's own expiry under the new license expiry: a manual one its manual
 * period from its issue, an automatic one a new automatic period from now.
 */
function domainExpiry(domain: CappedDomain, sku: SkuRules, licenseExpires: string | null, now: string): string | null {
  const days = domain.isAutomatic ? sku.autoDomainDuration : sku.manualDomainDuration;
  const own = days === null ? null : addDays(domain.isAutomatic ? now : domain.issued, days);
  return capExpiry(own, licenseExpires);
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
    const file = resignedFile(`license ${current.id}`, current.licenseBytes, { expires }, key.signer);
    sqlite
      .prepare('UPDATE licenses SET expires = ?, license_bytes = ?, signing_key_id = ?, updated_at = ? WHERE id = ?')
      .run(expires, Buffer.from(file, 'utf8'), key.keyId, now, current.id);
    const updateDomain = sqlite.prepare('UPDATE domain_licenses SET expires = ?, license_bytes = ?, signing_key_id = ? WHERE id = ?');
    const domains: Array<{ id: number; domain: string; expires: string | null }> = [];
    const capped: Array<{ id: number; domain: string; from: string | null; expires: string | null }> = [];
    for (const domain of cappedDomains(sqlite, current.id, current.expires, expires)) {
      // One that followed the old expiry gets its own period again; one that would outlive the new expiry is capped to it.
      const follows = current.expires !== null && domain.expires === current.expires;
      const domainExpires = follows ? domainExpiry(domain, sku, expires, now) : expires;
      if (domainExpires !== null && domainExpires <= now) continue;
      // The license's current owner name: a lapsed domain a transfer did not re-sign may carry an old one.
      const domainFile = resignedFile(`domain license ${domain.id} (${domain.domainName})`, domain.bytes, { owner: current.ownerName, expires: domainExpires }, key.signer);
      updateDomain.run(domainExpires, Buffer.from(domainFile, 'utf8'), key.keyId, domain.id);
      if (follows) domains.push({ id: domain.id, domain: domain.domainName, expires: domainExpires });
      else capped.push({ id: domain.id, domain: domain.domainName, from: domain.expires, expires: domainExpires });
    }
    recordAudit(tx, {
      actor: ctx.actor,
      targetType: 'license',
      targetId: current.id,
      action: 'license.renew',
      details: {
        from: current.expires,
        to: expires,
        ...(input.days !== undefined && { days: input.days }),
        ...(input.expires === undefined && input.days === undefined && { days: sku.licenseDuration, fromSku: true }),
        domains,
        ...(capped.length > 0 && { capped }),
        keyFingerprint: key.signer.keyId,
      },
    });
  });
  return licenseDetail(ctx.store, input.id);
}
