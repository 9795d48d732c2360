/**
 * Apps: a customer's software that uses licenses, named by a GUID. An app always has at
 * least one license (the seed: an app without one would be orphaned); deleting an app
 * takes its keys, links, issues, stats and subscriptions with it (ON DELETE CASCADE).
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { appIssues, appLicenses, appKeys, apps, appStats, licenses, userAppNotifications } from '../../../db/schema';
import { KeyHubError, invalidField, notFound } from '../../api/errors';
import type { ParsedInput } from '../../api/contract';
import type { Db, Store } from '../../store/open';
import { nowUtc } from '../../shared/time';
import { recordAudit } from '../audit/audit';
import { countCorrelated, countRows, matchesAny, orderBy, pageOf, toPage } from '../catalog/common';
import type { Page } from '../catalog/types';
import { licenseRowsByIds } from '../licenses/rows';
import { removeGrantsOnObject } from '../people/grants';
import { subscriptionsOfApp } from '../people/subscriptions';
import { statKindLabel } from './stat-kinds';
import type { App, AppDetail, AppIssue, AppRow, DeletedApp } from './types';

/** Reads that hydrate license rows need the raw connection beside drizzle. */
export type AppStore = Pick<Store, 'db' | 'sqlite'>;

export const RECENT_ISSUES = 20;

const rowColumns = {
  id: apps.id,
  displayName: apps.displayName,
  createdAt: apps.createdAt,
  licenseCount: countCorrelated('app_licenses', 'app_licenses.app_id', 'apps.id'),
  keyCount: countCorrelated('app_keys', 'app_keys.app_id', 'apps.id'),
  issueCount: countCorrelated('app_issues', 'app_issues.app_id', 'apps.id'),
};

const SORT_COLUMNS = {
  displayName: sql`${apps.displayName} COLLATE NOCASE`,
  createdAt: apps.createdAt,
  licenseCount: rowColumns.licenseCount,
} as const;

/** A search that could be the start of a GUID: hex digits and dashes, at least 4 of them. */
export function guidPrefix(search: string | undefined): string | null {
  const text = search?.trim().replace(/^\{/, '').replace(/\}$/, '').toLowerCase();
  return text && /^[0-9a-f-]{4,36}$/.test(text) ? text : null;
}

/**
 * The display name contains the text, or the app's id or one of its keys starts with it.
 * GLOB is case-sensitive, so the prefix match reads the primary-key indexes (ids are
 * stored lower case); the prefix holds only hex digits and dashes, never a wildcard.
 */
function searchWhere(search: string | undefined): SQL | undefined {
  const byName = matchesAny(search, [apps.displayName]);
  const prefix = guidPrefix(search);
  if (!prefix) return byName;
  const pattern = `${prefix}*`;
  return sql`(${byName} OR ${apps.id} GLOB ${pattern} OR ${apps.id} IN (SELECT app_keys.app_id FROM app_keys WHERE app_keys.id GLOB ${pattern}))`;
}

export function listApps(db: Db, input: ParsedInput<'app.list'>): Page<AppRow> {
  const where = and(
    searchWhere(input.search),
    input.licenseId ? sql`${apps.id} IN (SELECT app_licenses.app_id FROM app_licenses WHERE app_licenses.license_id = ${input.licenseId})` : undefined,
  );
  const { limit, offset } = pageOf(input);
  const items = db
    .select(rowColumns)
    .from(apps)
    .where(where)
    .orderBy(orderBy(SORT_COLUMNS[input.sort ?? 'displayName'], input.dir), apps.id)
    .limit(limit)
    .offset(offset)
    .all();
  return toPage(items, countRows(db, apps, where), input);
}

/** The app, or NOT_FOUND naming it. */
export function requireApp(db: Db, id: string): App {
  const app = db.select().from(apps).where(eq(apps.id, id)).get();
  if (!app) throw notFound('App', id);
  return app;
}

export function issueColumns() {
  return {
    id: appIssues.id,
    appId: appIssues.appId,
    severity: appIssues.severity,
    message: appIssues.message,
    details: appIssues.details,
    time: appIssues.time,
  };
}

export function getApp(store: AppStore, id: string, now = nowUtc()): AppDetail {
  const { db } = store;
  const row = db.select(rowColumns).from(apps).where(eq(apps.id, id)).get();
  if (!row) throw notFound('App', id);
  const licenseIds = db
    .select({ id: appLicenses.licenseId })
    .from(appLicenses)
    .where(eq(appLicenses.appId, id))
    .orderBy(asc(appLicenses.licenseId))
    .all()
    .map((l) => l.id);
  // Keys made in the same millisecond keep the order they were made in (their ids are random).
  const keys = db.select().from(appKeys).where(eq(appKeys.appId, id)).orderBy(asc(appKeys.createdAt), sql`app_keys.rowid`).all();
  const recentIssues: AppIssue[] = db
    .select(issueColumns())
    .from(appIssues)
    .where(eq(appIssues.appId, id))
    .orderBy(desc(appIssues.time), desc(appIssues.id))
    .limit(RECENT_ISSUES)
    .all();
  const statKinds = db
    .select({ kind: appStats.statKind, count: sql<number>`count(*)` })
    .from(appStats)
    .where(eq(appStats.appId, id))
    .groupBy(appStats.statKind)
    .orderBy(asc(appStats.statKind))
    .all()
    .map((k) => ({ ...k, label: statKindLabel(k.kind) }));
  return {
    ...row,
    licenses: licenseRowsByIds(store.sqlite, licenseIds, now).map((l) => ({ id: l.id, ownerName: l.ownerName, sku: l.sku, state: l.state })),
    keys,
    recentIssues,
    statKinds,
    subscriptions: subscriptionsOfApp(db, id),
  };
}

/** Every id names a license, or VALIDATION naming the first that does not. */
function requireLicenses(db: Db, ids: number[]): void {
  const found = new Set(db.select({ id: licenses.id }).from(licenses).where(inArray(licenses.id, ids)).all().map((l) => l.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) {
    const list = missing.length === 1 ? `License ${missing[0]} does not exist.` : `Licenses ${missing.join(', ')} do not exist.`;
    throw invalidField('licenseIds', list);
  }
}

/** Links are audited on each license, so the license's timeline shows its apps. */
export function auditLink(db: Db, actor: string, action: 'app.linkLicense' | 'app.unlinkLicense', app: App, licenseId: number, via?: string) {
  recordAudit(db, {
    actor,
    targetType: 'license',
    targetId: licenseId,
    action,
    details: { appId: app.id, displayName: app.displayName, ...(via && { via }) },
  });
}

export function createApp(store: AppStore, actor: string, input: ParsedInput<'app.create'>): AppDetail {
  const licenseIds = [...new Set(input.licenseIds)];
  const id = input.id ?? randomUUID();
  store.db.transaction((tx) => {
    if (tx.select({ id: apps.id }).from(apps).where(eq(apps.id, id)).get()) {
      const message = `An app with the id ${id} already exists.`;
      throw new KeyHubError('CONFLICT', message, { fields: { id: message } });
    }
    requireLicenses(tx, licenseIds);
    const app = tx.insert(apps).values({ id, displayName: input.displayName }).returning().get();
    tx.insert(appLicenses)
      .values(licenseIds.map((licenseId) => ({ appId: id, licenseId })))
      .run();
    recordAudit(tx, { actor, targetType: 'app', targetId: id, action: 'app.create', details: { displayName: app.displayName, licenseIds } });
    for (const licenseId of licenseIds) auditLink(tx, actor, 'app.linkLicense', app, licenseId, 'app.create');
  });
  return getApp(store, id);
}

export function updateApp(store: AppStore, actor: string, input: ParsedInput<'app.update'>): AppDetail {
  store.db.transaction((tx) => {
    const before = requireApp(tx, input.id);
    tx.update(apps).set({ displayName: input.displayName }).where(eq(apps.id, input.id)).run();
    recordAudit(tx, {
      actor,
      targetType: 'app',
      targetId: input.id,
      action: 'app.update',
      details: { before: { displayName: before.displayName }, after: { displayName: input.displayName } },
    });
  });
  return getApp(store, input.id);
}

/** Deletes the app and, by cascade, everything about it, and the rights granted on it; audits what went. */
export function deleteApp(db: Db, actor: string, id: string): DeletedApp {
  return db.transaction((tx) => {
    const app = requireApp(tx, id);
    const count = (table: typeof appKeys | typeof appIssues | typeof appStats | typeof userAppNotifications) =>
      tx.select({ n: sql<number>`count(*)` }).from(table).where(eq(table.appId, id)).get()?.n ?? 0;
    const licenseIds = tx.select({ id: appLicenses.licenseId }).from(appLicenses).where(eq(appLicenses.appId, id)).all().map((l) => l.id);
    const removed = { licenseIds, keys: count(appKeys), issues: count(appIssues), stats: count(appStats), subscriptions: count(userAppNotifications) };
    // Grants name their object by type and id, so no foreign key removes them.
    const grants = removeGrantsOnObject(tx, actor, 'app', id, 'app.delete');
    tx.delete(apps).where(eq(apps.id, id)).run();
    recordAudit(tx, { actor, targetType: 'app', targetId: id, action: 'app.delete', details: { displayName: app.displayName, ...removed, grants } });
    for (const licenseId of licenseIds) auditLink(tx, actor, 'app.unlinkLicense', app, licenseId, 'app.delete');
    return { id, deleted: true as const };
  });
}
