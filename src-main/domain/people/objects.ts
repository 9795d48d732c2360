/**
 * The objects a right can be held on (the seed's UserObjectRights.object_type): their
 * ids as stored, whether one exists, and the label people see for it.
 */
import { sql } from 'drizzle-orm';
import { OBJECT_TYPES as STORED_OBJECT_TYPES } from '../../../db/schema';
import { OBJECT_TYPES } from '../../api/schemas/people';
import { invalidField } from '../../api/errors';
import type { Db } from '../../store/open';
import type { ObjectType } from './types';

/** The API's object types, the store's CHECK and the ObjectType type must be one list. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const apiMatchesStore: Same<(typeof OBJECT_TYPES)[number], (typeof STORED_OBJECT_TYPES)[number]> = true;
const apiMatchesType: Same<(typeof OBJECT_TYPES)[number], ObjectType> = true;
void apiMatchesStore;
void apiMatchesType;

const NOUNS: Record<ObjectType, string> = {
  vendor: 'Vendor',
  sku: 'SKU',
  license: 'License',
  app: 'App',
  package: 'Package',
  customer: 'Customer',
};

export const objectNoun = (type: ObjectType) => NOUNS[type];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The id as stored: apps by lower-case GUID without braces, the rest by their integer id
 * written plainly ("012" is 12). A malformed id is a field error on `objectId`.
 */
export function storedObjectId(type: ObjectType, raw: string): string {
  const text = raw.trim();
  if (type === 'app') {
    const id = text.replace(/^\{(.*)\}$/, '$1').toLowerCase();
    if (!GUID.test(id)) throw invalidField('objectId', `An app is named by its GUID, like 3f2b9c1e-5d4a-4b8e-9f10-2a6c7d8e9f01; "${raw}" is not one.`);
    return id;
  }
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw invalidField('objectId', `A ${objectNoun(type).toLowerCase()} is named by its id, a whole number; "${raw}" is not one.`);
  }
  return String(Number(text));
}

/**
 * The label of an object, or NULL when it does not exist, as one SQL expression over a
 * type and an id expression (table-qualified, so it can sit in a correlated select).
 */
export function objectLabelSql(typeExpr: string, idExpr: string): string {
  const intId = `CAST(${idExpr} AS INTEGER)`;
  return `CASE ${typeExpr}
    WHEN 'license' THEN (SELECT 'License ' || ol.id || ' · ' || ol.owner_name || ' · ' || os.sku FROM licenses ol JOIN skus os ON os.id = ol.sku_id WHERE ol.id = ${intId})
    WHEN 'app' THEN (SELECT 'App ' || oa.display_name FROM apps oa WHERE oa.id = ${idExpr})
    WHEN 'customer' THEN (SELECT 'Customer ' || oc.name FROM customers oc WHERE oc.id = ${intId})
    WHEN 'sku' THEN (SELECT 'SKU ' || osk.sku || ' · ' || osv.name FROM skus osk JOIN vendors osv ON osv.id = osk.vendor_id WHERE osk.id = ${intId})
    WHEN 'vendor' THEN (SELECT 'Vendor ' || ov.name FROM vendors ov WHERE ov.id = ${intId})
    WHEN 'package' THEN (SELECT 'Package ' || op.display_name || ' · ' || opv.name FROM packages op JOIN vendors opv ON opv.id = op.vendor_id WHERE op.id = ${intId})
  END`;
}

/** A grant's label even when its object has gone since ("App 3f2b… (deleted)"). */
export function grantLabelSql(typeExpr: string, idExpr: string): string {
  const fallback = `CASE ${typeExpr} ${Object.entries(NOUNS)
    .map(([type, noun]) => `WHEN '${type}' THEN '${noun} '`)
    .join(' ')} END || ${idExpr} || ' (deleted)'`;
  return `COALESCE(${objectLabelSql(typeExpr, idExpr)}, ${fallback})`;
}

/** The object's label; refuses (on `objectId`) an object that does not exist. */
export function requireObject(db: Db, type: ObjectType, objectId: string, doing = 'no right can be granted on it'): string {
  const label = objectLabel(db, type, objectId);
  if (label === null) throw invalidField('objectId', `${objectNoun(type)} ${objectId} does not exist, so ${doing}.`);
  return label;
}

/** The object's label, or null when it does not exist. */
export function objectLabel(db: Db, type: ObjectType, objectId: string): string | null {
  const expr = objectLabelSql('q.type', 'q.id');
  const row = db.get<{ label: string | null }>(sql`SELECT ${sql.raw(expr)} AS label FROM (SELECT ${type} AS type, ${objectId} AS id) AS q`);
  return row?.label ?? null;
}
