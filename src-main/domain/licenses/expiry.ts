/**
 * Moving a license's expiry, later (a renewal, a subscription's new period) or earlier
 * (a subscription cancelled before its paid period ended), inside the caller's write
 * transaction with the key already open. The license file is re-signed with the new
 * Expires, and so are the domain licenses the move concerns, keeping the rule that a
 * domain never outlives its license:
 *
 * - those whose expiry is exactly the old license expiry (capped by it, so they follow
 *   it) get their own period again, capped by the new expiry;
 * - for a dated new expiry, those with no expiry or a later one (a perpetual license
 *   given a date, or an expiry brought forward) are capped to it.
 *
 * Each re-signed domain file states the license's current owner name.
 */
import type Database from 'better-sqlite3';
import { addDays } from '../../shared/time';
import { statement } from '../../store/statements';
import { recordAuditFast } from '../audit/audit';
import { resignedFile, type OpenKey } from './resign';
import { capExpiry, type SkuRules } from './terms';

/** The license as the move reads it (the row as it is now, inside the transaction). */
export interface ExpiryLicense {
  id: number;
  issued: string;
  expires: string | null;
  ownerName: string;
  licenseBytes: Uint8Array | null;
}

export interface ExpiryChange {
  /** Domains that followed the old expiry and got their own period again. */
  domains: Array<{ id: number; domain: string; expires: string | null }>;
  /** Domains that would have outlived the new expiry, capped to it. */
  capped: Array<{ id: number; domain: string; from: string | null; expires: string | null }>;
}

interface DomainRow {
  id: number;
  domainName: string;
  expires: string | null;
  issued: string;
  isAutomatic: number;
  bytes: Buffer | null;
}

const DOMAINS_CONCERNED = `
SELECT id, domain_name AS domainName, expires, issued, is_automatic AS isAutomatic, license_bytes AS bytes FROM domain_licenses
WHERE license_id = @licenseId AND ((@old IS NOT NULL AND expires = @old) OR (@new IS NOT NULL AND (expires IS NULL OR expires > @new))) ORDER BY id`;

/**
 * A following domain's own expiry under the new license expiry: a manual one its manual
 * period from its issue, an automatic one a new automatic period from now.
 */
function ownExpiry(domain: DomainRow, sku: SkuRules, licenseExpires: string | null, now: string): string | null {
  const days = domain.isAutomatic ? sku.autoDomainDuration : sku.manualDomainDuration;
  const own = days === null ? null : addDays(domain.isAutomatic ? now : domain.issued, days);
  return capExpiry(own, licenseExpires);
}

/** A file's expiry must come after its issue: an end before that is kept just after it. */
export function notBeforeIssue(expires: string, issued: string): string {
  return expires > issued ? expires : new Date(Date.parse(issued) + 1000).toISOString();
}

/** Sets the license's expiry and re-signs it and the domain licenses concerned (no audit entry: see `changeExpiryWithin`). */
export function setExpiryWithin(sqlite: Database.Database, license: ExpiryLicense, sku: SkuRules, expires: string | null, key: OpenKey, now: string): ExpiryChange {
  const file = resignedFile(`license ${license.id}`, license.licenseBytes, { expires }, key.signer);
  statement(sqlite, 'UPDATE licenses SET expires = ?, license_bytes = ?, signing_key_id = ?, updated_at = ? WHERE id = ?').run(
    expires,
    Buffer.from(file, 'utf8'),
    key.keyId,
    now,
    license.id,
  );
  const updateDomain = statement(sqlite, 'UPDATE domain_licenses SET expires = ?, license_bytes = ?, signing_key_id = ? WHERE id = ?');
  const change: ExpiryChange = { domains: [], capped: [] };
  const domains = statement(sqlite, DOMAINS_CONCERNED).all({ licenseId: license.id, old: license.expires, new: expires }) as DomainRow[];
  for (const domain of domains) {
    const follows = license.expires !== null && domain.expires === license.expires;
    let target = follows ? ownExpiry(domain, sku, expires, now) : expires;
    let capped = !follows;
    if (follows && target !== null && target <= now) {
      // Lapsed either way: left as it is, unless it would outlive an expiry brought forward.
      if (expires === null || domain.expires === null || domain.expires <= expires) continue;
      target = expires;
      capped = true;
    }
    if (target !== null) target = notBeforeIssue(target, domain.issued);
    // The license's current owner name: a lapsed domain a transfer did not re-sign may carry an old one.
    const domainFile = resignedFile(`domain license ${domain.id} (${domain.domainName})`, domain.bytes, { owner: license.ownerName, expires: target }, key.signer);
    updateDomain.run(target, Buffer.from(domainFile, 'utf8'), key.keyId, domain.id);
    if (capped) change.capped.push({ id: domain.id, domain: domain.domainName, from: domain.expires, expires: target });
    else change.domains.push({ id: domain.id, domain: domain.domainName, expires: target });
  }
  return change;
}

/**
 * `setExpiryWithin` and its `license.renew` audit entry (the timeline's "Renewed …" or
 * "Expiry brought forward …"); `details` adds why (a renewal's days, a subscription).
 */
export function changeExpiryWithin(
  sqlite: Database.Database,
  actor: string,
  license: ExpiryLicense,
  sku: SkuRules,
  expires: string | null,
  key: OpenKey,
  now: string,
  details: Record<string, unknown> = {},
): ExpiryChange {
  const change = setExpiryWithin(sqlite, license, sku, expires, key, now);
  recordAuditFast(sqlite, {
    actor,
    targetType: 'license',
    targetId: license.id,
    action: 'license.renew',
    details: {
      from: license.expires,
      to: expires,
      ...details,
      domains: change.domains,
      ...(change.capped.length > 0 && { capped: change.capped }),
      keyFingerprint: key.signer.keyId,
    },
  });
  return change;
}
