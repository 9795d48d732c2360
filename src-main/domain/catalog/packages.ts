/** Packages (downloadable products) and their releases, linked to the SKUs that include them. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { packageReleases, packages, skuPackages, skus, vendors } from '../../../db/schema';
import { invalidField, notFound } from '../../api/errors';
import type { ParsedInput } from '../../api/contract';
import type { Db } from '../../store/open';
import { recordAudit } from '../audit/audit';
import { removeGrantsOnObject } from '../people/grants';
import { assertUnique, countCorrelated, countRows, definedOnly, matchesAny, orderBy, pageOf, toPage } from './common';
import { requireVendor } from './vendors';
import { skuRefColumns } from './skus';
import { nowUtc } from '../../shared/time';
import type { Deleted, Page, PackageDetail, PackageRow, Release } from './types';

/** The newest release already visible (the seed: release_date is "when this release becomes visible"). */
const latest = (column: 'version' | 'release_date') =>
  sql.raw(
    `(SELECT r.${column} FROM package_releases r WHERE r.package_id = packages.id` +
      ` AND r.release_date <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ORDER BY r.release_date DESC, r.id DESC LIMIT 1)`,
  );

const rowColumns = {
  id: packages.id,
  vendorId: packages.vendorId,
  displayName: packages.displayName,
  createdAt: packages.createdAt,
  vendorName: vendors.name,
  releaseCount: countCorrelated('package_releases', 'package_releases.package_id', 'packages.id'),
  latestVersion: sql<string | null>`${latest('version')}`,
  latestRelease: sql<string | null>`${latest('release_date')}`,
  skuCount: countCorrelated('sku_packages', 'sku_packages.package_id', 'packages.id'),
};

const SORT_COLUMNS = {
  displayName: sql`${packages.displayName} COLLATE NOCASE`,
  vendor: sql`${vendors.name} COLLATE NOCASE`,
  latestRelease: latest('release_date'),
  createdAt: packages.createdAt,
} as const;

export function listPackages(db: Db, input: ParsedInput<'package.list'>): Page<PackageRow> {
  const where = and(
    input.vendorId ? eq(packages.vendorId, input.vendorId) : undefined,
    matchesAny(input.search, [packages.displayName]),
  );
  const { limit, offset } = pageOf(input);
  const items = db
    .select(rowColumns)
    .from(packages)
    .innerJoin(vendors, eq(vendors.id, packages.vendorId))
    .where(where)
    .orderBy(orderBy(SORT_COLUMNS[input.sort ?? 'displayName'], input.dir), packages.id)
    .limit(limit)
    .offset(offset)
    .all();
  return toPage(items, countRows(db, packages, where), input);
}

export function getPackage(db: Db, id: number): PackageDetail {
  const row = db
    .select(rowColumns)
    .from(packages)
    .innerJoin(vendors, eq(vendors.id, packages.vendorId))
    .where(eq(packages.id, id))
    .get();
  if (!row) throw notFound('Package', id);
  const releases = db
    .select()
    .from(packageReleases)
    .where(eq(packageReleases.packageId, id))
    .orderBy(desc(packageReleases.releaseDate), desc(packageReleases.id))
    .all();
  const linked = db
    .select(skuRefColumns(nowUtc()))
    .from(skuPackages)
    .innerJoin(skus, eq(skus.id, skuPackages.skuId))
    .where(eq(skuPackages.packageId, id))
    .orderBy(asc(skus.sku))
    .all();
  return { ...row, releases, skus: linked };
}

function assertNameFree(db: Db, vendorId: number, displayName: string, exceptId?: number) {
  assertUnique(db, packages, {
    idColumn: packages.id,
    column: packages.displayName,
    value: displayName,
    scope: eq(packages.vendorId, vendorId),
    exceptId,
    field: 'displayName',
    message: `This vendor already has a package named "${displayName}".`,
  });
}

function linkSkus(db: Db, packageId: number, vendorId: number, skuIds: number[]) {
  const wanted = [...new Set(skuIds)];
  if (wanted.length) {
    const found = db
      .select({ id: skus.id })
      .from(skus)
      .where(and(inArray(skus.id, wanted), eq(skus.vendorId, vendorId)))
      .all();
    if (found.length !== wanted.length) {
      throw invalidField('skuIds', "Some SKUs are not this vendor's: a package links to its own vendor's SKUs only.");
    }
  }
  db.delete(skuPackages).where(eq(skuPackages.packageId, packageId)).run();
  if (wanted.length) db.insert(skuPackages).values(wanted.map((skuId) => ({ skuId, packageId }))).run();
}

export function createPackage(db: Db, actor: string, input: ParsedInput<'package.create'>): PackageDetail {
  return db.transaction((tx) => {
    requireVendor(tx, input.vendorId);
    assertNameFree(tx, input.vendorId, input.displayName);
    const created = tx
      .insert(packages)
      .values({ vendorId: input.vendorId, displayName: input.displayName })
      .returning()
      .get();
    linkSkus(tx, created.id, input.vendorId, input.skuIds);
    recordAudit(tx, { actor, targetType: 'package', targetId: created.id, action: 'package.create', details: { displayName: created.displayName, skuIds: input.skuIds } });
    return getPackage(tx, created.id);
  });
}

export function updatePackage(db: Db, actor: string, input: ParsedInput<'package.update'>): PackageDetail {
  return db.transaction((tx) => {
    const before = getPackage(tx, input.id);
    if (input.displayName !== undefined) {
      assertNameFree(tx, before.vendorId, input.displayName, input.id);
      tx.update(packages).set({ displayName: input.displayName }).where(eq(packages.id, input.id)).run();
    }
    if (input.skuIds !== undefined) linkSkus(tx, input.id, before.vendorId, input.skuIds);
    const after = getPackage(tx, input.id);
    recordAudit(tx, {
      actor,
      targetType: 'package',
      targetId: input.id,
      action: 'package.update',
      details: { before: { displayName: before.displayName, skuIds: before.skus.map((s) => s.id) }, after: { displayName: after.displayName, skuIds: after.skus.map((s) => s.id) } },
    });
    return after;
  });
}

/** Deletes a package with its releases and SKU links (the UI confirms first). */
export function deletePackage(db: Db, actor: string, id: number): Deleted {
  return db.transaction((tx) => {
    const pkg = getPackage(tx, id);
    removeGrantsOnObject(tx, actor, 'package', String(id), 'package.delete');
    tx.delete(packages).where(eq(packages.id, id)).run();
    recordAudit(tx, { actor, targetType: 'package', targetId: id, action: 'package.delete', details: { displayName: pkg.displayName, releases: pkg.releases.map((r) => r.version) } });
    return { id, deleted: true as const };
  });
}

export function getRelease(db: Db, id: number): Release {
  const release = db.select().from(packageReleases).where(eq(packageReleases.id, id)).get();
  if (!release) throw notFound('Release', id);
  return release;
}

function assertVersionFree(db: Db, packageId: number, version: string, exceptId?: number) {
  assertUnique(db, packageReleases, {
    idColumn: packageReleases.id,
    column: packageReleases.version,
    value: version,
    scope: eq(packageReleases.packageId, packageId),
    exceptId,
    field: 'version',
    message: `This package already has a release ${version}.`,
  });
}

export function createRelease(db: Db, actor: string, input: ParsedInput<'release.create'>): Release {
  return db.transaction((tx) => {
    const pkg = tx.select().from(packages).where(eq(packages.id, input.packageId)).get();
    if (!pkg) throw invalidField('packageId', `Package ${input.packageId} does not exist.`);
    assertVersionFree(tx, input.packageId, input.version);
    const release = tx.insert(packageReleases).values(input).returning().get();
    recordAudit(tx, { actor, targetType: 'package', targetId: input.packageId, action: 'release.create', details: { releaseId: release.id, version: release.version } });
    return release;
  });
}

export function updateRelease(db: Db, actor: string, input: ParsedInput<'release.update'>): Release {
  return db.transaction((tx) => {
    const { id, ...patch } = input;
    const fields = definedOnly(patch);
    const before = getRelease(tx, id);
    if (fields.version !== undefined) assertVersionFree(tx, before.packageId, fields.version, id);
    const release = Object.keys(fields).length
      ? tx.update(packageReleases).set(fields).where(eq(packageReleases.id, id)).returning().get()
      : before;
    recordAudit(tx, { actor, targetType: 'package', targetId: before.packageId, action: 'release.update', details: { before, after: release } });
    return release;
  });
}

export function deleteRelease(db: Db, actor: string, id: number): Deleted {
  return db.transaction((tx) => {
    const release = getRelease(tx, id);
    tx.delete(packageReleases).where(eq(packageReleases.id, id)).run();
    recordAudit(tx, { actor, targetType: 'package', targetId: release.packageId, action: 'release.delete', details: { releaseId: id, version: release.version } });
    return { id, deleted: true as const };
  });
}
