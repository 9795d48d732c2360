/** What goes into a license's files, read from the store. */
import { asc, eq, sql } from 'drizzle-orm';
import { featureIds, privateKeys, skuFeatureIds, skus, vendors } from '../../../db/schema';
import { KeyHubError, notFound } from '../../api/errors';
import type { Db } from '../../store/open';

export interface SkuSigning {
  skuId: number;
  sku: string;
  vendorId: number;
  vendorName: string;
  keyId: number;
  keyRetired: boolean;
  features: string[];
  licenseDuration: number | null;
  manualDomainDuration: number | null;
  autoDomainDuration: number | null;
  maxDomains: number | null;
}

/** A SKU's signing facts; refuses a SKU that has no signing key yet. */
export function skuSigning(db: Db, skuId: number): SkuSigning {
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
      maxDomains: skus.maxDomains,
    })
    .from(skus)
    .innerJoin(vendors, eq(vendors.id, skus.vendorId))
    .leftJoin(privateKeys, eq(privateKeys.id, skus.privateKeyId))
    .where(eq(skus.id, skuId))
    .get();
  if (!row) throw notFound('SKU', skuId);
  if (row.keyId === null) {
    throw new KeyHubError('VALIDATION', `SKU ${row.sku} has no signing key. Choose or generate one on the Signing keys screen first.`, {
      fields: { skuId: 'This SKU has no signing key.' },
    });
  }
  const features = db
    .select({ code: featureIds.code })
    .from(skuFeatureIds)
    .innerJoin(featureIds, eq(featureIds.id, skuFeatureIds.featureId))
    .where(eq(skuFeatureIds.skuId, skuId))
    .orderBy(asc(sql`${featureIds.code} COLLATE NOCASE`))
    .all()
    .map((f) => f.code);
  const { keyRetiredAt, keyId, ...rest } = row;
  return { ...rest, keyId, keyRetired: keyRetiredAt !== null, features };
}
