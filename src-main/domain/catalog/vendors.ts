/** Vendors: the companies whose products KeyHub licenses. */
import { eq, sql } from 'drizzle-orm';
import { vendors } from '../../../db/schema';
import { KeyHubError, notFound } from '../../api/errors';
import type { ParsedInput } from '../../api/contract';
import type { Db } from '../../store/open';
import { recordAudit } from '../audit/audit';
import { removeGrantsOnObject } from '../people/grants';
import { assertUnique, countCorrelated, countRows, definedOnly, matchesAny, orderBy, pageOf, toPage } from './common';
import type { Deleted, Page, Vendor, VendorDetail, VendorRow } from './types';
import { nowUtc } from '../../shared/time';

const skuCount = countCorrelated('skus', 'skus.vendor_id', 'vendors.id');
const featureCount = countCorrelated('feature_ids', 'feature_ids.vendor_id', 'vendors.id');
const packageCount = countCorrelated('packages', 'packages.vendor_id', 'vendors.id');

const rowColumns = {
  id: vendors.id,
  name: vendors.name,
  street: vendors.street,
  city: vendors.city,
  region: vendors.region,
  postal: vendors.postal,
  country: vendors.country,
  createdAt: vendors.createdAt,
  updatedAt: vendors.updatedAt,
  skuCount,
  featureCount,
  packageCount,
};

const SORT_COLUMNS = {
  name: sql`${vendors.name} COLLATE NOCASE`,
  country: sql`${vendors.country} COLLATE NOCASE`,
  createdAt: vendors.createdAt,
} as const;

export function listVendors(db: Db, input: ParsedInput<'vendor.list'>): Page<VendorRow> {
  const where = matchesAny(input.search, [vendors.name, vendors.city, vendors.region, vendors.country]);
  const { limit, offset } = pageOf(input);
  const items = db
    .select(rowColumns)
    .from(vendors)
    .where(where)
    .orderBy(orderBy(SORT_COLUMNS[input.sort ?? 'name'], input.dir), vendors.id)
    .limit(limit)
    .offset(offset)
    .all();
  const total = countRows(db, vendors, where);
  return toPage(items, total, input);
}

export function getVendor(db: Db, id: number): VendorDetail {
  const row = db
    .select({
      ...rowColumns,
      keyCount: countCorrelated('private_keys', 'private_keys.vendor_id', 'vendors.id'),
      licenseCount: countCorrelated('licenses', 'skus.vendor_id', 'vendors.id', 'JOIN skus ON skus.id = licenses.sku_id'),
    })
    .from(vendors)
    .where(eq(vendors.id, id))
    .get();
  if (!row) throw notFound('Vendor', id);
  return row;
}

export function requireVendor(db: Db, id: number): Vendor {
  const row = db.select().from(vendors).where(eq(vendors.id, id)).get();
  if (!row) {
    throw new KeyHubError('VALIDATION', `Vendor ${id} does not exist.`, {
      fields: { vendorId: `Vendor ${id} does not exist.` },
    });
  }
  return row;
}

function assertNameFree(db: Db, name: string, exceptId?: number) {
  assertUnique(db, vendors, {
    idColumn: vendors.id,
    column: vendors.name,
    value: name,
    exceptId,
    field: 'name',
    message: `A vendor named "${name}" already exists.`,
  });
}

export function createVendor(db: Db, actor: string, input: ParsedInput<'vendor.create'>): Vendor {
  return db.transaction((tx) => {
    assertNameFree(tx, input.name);
    const vendor = tx.insert(vendors).values(input).returning().get();
    recordAudit(tx, { actor, targetType: 'vendor', targetId: vendor.id, action: 'vendor.create', details: { name: vendor.name } });
    return vendor;
  });
}

export function updateVendor(db: Db, actor: string, input: ParsedInput<'vendor.update'>): Vendor {
  return db.transaction((tx) => {
    const { id, ...patch } = input;
    const fields = definedOnly(patch);
    const before = tx.select().from(vendors).where(eq(vendors.id, id)).get();
    if (!before) throw notFound('Vendor', id);
    if (fields.name !== undefined) assertNameFree(tx, fields.name, id);
    const vendor = tx
      .update(vendors)
      .set({ ...fields, updatedAt: nowUtc() })
      .where(eq(vendors.id, id))
      .returning()
      .get();
    recordAudit(tx, { actor, targetType: 'vendor', targetId: id, action: 'vendor.update', details: { before, after: vendor } });
    return vendor;
  });
}

export function deleteVendor(db: Db, actor: string, id: number): Deleted {
  return db.transaction((tx) => {
    const vendor = getVendor(tx, id);
    const dependents = [
      [vendor.skuCount, 'SKU'],
      [vendor.featureCount, 'feature code'],
      [vendor.packageCount, 'package'],
      [vendor.keyCount, 'signing key'],
    ]
      .filter(([n]) => (n as number) > 0)
      .map(([n, what]) => `${n} ${what}${n === 1 ? '' : 's'}`);
    if (dependents.length) {
      throw new KeyHubError(
        'IN_USE',
        `${vendor.name} still has ${dependents.join(', ')}. Delete those first; a vendor with a catalog cannot be deleted.`,
        { skuCount: vendor.skuCount, featureCount: vendor.featureCount, packageCount: vendor.packageCount, keyCount: vendor.keyCount },
      );
    }
    removeGrantsOnObject(tx, actor, 'vendor', String(id), 'vendor.delete');
    tx.delete(vendors).where(eq(vendors.id, id)).run();
    recordAudit(tx, { actor, targetType: 'vendor', targetId: id, action: 'vendor.delete', details: { name: vendor.name } });
    return { id, deleted: true as const };
  });
}
