/**
 * Automatic domain licenses renew themselves while their license is valid: the sweep
 * (`domain.renewDue`, and the hosts' timer through renewalSweep) re-signs those expiring
 * soon, or already lapsed, to min(now + the SKU's auto_domain_duration, license expiry).
 * Domains of a suspended, revoked or expired license are left to lapse (`stopped`).
 * A renewal takes the license's current owner name (a transfer re-signs only live
 * domains), and a lapsed domain is revived only while the license has a free slot
 * under the SKU's max_domains (another domain may have taken the one it freed).
 */
import { statement } from '../../store/statements';
import type Database from 'better-sqlite3';
import type { ApiContext } from '../../api/dispatch';
import { KeyHubError } from '../../api/errors';
import { nodeSigner } from '../../license/ed25519';
import type { Signer } from '../../license/signer';
import { addDays, nowUtc } from '../../shared/time';
import type { Db } from '../../store/open';
import { recordAudit } from '../audit/audit';
import { LICENSE_VALID_SQL } from './rows';
import { resignedFile } from './resign';
import { capExpiry, plural } from './terms';
import type { DomainRenewal } from './types';

export const DEFAULT_RENEWAL_WINDOW_DAYS = 7;
/** Rows re-signed and written per transaction; the event loop gets a turn between batches. */
const BATCH = 500;

/** An automatic domain's next expiry: a new automatic period, never beyond its license. */
export function automaticExpiry(autoDomainDuration: number | null, licenseExpires: string | null, now: string): string | null {
  return capExpiry(autoDomainDuration === null ? null : addDays(now, autoDomainDuration), licenseExpires);
}

export interface DueDomain {
  id: number;
  licenseId: number;
  domainName: string;
  expires: string;
  bytes: Buffer | null;
  licenseExpires: string | null;
  /** The license's current owner name, which every re-signed domain file states. */
  ownerName: string;
  maxDomains: number | null;
  keyId: number | null;
  keyRetired: number;
  autoDuration: number | null;
}

const DUE_COLUMNS = `d.id, d.license_id AS licenseId, d.domain_name AS domainName, d.expires, d.license_bytes AS bytes,
  l.expires AS licenseExpires, l.owner_name AS ownerName, s.max_domains AS maxDomains, s.private_key_id AS keyId, (k.retired_at IS NOT NULL) AS keyRetired, s.auto_domain_duration AS autoDuration
FROM domain_licenses d
JOIN licenses l ON l.id = d.license_id
JOIN skus s ON s.id = l.sku_id
LEFT JOIN private_keys k ON k.id = s.private_key_id`;

/** Automatic domains of valid licenses expiring by @horizon (or lapsed) that a renewal would extend. */
const DUE_WHERE = `d.is_automatic = 1 AND d.expires IS NOT NULL AND d.expires <= @horizon
  AND ${LICENSE_VALID_SQL} AND (l.expires IS NULL OR d.expires < l.expires)`;
const DUE_SQL = `SELECT ${DUE_COLUMNS}
WHERE ${DUE_WHERE}
ORDER BY s.private_key_id, d.id`;

/** The same rows of one batch read again inside its write transaction: only those still due. */
const DUE_OF_BATCH_SQL = `SELECT ${DUE_COLUMNS}
WHERE d.id IN (SELECT value FROM json_each(@ids)) AND ${DUE_WHERE}
ORDER BY d.id`;

const LIVE_COUNT_SQL = 'SELECT count(*) AS n FROM domain_licenses WHERE license_id = ? AND (expires IS NULL OR expires > ?)';

/** The same, for one license's lapsed automatic domains (resume restores them). */
const LAPSED_OF_LICENSE_SQL = `SELECT ${DUE_COLUMNS}
WHERE d.license_id = @licenseId AND d.is_automatic = 1 AND d.expires IS NOT NULL AND d.expires <= @now
ORDER BY d.id`;

const STOPPED_SQL = `SELECT count(*) AS n FROM domain_licenses d JOIN licenses l ON l.id = d.license_id
WHERE d.is_automatic = 1 AND d.expires > @now AND d.expires <= @horizon AND NOT ${LICENSE_VALID_SQL}`;

const UPDATE_SQL = 'UPDATE domain_licenses SET expires = ?, license_bytes = ?, signing_key_id = ? WHERE id = ?';

export interface RenewedDomain {
  id: number;
  domain: string;
  from: string;
  expires: string | null;
}

/**
 * Why a lapsed domain cannot be revived (its license's live domains already fill the
 * SKU's max_domains), or null. Read inside the write transaction, so domains revived
 * earlier in it count.
 */
function fullRefusal(sqlite: Database.Database, due: DueDomain, now: string): string | null {
  if (due.expires > now || due.maxDomains === null) return null;
  const live = (statement(sqlite, LIVE_COUNT_SQL).get(due.licenseId, now) as { n: number }).n;
  if (live < due.maxDomains) return null;
  return `License ${due.licenseId} already has ${live} of ${plural(due.maxDomains, 'live domain')}, so ${due.domainName} stays lapsed.`;
}

type Outcome = { renewed: RenewedDomain } | { refused: string } | null;

/**
 * Re-signs one due domain with its new expiry and the license's current owner name, and
 * writes it; null when a renewal would not extend it (or the row is gone), `refused` when
 * the license has no free slot for a lapsed one.
 */
function renewOne(sqlite: Database.Database, update: Database.Statement, due: DueDomain, keyId: number, signer: Signer, now: string): Outcome {
  const expires = automaticExpiry(due.autoDuration, due.licenseExpires, now);
  if (expires !== null && expires <= due.expires) return null;
  const refused = fullRefusal(sqlite, due, now);
  if (refused !== null) return { refused };
  const file = resignedFile(`domain license ${due.id} (${due.domainName})`, due.bytes, { owner: due.ownerName, expires }, signer);
  if (update.run(expires, Buffer.from(file, 'utf8'), keyId, due.id).changes !== 1) return null;
  return { renewed: { id: due.id, domain: due.domainName, from: due.expires, expires } };
}

/** One audit row per license, on the license, so its timeline shows the renewals. */
function auditRenewals(tx: Db, actor: string, renewed: Array<RenewedDomain & { licenseId: number }>, action: string): void {
  const byLicense = new Map<number, RenewedDomain[]>();
  for (const { licenseId, ...domain } of renewed) byLicense.set(licenseId, [...(byLicense.get(licenseId) ?? []), domain]);
  for (const [licenseId, domains] of byLicense) recordAudit(tx, { actor, targetType: 'license', targetId: licenseId, action, details: { domains } });
}

export function lapsedAutomaticDomains(sqlite: Database.Database, licenseId: number, now: string): DueDomain[] {
  return statement(sqlite, LAPSED_OF_LICENSE_SQL).all({ licenseId, now }) as DueDomain[];
}

/**
 * Inside a caller's transaction with the key open: renews the license's lapsed automatic
 * domains (resume calls this once the license is valid again). A file that cannot be
 * read back is left for the sweep, which lists it as failed.
 */
export function renewLapsedDomains(sqlite: Database.Database, licenseId: number, key: { keyId: number; signer: Signer }, now: string) {
  const update = statement(sqlite, UPDATE_SQL);
  const renewed: RenewedDomain[] = [];
  const left: string[] = [];
  const full: Array<{ domain: string; reason: string }> = [];
  for (const due of lapsedAutomaticDomains(sqlite, licenseId, now)) {
    try {
      const one = renewOne(sqlite, update, due, key.keyId, key.signer, now);
      if (one && 'refused' in one) full.push({ domain: due.domainName, reason: one.refused });
      else if (one) renewed.push(one.renewed);
    } catch {
      left.push(due.domainName);
    }
  }
  return { renewed, left, full };
}

const failure = (due: DueDomain, reason: string) => ({ id: due.id, domainName: due.domainName, reason });
const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Renews every due automatic domain license, in batches of one transaction each, grouped by signing key. */
export async function renewDueDomains(ctx: ApiContext, withinDays: number, now = nowUtc()): Promise<DomainRenewal> {
  const { sqlite, db } = ctx.store;
  const horizon = addDays(now, withinDays);
  const due = statement(sqlite, DUE_SQL).all({ now, horizon }) as DueDomain[];
  const stopped = (statement(sqlite, STOPPED_SQL).get({ now, horizon }) as { n: number }).n;
  const result: DomainRenewal = { renewed: 0, stopped, failed: [] };
  if (!due.length) return result;
  if (!ctx.vault.isUnlocked()) {
    throw new KeyHubError('LOCKED', `The signing keys are locked; unlock them to renew ${plural(due.length, 'automatic domain license')} due within ${plural(withinDays, 'day')}.`);
  }
  const update = statement(sqlite, UPDATE_SQL);
  const byKey = new Map<number | null, DueDomain[]>();
  for (const row of due) byKey.set(row.keyId, [...(byKey.get(row.keyId) ?? []), row]);
  for (const [keyId, rows] of byKey) {
    if (keyId === null || rows[0].keyRetired) {
      const reason = keyId === null ? 'Its SKU has no signing key.' : "Its SKU's signing key is retired; rotate the SKU to a current key.";
      result.failed.push(...rows.map((row) => failure(row, reason)));
      continue;
    }
    let done = 0;
    try {
      await ctx.vault.withSeed(db, keyId, async (seed) => {
        const signer = nodeSigner(seed);
        for (; done < rows.length; done += BATCH) {
          const batch = rows.slice(done, done + BATCH);
          db.transaction((tx) => {
            // Read the batch again: between the first read and this transaction a request may have
            // revoked, suspended, renewed, transferred or deleted. What no longer qualifies is skipped
            // (not counted); what is still due is signed from what is stored now.
            const current = statement(sqlite, DUE_OF_BATCH_SQL).all({ ids: JSON.stringify(batch.map((row) => row.id)), now, horizon }) as DueDomain[];
            const renewed: Array<RenewedDomain & { licenseId: number }> = [];
            for (const row of current) {
              // The SKU moved to another key meanwhile: the next sweep renews it with that key.
              if (row.keyId !== keyId || row.keyRetired) continue;
              try {
                const one = renewOne(sqlite, update, row, keyId, signer, now);
                if (one && 'refused' in one) result.failed.push(failure(row, one.refused));
                else if (one) renewed.push({ ...one.renewed, licenseId: row.licenseId });
              } catch (error) {
                result.failed.push(failure(row, reasonOf(error)));
              }
            }
            auditRenewals(tx, ctx.actor, renewed, 'domain.renew');
            result.renewed += renewed.length;
          });
          await new Promise((resolve) => setImmediate(resolve));
        }
      });
    } catch (error) {
      // The key could not be opened (or the vault locked meanwhile): the rest of this key's rows wait for the next sweep.
      result.failed.push(...rows.slice(done).map((row) => failure(row, reasonOf(error))));
    }
  }
  return result;
}

/**
 * For the hosts' timer: renews what is due while the keys are unlocked, as actor
 * "auto-renewal". Resolves to null when the keys are locked (the first sweep after an
 * unlock catches up, lapsed domains included) or when the sweep failed (logged); never rejects.
 */
export async function renewalSweep(ctx: ApiContext, withinDays = DEFAULT_RENEWAL_WINDOW_DAYS): Promise<DomainRenewal | null> {
  if (!ctx.vault.isUnlocked()) return null;
  try {
    return await renewDueDomains({ ...ctx, actor: 'auto-renewal' }, withinDays);
  } catch (error) {
    if (error instanceof KeyHubError && error.code === 'LOCKED') return null;
    console.error('[keyhub] the domain renewal sweep failed:', error);
    return null;
  }
}
