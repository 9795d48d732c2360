/**
 * An app's stats as series over time, for charts: one series a stat kind, one point a
 * UTC hour, day or month, `value` the sum of the reports in that bucket. Buckets with no
 * reports between the first and the last are given as 0, so a chart's time axis is even.
 */
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import { appStats } from '../../../db/schema';
import { invalidField } from '../../api/errors';
import type { ParsedInput } from '../../api/contract';
import type { Db } from '../../store/open';
import { requireApp } from './apps';
import { statKindLabel } from './stat-kinds';
import type { AppStatSeries } from './types';

export type StatBucket = ParsedInput<'app.stats'>['bucket'];

/** Points a series may have; more would be a chart no one can read. */
export const MAX_POINTS = 5000;

/** Times are canonical UTC text (`2026-11-21T09:30:00.000Z`), so a bucket is a prefix of it. */
const PREFIX = { hour: 13, day: 10, month: 7 } as const;
const SUFFIX = { hour: ':00:00.000Z', day: 'T00:00:00.000Z', month: '-01T00:00:00.000Z' } as const;

export function bucketOf(time: string, bucket: StatBucket): string {
  return time.slice(0, PREFIX[bucket]) + SUFFIX[bucket];
}

function nextBucket(start: string, bucket: StatBucket): string {
  const d = new Date(start);
  if (bucket === 'hour') d.setUTCHours(d.getUTCHours() + 1);
  else if (bucket === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString();
}

/** Every bucket from `first` to `last`, both included; refuses more than MAX_POINTS. */
function bucketsBetween(first: string, last: string, bucket: StatBucket): string[] {
  const all: string[] = [];
  for (let t = first; t <= last; t = nextBucket(t, bucket)) {
    if (all.length === MAX_POINTS) {
      throw invalidField(
        'bucket',
        `Stats from ${first.slice(0, 10)} to ${last.slice(0, 10)} by ${bucket} would be more than ${MAX_POINTS} points a series. Choose a larger bucket or a shorter range.`,
      );
    }
    all.push(t);
  }
  return all;
}

/** `from` is included and `to` is not, so consecutive ranges never count a report twice. */
export function statSeries(db: Db, input: ParsedInput<'app.stats'>): AppStatSeries[] {
  requireApp(db, input.appId);
  const { from, to, bucket } = input;
  if (from && to && from >= to) throw invalidField('to', `To (${to}) must be after From (${from}).`);
  const t = sql<string>`substr(${appStats.time}, 1, ${PREFIX[bucket]}) || ${SUFFIX[bucket]}`;
  const rows = db
    .select({ kind: appStats.statKind, t, value: sql<number>`sum(${appStats.statValue})` })
    .from(appStats)
    .where(
      and(
        eq(appStats.appId, input.appId),
        input.kind === undefined ? undefined : eq(appStats.statKind, input.kind),
        from ? gte(appStats.time, from) : undefined,
        to ? lt(appStats.time, to) : undefined,
      ),
    )
    .groupBy(appStats.statKind, t)
    .orderBy(asc(appStats.statKind), asc(t))
    .all();
  if (!rows.length) return [];

  const first = from ? bucketOf(from, bucket) : rows.reduce((m, r) => (r.t < m ? r.t : m), rows[0].t);
  const last = to ? bucketOf(new Date(Date.parse(to) - 1).toISOString(), bucket) : rows.reduce((m, r) => (r.t > m ? r.t : m), rows[0].t);
  const buckets = bucketsBetween(first, last, bucket);

  const byKind = new Map<number, Map<string, number>>();
  for (const r of rows) {
    if (!byKind.has(r.kind)) byKind.set(r.kind, new Map());
    byKind.get(r.kind)!.set(r.t, r.value);
  }
  return [...byKind].map(([kind, values]) => ({
    kind,
    label: statKindLabel(kind),
    points: buckets.map((b) => ({ t: b, value: values.get(b) ?? 0 })),
  }));
}
