/**
 * The one way to read license and domain-license rows for people: every list, page,
 * dashboard and detail hydrates its ids through these, so a state (expired, stopped,
 * renews automatically) means the same everywhere. Lists pick their page of ids with
 * an index-friendly query first, then hydrate just that page here.
 */
import type Database from 'better-sqlite3';
import { statement } from '../../store/statements';
import type { DomainLicenseRow, LicenseRow } from './types';

/** The stored status, or `expired` once `expires` has passed: nothing runs at midnight. */
export const LICENSE_STATE_SQL = `CASE WHEN l.status <> 'active' THEN l.status WHEN l.expires IS NOT NULL AND l.expires <= @now THEN 'expired' ELSE 'active' END`;

/** A license that can be used now: active and not expired. */
export const LICENSE_VALID_SQL = `(l.status = 'active' AND (l.expires IS NULL OR l.expires > @now))`;

/** Domain licenses: expired by their own date; stopped when their license is not valid. */
export const DOMAIN_STATE_SQL = `CASE WHEN d.expires IS NOT NULL AND d.expires <= @now THEN 'expired' WHEN NOT ${LICENSE_VALID_SQL} THEN 'stopped' ELSE 'live' END`;

const LICENSE_ROWS = `
SELECT l.id, l.sku_id AS skuId, s.sku, s.vendor_id AS vendorId, v.name AS vendorName,
       l.owner_name AS ownerName,
       l.owning_entity_id AS owningEntityId, oc.name AS owningEntityName,
       l.purchasing_entity_id AS purchasingEntityId, pc.name AS purchasingEntityName,
       l.issued, l.expires, l.status, ${LICENSE_STATE_SQL} AS state, l.status_reason AS statusReason,
       (SELECT count(*) FROM domain_licenses d WHERE d.license_id = l.id AND (d.expires IS NULL OR d.expires > @now)) AS liveDomainCount,
       (SELECT count(*) FROM app_licenses a WHERE a.license_id = l.id) AS appCount,
       l.transaction_item_id AS transactionItemId, l.created_at AS createdAt, l.updated_at AS updatedAt
FROM json_each(@ids) AS page
JOIN licenses l ON l.id = page.value
JOIN skus s ON s.id = l.sku_id
JOIN vendors v ON v.id = s.vendor_id
LEFT JOIN customers oc ON oc.id = l.owning_entity_id
LEFT JOIN customers pc ON pc.id = l.purchasing_entity_id
ORDER BY page.key`;

const DOMAIN_ROWS = `
SELECT d.id, d.license_id AS licenseId, d.domain_name AS domainName, d.issued, d.expires,
       d.is_automatic AS isAutomatic, ${DOMAIN_STATE_SQL} AS state,
       (d.is_automatic = 1 AND ${LICENSE_VALID_SQL} AND (l.expires IS NULL OR d.expires IS NULL OR d.expires < l.expires)) AS renewsAutomatically,
       l.owner_name AS ownerName, s.sku, (d.license_bytes IS NOT NULL) AS hasFile
FROM json_each(@ids) AS page
JOIN domain_licenses d ON d.id = page.value
JOIN licenses l ON l.id = d.license_id
JOIN skus s ON s.id = l.sku_id
ORDER BY page.key`;

/** License rows for these ids, in the order given; ids that do not exist are left out. */
export function licenseRowsByIds(sqlite: Database.Database, ids: readonly number[], now: string): LicenseRow[] {
  if (!ids.length) return [];
  return statement(sqlite, LICENSE_ROWS).all({ ids: JSON.stringify(ids), now }) as LicenseRow[];
}

/** Domain-license rows for these ids, in the order given. */
export function domainRowsByIds(sqlite: Database.Database, ids: readonly number[], now: string): DomainLicenseRow[] {
  if (!ids.length) return [];
  const rows = statement(sqlite, DOMAIN_ROWS).all({ ids: JSON.stringify(ids), now }) as Array<
    Omit<DomainLicenseRow, 'isAutomatic' | 'renewsAutomatically' | 'hasFile'> & { isAutomatic: number; renewsAutomatically: number; hasFile: number }
  >;
  return rows.map((r) => ({ ...r, isAutomatic: r.isAutomatic === 1, renewsAutomatically: r.renewsAutomatically === 1, hasFile: r.hasFile === 1 }));
}
