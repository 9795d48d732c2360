/** Feature codes: what a license unlocks, defined per vendor and linked to SKUs. */
import { and, asc, eq, sql } from 'drizzle-orm';
import { featureIds, skuFeatureIds, skus, vendors } from '../../../db/schema';
import { KeyHubError, notFound } from '../../api/errors';
import type { ParsedInput } from '../../api/contract';
import type { Db } from '../../store/open';
import { recordAudit } from '../audit/audit';
import { assertUnique, countCorrelated, countRows, definedOnly, matchesAny, orderBy, pageOf, toPage } from './common';
import { requireVendor } from './vendors';
import { skuRefColumns } from './skus';
import { nowUtc } from '../../shared/time';
import type { Deleted, Feature, FeatureDetail, FeatureRow, Page } from './types';

const skuCount = countCorrelated('sku_feature_ids', 'sku_feature_ids.feature_id', 'feature_ids.id');

const rowColumns = {
  id: featureIds.id,
  vendorId: featureIds.vendorId,
  code: featureIds.code,
  description: featureIds.description,
  createdAt: featureIds.createdAt,
  vendorName: vendors.name,
  skuCount,
};

const SORT_COLUMNS = {
  code: sql`${featureIds.code} COLLATE NOCASE`,
  vendor: sql`${vendors.name} COLLATE NOCASE`,
  createdAt: featureIds.createdAt,
} as const;

export function listFeatures(db: Db, input: ParsedInput<'feature.list'>): Page<FeatureRow> {
  const where = and(
    input.vendorId ? eq(featureIds.vendorId, input.vendorId) : undefined,
    matchesAny(input.search, [featureIds.code, featureIds.description]),
  );
  const { limit, offset } = pageOf(input);
  const items = db
    .select(rowColumns)
    .from(featureIds)
    .innerJoin(vendors, eq(vendors.id, featureIds.vendorId))
    .where(where)
    .orderBy(orderBy(SORT_COLUMNS[input.sort ?? 'code'], input.dir), featureIds.id)
    .limit(limit)
    .offset(offset)
    .all();
  return toPage(items, countRows(db, featureIds, where), input);
}

export function getFeature(db: Db, id: number): FeatureDetail {
  const row = db
    .select(rowColumns)
    .from(featureIds)
    .innerJoin(vendors, eq(vendors.id, featureIds.vendorId))
    .where(eq(featureIds.id, id))
    .get();
  if (!row) throw notFound('Feature code', id);
  const linked = db
    .select(skuRefColumns(nowUtc()))
    .from(skuFeatureIds)
    .innerJoin(skus, eq(skus.id, skuFeatureIds.skuId))
    .where(eq(skuFeatureIds.featureId, id))
    .orderBy(asc(skus.sku))
    .all();
  return { ...row, skus: linked };
}

function assertCodeFree(db: Db, vendorId: number, code: string, exceptId?: number) {
  assertUnique(db, featureIds, {
    idColumn: featureIds.id,
    column: featureIds.code,
    value: code,
    scope: eq(featureIds.vendorId, vendorId),
    exceptId,
    field: 'code',
    message: `This vendor already has a feature code "${code}".`,
  });
}

export function createFeature(db: Db, actor: string, input: ParsedInput<'feature.create'>): Feature {
  return db.transaction((tx) => {
    requireVendor(tx, input.vendorId);
    assertCodeFree(tx, input.vendorId, input.code);
    const feature = tx.insert(featureIds).values(input).returning().get();
    recordAudit(tx, { actor, targetType: 'feature', targetId: feature.id, action: 'feature.create', details: { code: feature.code, vendorId: feature.vendorId } });
    return feature;
  });
}

export function updateFeature(db: Db, actor: string, input: ParsedInput<'feature.update'>): Feature {
  return db.transaction((tx) => {
    const { id: _id, ...patch } = input;
    const fields = definedOnly(patch);
    const before = tx.select().from(featureIds).where(eq(featureIds.id, input.id)).get();
    if (!before) throw notFound('Feature code', input.id);
    if (fields.code !== undefined) assertCodeFree(tx, before.vendorId, fields.code, input.id);
    const feature = Object.keys(fields).length
      ? tx.update(featureIds).set(fields).where(eq(featureIds.id, input.id)).returning().get()
      : before;
    recordAudit(tx, { actor, targetType: 'feature', targetId: input.id, action: 'feature.update', details: { before, after: feature } });
    return feature;
  });
}

export function deleteFeature(db: Db, actor: string, id: number): Deleted {
  return db.transaction((tx) => {
    const feature = getFeature(tx, id);
    if (feature.skus.length > 0) {
      const names = feature.skus.map((s) => s.sku).join(', ');
      throw new KeyHubError(
        'IN_USE',
        `Feature code ${feature.code} is part of ${feature.skus.length} SKU${feature.skus.length === 1 ? '' : 's'} (${names}). Remove it from ${feature.skus.length === 1 ? 'that SKU' : 'those SKUs'} first.`,
        { skuIds: feature.skus.map((s) => s.id) },
      );
    }
    tx.delete(featureIds).where(eq(featureIds.id, id)).run();
    recordAudit(tx, { actor, targetType: 'feature', targetId: id, action: 'feature.delete', details: { code: feature.code } });
    return { id, deleted: true as const };
  });
}
