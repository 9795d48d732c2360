/** SKUs: what a vendor sells, with the seed's licensing rules (limits, durations, window). */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import {
  featureIds,
  packages,
  privateKeys,
  skuFeatureIds,
  skuPackages,
  skus,
  transactionItems,
  vendors,
} from '../../../db/schema';
import { KeyHubError, invalidField, notFound } from '../../api/errors';
import type { ParsedInput } from '../../api/contract';
import type { Db } from '../../store/open';
import { nowUtc } from '../../shared/time';
import { SALE_WINDOW_MESSAGE, saleWindowValid } from '../../api/schemas';
import { recordAudit } from '../audit/audit';
import { removeGrantsOnObject } from '../people/grants';
import { assertUnique, countCorrelated, countRows, definedOnly, matchesAny, orderBy, pageOf, toPage } from './common';
import { requireVendor } from './vendors';
import type { Deleted, Page, SkuAvailability, SkuDetail, SkuRow } from './types';

const licenseCount = countCorrelated('licenses', 'licenses.sku_id', 'skus.id');
const featureCount = countCorrelated('sku_feature_ids', 'sku_feature_ids.sku_id', 'skus.id');

/** Where a SKU stands on its sale window at `now`; the one rule every list and reference uses. */
export const availabilityAt = (now: string) =>
  sql<SkuAvailability>`CASE WHEN ${skus.releaseDate} > ${now} THEN 'upcoming' WHEN ${skus.expirationDate} <= ${now} THEN 'retired' ELSE 'on_sale' END`;

const rowColumns = (now: string) => ({
  id: skus.id,
  vendorId: skus.vendorId,
  privateKeyId: skus.privateKeyId,
  sku: skus.sku,
  name: skus.name,
  maxDomains: skus.maxDomains,
  editOwnershipDuration: skus.editOwnershipDuration,
  maxSupportContacts: skus.maxSupportContacts,
  changeSupportContactsDuration: skus.changeSupportContactsDuration,
  licenseDuration: skus.licenseDuration,
  autoDomainDuration: skus.autoDomainDuration,
  manualDomainDuration: skus.manualDomainDuration,
  subscriptionGraceDays: skus.subscriptionGraceDays,
  canDeleteManualDomains: skus.canDeleteManualDomains,
  canDeleteAutoDomains: skus.canDeleteAutoDomains,
  releaseDate: skus.releaseDate,
  expirationDate: skus.expirationDate,
  createdAt: skus.createdAt,
  updatedAt: skus.updatedAt,
  vendorName: vendors.name,
  featureCount,
  licenseCount,
  availability: availabilityAt(now),
});

const SORT_COLUMNS = {
  sku: sql`${skus.sku} COLLATE NOCASE`,
  name: sql`${skus.name} COLLATE NOCASE`,
  vendor: sql`${vendors.name} COLLATE NOCASE`,
  releaseDate: skus.releaseDate,
  expirationDate: skus.expirationDate,
  createdAt: skus.createdAt,
} as const;

/** How other records name a SKU: code, name and where it stands on its sale window. */
export const skuRefColumns = (now: string) => ({ id: skus.id, sku: skus.sku, name: skus.name, availability: availabilityAt(now) });

export function listSkus(db: Db, input: ParsedInput<'sku.list'>, now = nowUtc()): Page<SkuRow> {
  const where: SQL | undefined = and(
    input.vendorId ? eq(skus.vendorId, input.vendorId) : undefined,
    input.availability ? sql`${availabilityAt(now)} = ${input.availability}` : undefined,
    matchesAny(input.search, [skus.sku, skus.name]),
  );
  const { limit, offset } = pageOf(input);
  const items = db
    .select(rowColumns(now))
    .from(skus)
    .innerJoin(vendors, eq(vendors.id, skus.vendorId))
    .where(where)
    .orderBy(orderBy(SORT_COLUMNS[input.sort ?? 'sku'], input.dir), skus.id)
    .limit(limit)
    .offset(offset)
    .all();
  return toPage(items, countRows(db, skus, where), input);
}

export function getSku(db: Db, id: number, now = nowUtc()): SkuDetail {
  const row = db
    .select(rowColumns(now))
    .from(skus)
    .innerJoin(vendors, eq(vendors.id, skus.vendorId))
    .where(eq(skus.id, id))
    .get();
  if (!row) throw notFound('SKU', id);
  const features = db
    .select({ id: featureIds.id, code: featureIds.code, description: featureIds.description })
    .from(skuFeatureIds)
    .innerJoin(featureIds, eq(featureIds.id, skuFeatureIds.featureId))
    .where(eq(skuFeatureIds.skuId, id))
    .orderBy(asc(featureIds.code))
    .all();
  const linkedPackages = db
    .select({ id: packages.id, displayName: packages.displayName })
    .from(skuPackages)
    .innerJoin(packages, eq(packages.id, skuPackages.packageId))
    .where(eq(skuPackages.skuId, id))
    .orderBy(asc(packages.displayName))
    .all();
  return { ...row, features, packages: linkedPackages };
}

type SkuInput = ParsedInput<'sku.create'>;

/**
 * Everything a SKU points at must belong to the SKU's own vendor. A retired key may
 * stay on a SKU that already has it, but cannot be newly chosen.
 */
function assertReferencesBelongToVendor(db: Db, input: SkuInput, currentKeyId: number | null = null) {
  const vendor = requireVendor(db, input.vendorId);
  if (input.privateKeyId !== null) {
    const key = db.select().from(privateKeys).where(eq(privateKeys.id, input.privateKeyId)).get();
    if (!key || key.vendorId !== input.vendorId) {
      throw invalidField('privateKeyId', `Signing key ${input.privateKeyId} is not one of ${vendor.name}'s keys.`);
    }
    if (key.retiredAt && key.id !== currentKeyId) {
      throw invalidField('privateKeyId', `Signing key "${key.displayName}" is retired; choose a current key.`);
    }
  }
  const wantFeatures = [...new Set(input.featureIds)];
  if (wantFeatures.length) {
    const found = db
      .select({ id: featureIds.id })
      .from(featureIds)
      .where(and(inArray(featureIds.id, wantFeatures), eq(featureIds.vendorId, input.vendorId)))
      .all();
    if (found.length !== wantFeatures.length) {
      throw invalidField('featureIds', `Some feature codes are not ${vendor.name}'s: pick feature codes of the SKU's own vendor.`);
    }
  }
  const wantPackages = [...new Set(input.packageIds)];
  if (wantPackages.length) {
    const found = db
      .select({ id: packages.id })
      .from(packages)
      .where(and(inArray(packages.id, wantPackages), eq(packages.vendorId, input.vendorId)))
      .all();
    if (found.length !== wantPackages.length) {
      throw invalidField('packageIds', `Some packages are not ${vendor.name}'s: pick packages of the SKU's own vendor.`);
    }
  }
  return vendor;
}

function assertCodeFree(db: Db, vendorId: number, code: string, exceptId?: number) {
  assertUnique(db, skus, {
    idColumn: skus.id,
    column: skus.sku,
    value: code,
    scope: eq(skus.vendorId, vendorId),
    exceptId,
    field: 'sku',
    message: `This vendor already has a SKU "${code}".`,
  });
}

function replaceLinks(db: Db, skuId: number, featureList: number[], packageList: number[]) {
  db.delete(skuFeatureIds).where(eq(skuFeatureIds.skuId, skuId)).run();
  db.delete(skuPackages).where(eq(skuPackages.skuId, skuId)).run();
  const featureRows = [...new Set(featureList)].map((featureId) => ({ skuId, featureId }));
  const packageRows = [...new Set(packageList)].map((packageId) => ({ skuId, packageId }));
  if (featureRows.length) db.insert(skuFeatureIds).values(featureRows).run();
  if (packageRows.length) db.insert(skuPackages).values(packageRows).run();
}

function columnsOf(input: SkuInput) {
  const { featureIds: _f, packageIds: _p, ...columns } = input;
  return columns;
}

export function createSku(db: Db, actor: string, input: SkuInput): SkuDetail {
  return db.transaction((tx) => {
    assertReferencesBelongToVendor(tx, input);
    assertCodeFree(tx, input.vendorId, input.sku);
    const sku = tx.insert(skus).values(columnsOf(input)).returning().get();
    replaceLinks(tx, sku.id, input.featureIds, input.packageIds);
    const detail = getSku(tx, sku.id);
    recordAudit(tx, { actor, targetType: 'sku', targetId: sku.id, action: 'sku.create', details: { sku: sku.sku, vendorId: sku.vendorId, featureIds: input.featureIds } });
    return detail;
  });
}

/** The stored SKU as a full input, so a patch can be laid over it. */
function asInput(sku: SkuDetail): SkuInput {
  return {
    vendorId: sku.vendorId,
    sku: sku.sku,
    name: sku.name,
    privateKeyId: sku.privateKeyId,
    maxDomains: sku.maxDomains,
    editOwnershipDuration: sku.editOwnershipDuration,
    maxSupportContacts: sku.maxSupportContacts,
    changeSupportContactsDuration: sku.changeSupportContactsDuration,
    licenseDuration: sku.licenseDuration,
    autoDomainDuration: sku.autoDomainDuration,
    manualDomainDuration: sku.manualDomainDuration,
    subscriptionGraceDays: sku.subscriptionGraceDays,
    canDeleteManualDomains: sku.canDeleteManualDomains,
    canDeleteAutoDomains: sku.canDeleteAutoDomains,
    releaseDate: sku.releaseDate,
    expirationDate: sku.expirationDate,
    featureIds: sku.features.map((f) => f.id),
    packageIds: sku.packages.map((p) => p.id),
  };
}

export function updateSku(db: Db, actor: string, input: ParsedInput<'sku.update'>): SkuDetail {
  return db.transaction((tx) => {
    const { id, ...patch } = input;
    const before = getSku(tx, id);
    const merged: SkuInput = { ...asInput(before), ...definedOnly(patch) };
    if (!saleWindowValid(merged.releaseDate, merged.expirationDate)) {
      throw invalidField('expirationDate', SALE_WINDOW_MESSAGE);
    }
    if (merged.vendorId !== before.vendorId && before.licenseCount > 0) {
      throw invalidField('vendorId', `SKU ${before.sku} has licenses, so it cannot move to another vendor.`);
    }
    assertReferencesBelongToVendor(tx, merged, before.privateKeyId);
    assertCodeFree(tx, merged.vendorId, merged.sku, id);
    tx.update(skus)
      .set({ ...columnsOf(merged), updatedAt: nowUtc() })
      .where(eq(skus.id, id))
      .run();
    replaceLinks(tx, id, merged.featureIds, merged.packageIds);
    const after = getSku(tx, id);
    recordAudit(tx, { actor, targetType: 'sku', targetId: id, action: 'sku.update', details: { before, after } });
    return after;
  });
}

/** Ends a SKU's sale window (the way to take a SKU with licenses off sale). */
export function retireSku(db: Db, actor: string, input: ParsedInput<'sku.retire'>): SkuDetail {
  return db.transaction((tx) => {
    const before = getSku(tx, input.id);
    const at = input.at ?? nowUtc();
    if (before.expirationDate && before.expirationDate <= at) {
      return before; // already off sale by then: nothing to change
    }
    if (before.releaseDate && at <= before.releaseDate) {
      throw invalidField('at', `SKU ${before.sku} is released on ${before.releaseDate.slice(0, 10)}; retire it after that date.`);
    }
    tx.update(skus).set({ expirationDate: at, updatedAt: nowUtc() }).where(eq(skus.id, input.id)).run();
    recordAudit(tx, { actor, targetType: 'sku', targetId: input.id, action: 'sku.retire', details: { from: before.expirationDate, to: at } });
    return getSku(tx, input.id);
  });
}

export function deleteSku(db: Db, actor: string, id: number): Deleted {
  return db.transaction((tx) => {
    const sku = getSku(tx, id);
    if (sku.licenseCount > 0) {
      throw new KeyHubError(
        'IN_USE',
        `SKU ${sku.sku} has ${sku.licenseCount} license${sku.licenseCount === 1 ? '' : 's'}, so deleting it would erase their history. Retire it instead: set its expiration date.`,
        { licenseCount: sku.licenseCount, suggestion: 'sku.retire' },
      );
    }
    const sold = countRows(tx, transactionItems, eq(transactionItems.skuId, id));
    if (sold > 0) {
      throw new KeyHubError(
        'IN_USE',
        `SKU ${sku.sku} appears in ${sold} purchase${sold === 1 ? '' : 's'}, so it cannot be deleted. Retire it instead: set its expiration date.`,
        { transactionItemCount: sold, suggestion: 'sku.retire' },
      );
    }
    removeGrantsOnObject(tx, actor, 'sku', String(id), 'sku.delete');
    tx.delete(skus).where(eq(skus.id, id)).run();
    recordAudit(tx, { actor, targetType: 'sku', targetId: id, action: 'sku.delete', details: { sku: sku.sku, vendorId: sku.vendorId } });
    return { id, deleted: true as const };
  });
}
