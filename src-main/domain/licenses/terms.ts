/** What goes into a license's files, and the SKU rules that govern it, read from the store. */
import { asc, eq, sql } from 'drizzle-orm';
import { featureIds, privateKeys, skuFeatureIds, skus, vendors } from '../../../db/schema';
import { KeyHubError, notFound } from '../../api/errors';
import type { Db } from '../../store/open';

/** A SKU's licensing rules (the seed's columns), with its vendor's name for messages and files. */
export interface SkuRules {
  skuId: number;
  sku: string;
  vendorId: number;
  vendorName: string;
  keyId: number | null;
  keyRetired: boolean;
  licenseDuration: number | null;
  manualDomainDuration: number | null;
  autoDomainDuration: number | null;
  /** Days a subscription's licenses run past its paid period; null: none. */
  subscriptionGraceDays: number | null;
  maxDomains: number | null;
  maxSupportContacts: number | null;
  editOwnershipDuration: number | null;
  changeSupportContactsDuration: number | null;
  canDeleteManualDomains: boolean;
  canDeleteAutoDomains: boolean;
  releaseDate: string | null;
  expirationDate: string | null;
}

export interface SkuSigning extends SkuRules {
  keyId: number;
  features: string[];
}

/** A SKU's rules; a SKU without a signing key is fine here (reading, not signing). */
export function skuRules(db: Db, skuId: number): SkuRules {
  const row = db
    .select({
      skuId: skus.id,
      sku: skus.sku,
      vendorId: skus.vendorId,
      vendorName: vendors.name,
      keyId: skus.privateKeyId,
      keyRetiredAt: privateKeys.retiredAt,
      licenseDuration: skus.licenseDuration,
      manualDomainDuration: skus.manualDomainDuration,
      autoDomainDuration: skus.autoDomainDuration,
      subscriptionGraceDays: skus.subscriptionGraceDays,
      maxDomains: skus.maxDomains,
      maxSupportContacts: skus.maxSupportContacts,
      editOwnershipDuration: skus.editOwnershipDuration,
      changeSupportContactsDuration: skus.changeSupportContactsDuration,
      canDeleteManualDomains: skus.canDeleteManualDomains,
      canDeleteAutoDomains: skus.canDeleteAutoDomains,
      releaseDate: skus.releaseDate,
      expirationDate: skus.expirationDate,
    })
    .from(skus)
    .innerJoin(vendors, eq(vendors.id, skus.vendorId))
    .leftJoin(privateKeys, eq(privateKeys.id, skus.privateKeyId))
    .where(eq(skus.id, skuId))
    .get();
  if (!row) throw notFound('SKU', skuId);
  const { keyRetiredAt, ...rest } = row;
  return { ...rest, keyRetired: keyRetiredAt !== null && keyRetiredAt !== undefined };
}

/** The SKU's key as a signing key: refuses a SKU with no key, or a retired one. */
export function requireSigningKey(rules: SkuRules): number {
  if (rules.keyId === null) {
    throw new KeyHubError('VALIDATION', `SKU ${rules.sku} has no signing key. Choose or generate one on the Signing keys screen first.`, {
      fields: { skuId: 'This SKU has no signing key.' },
    });
  }
  if (rules.keyRetired) {
    const message = `SKU ${rules.sku}'s signing key is retired; rotate the SKU to a current key.`;
    throw new KeyHubError('VALIDATION', message, { fields: { skuId: message } });
  }
  return rules.keyId;
}

/** A SKU's signing facts; refuses a SKU that has no signing key yet. */
export function skuSigning(db: Db, skuId: number): SkuSigning {
  const rules = skuRules(db, skuId);
  if (rules.keyId === null) requireSigningKey(rules);
  const features = db
    .select({ code: featureIds.code })
    .from(skuFeatureIds)
    .innerJoin(featureIds, eq(featureIds.id, skuFeatureIds.featureId))
    .where(eq(skuFeatureIds.skuId, skuId))
    .orderBy(asc(sql`${featureIds.code} COLLATE NOCASE`))
    .all()
    .map((f) => f.code);
  return { ...rules, keyId: rules.keyId!, features };
}

/** "2 domains", "1 domain". */
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A date for messages: the day alone at midnight UTC, else the time to the minute. */
export function dayText(iso: string | null): string {
  if (iso === null) return 'never';
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** A domain's expiry capped by its license's (null = never): a domain never outlives its license. */
export function capExpiry(own: string | null, licenseExpires: string | null): string | null {
  if (own === null) return licenseExpires;
  if (licenseExpires === null) return own;
  return own < licenseExpires ? own : licenseExpires;
}
