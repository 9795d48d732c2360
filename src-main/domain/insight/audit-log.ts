/**
 * Reading the audit log: filtered by actor, action (exact or a `prefix.`), target and a
 * time range, newest first, paged in SQL. Actor, exact action and target type+id have
 * indexes ending in `at`, so their pages read in index order. A prefix or a target type
 * alone has none: few matches are read by their index and sorted; many are read in time
 * order through the `at` index, skipping the rest, so no page sorts a large part of the log.
 */
import { and, asc, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { auditLog } from '../../../db/schema';
import type { ParsedInput } from '../../api/contract';
import type { Db } from '../../store/open';
import { pageOf, toPage } from '../catalog/common';
import type { CappedPage } from '../licenses/types';
import type { AuditFacets, AuditRow } from './types';

type AuditQuery = ParsedInput<'audit.list'>;

/** Above this many matches, a filter without an ordered index reads in time order instead of sorting. */
export const SORT_AT_MOST = 2_000;

/** SQLite's unary `+` keeps a column's index out of the plan, leaving the `at` index to order the page. */
const column = (c: SQL | typeof auditLog.action, byTime: boolean) => (byTime ? sql`+${c}` : sql`${c}`);

/**
 * `license.` matches every action under it as an index range (`license.` ≤ a < `license/`,
 * '/' being the character after '.'), which LIKE would not use: LIKE ignores case.
 */
function actionFilter(action: string | undefined, byTime: boolean): SQL | undefined {
  if (!action) return undefined;
  if (!action.endsWith('.')) return eq(auditLog.action, action);
  const upper = `${action.slice(0, -1)}/`;
  const c = column(auditLog.action, byTime);
  return sql`${c} >= ${action} AND ${c} < ${upper}`;
}

/** `byTime`: read in `at` order (for many matches of a filter without an ordered index). */
export function auditWhere(input: AuditQuery, byTime = false): SQL | undefined {
  return and(
    input.actor ? eq(auditLog.actor, input.actor) : undefined,
    actionFilter(input.action, byTime),
    input.targetType ? sql`${column(sql`${auditLog.targetType}`, byTime && !input.targetId)} = ${input.targetType}` : undefined,
    input.targetId ? eq(auditLog.targetId, input.targetId) : undefined,
    input.from ? gte(auditLog.at, input.from) : undefined,
    // The schema turns `to` into an exclusive bound (a date takes in its whole day).
    input.to ? lt(auditLog.at, input.to) : undefined,
  );
}

/** The page's query, unrun: the tests read its plan. */
export function auditPageQuery(db: Db, input: AuditQuery, byTime = false) {
  const { limit, offset } = pageOf(input);
  const order = input.dir === 'asc' ? asc : desc;
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actor: auditLog.actor,
      actorUserId: auditLog.actorUserId,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      action: auditLog.action,
      details: auditLog.details,
    })
    .from(auditLog)
    .where(auditWhere(input, byTime))
    .orderBy(order(auditLog.at), order(auditLog.id))
    .limit(limit)
    .offset(offset);
}

/** Totals stop counting here (`totalIsLowerBound`): the log grows without end, and nobody pages to row 10,001. */
export const AUDIT_COUNT_CAP = 10_000;

/** Matching rows, counted through the filter's index up to the cap (+1, to know it was passed). */
function cappedCount(db: Db, where: SQL | undefined): number {
  const inner = db.select({ one: sql`1` }).from(auditLog).where(where).limit(AUDIT_COUNT_CAP + 1);
  return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (${inner})`)?.n ?? 0;
}

export function listAudit(db: Db, input: AuditQuery): CappedPage<AuditRow> {
  const counted = cappedCount(db, auditWhere(input));
  const items = auditPageQuery(db, input, counted > SORT_AT_MOST).all() as AuditRow[];
  return { ...toPage(items, Math.min(counted, AUDIT_COUNT_CAP), input), totalIsLowerBound: counted > AUDIT_COUNT_CAP };
}

export type FacetColumn = 'actor' | 'action' | 'target_type';

/**
 * Distinct values of an indexed column by skipping from one value to the next through the
 * index (a loose index scan): as many probes as there are values, however long the log.
 */
export function facetSql(column: FacetColumn): string {
  return `WITH RECURSIVE v(value) AS (
    SELECT min(${column}) FROM audit_log
    UNION ALL
    SELECT (SELECT min(${column}) FROM audit_log WHERE ${column} > v.value) FROM v WHERE v.value IS NOT NULL
  )
  SELECT value FROM v WHERE value IS NOT NULL`;
}

function distinctValues(db: Db, column: FacetColumn): string[] {
  return db.all<{ value: string }>(sql.raw(facetSql(column))).map((r) => r.value);
}

/** What the filter pickers offer: every actor, action and target type in the log. */
export function auditFacets(db: Db): AuditFacets {
  return { actors: distinctValues(db, 'actor'), actions: distinctValues(db, 'action'), targetTypes: distinctValues(db, 'target_type') };
}
