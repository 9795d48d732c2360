/** license.get: a license with what its signed file states, its SKU's limits, domains, apps and support contacts. */
import { asc, eq, sql } from 'drizzle-orm';
import { appLicenses, apps, domainLicenses, licenses, licenseSupportContacts, users } from '../../../db/schema';
import { notFound } from '../../api/errors';
import type { Db, Store } from '../../store/open';
import { addDays, nowUtc } from '../../shared/time';
import { storedClaims } from './resign';
import { domainRowsByIds, licenseRowsByIds } from './rows';
import { skuRules } from './terms';
import type { LicenseDetail, LicenseLimits, SupportContact } from './types';

/** Until when a window of `days` after issue stays open; null: the SKU sets no window. */
export const windowEnd = (issued: string, days: number | null): string | null => (days === null ? null : addDays(issued, days));

export function supportContactsOf(db: Db, licenseId: number): SupportContact[] {
  return db
    .select({ userId: users.id, name: users.name, email: users.email })
    .from(licenseSupportContacts)
    .innerJoin(users, eq(users.id, licenseSupportContacts.userId))
    .where(eq(licenseSupportContacts.licenseId, licenseId))
    .orderBy(asc(sql`${users.name} COLLATE NOCASE`), users.id)
    .all();
}

export function licenseDetail(store: Store, id: number, now = nowUtc()): LicenseDetail {
  const { db, sqlite } = store;
  const [row] = licenseRowsByIds(sqlite, [id], now);
  if (!row) throw notFound('License', id);
  const bytes = db.select({ bytes: licenses.licenseBytes }).from(licenses).where(eq(licenses.id, id)).get()?.bytes ?? null;
  const read = storedClaims(bytes);
  const claims = read.ok ? read.claims : null;
  const rules = skuRules(db, row.skuId);
  const limits: LicenseLimits = {
    maxDomains: rules.maxDomains,
    liveDomains: row.liveDomainCount,
    maxSupportContacts: rules.maxSupportContacts,
    ownershipEditableUntil: windowEnd(row.issued, rules.editOwnershipDuration),
    supportContactsEditableUntil: windowEnd(row.issued, rules.changeSupportContactsDuration),
    canDeleteManualDomains: rules.canDeleteManualDomains,
    canDeleteAutoDomains: rules.canDeleteAutoDomains,
    manualDomainDuration: rules.manualDomainDuration,
    autoDomainDuration: rules.autoDomainDuration,
    licenseDuration: rules.licenseDuration,
  };
  const domainIds = db
    .select({ id: domainLicenses.id })
    .from(domainLicenses)
    .where(eq(domainLicenses.licenseId, id))
    .orderBy(asc(domainLicenses.domainName))
    .all()
    .map((d) => d.id);
  const linkedApps = db
    .select({ id: apps.id, displayName: apps.displayName })
    .from(appLicenses)
    .innerJoin(apps, eq(apps.id, appLicenses.appId))
    .where(eq(appLicenses.licenseId, id))
    .orderBy(asc(sql`${apps.displayName} COLLATE NOCASE`), apps.id)
    .all();
  return {
    ...row,
    features: claims?.features ?? [],
    message: claims?.message ?? null,
    keyFingerprint: claims?.keyId ?? null,
    hasFile: bytes !== null,
    limits,
    domains: domainRowsByIds(sqlite, domainIds, now),
    apps: linkedApps,
    supportContacts: supportContactsOf(db, id),
  };
}
