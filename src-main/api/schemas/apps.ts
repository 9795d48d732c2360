/** Input schemas of apps, app keys, app licenses, issues, stats and notifications. */
import { z } from 'zod';
import { guid, id, listQuery, trimmed, utcDateTime } from './common';

const appId = guid('App id');
const displayName = trimmed(256, 'Display name');

export const APP_SORT = ['displayName', 'createdAt', 'licenseCount'] as const;
export const appList = listQuery(APP_SORT).extend({ licenseId: id.optional() });
export const byAppId = z.object({ id: appId });
/** An app starts with at least one license: an app without one would be orphaned. */
export const appCreate = z.object({
  displayName,
  licenseIds: z.array(id).min(1, 'Choose at least one license for the app.').max(100),
  /** Left out: a new GUID. */
  id: appId.optional(),
});
export const appUpdate = z.object({ id: appId, displayName });
export const appLicenseLink = z.object({ appId, licenseId: id });
export const appKeyCreate = z.object({ appId });
export const appKeyDelete = z.object({ id: guid('App key') });
export const appIssues = z.object({
  appId,
  severity: z.string().trim().max(256).optional(),
  limit: z.number().int().min(1).max(500).optional(),
  offset: z.number().int().min(0).optional(),
});
export const STAT_BUCKETS = ['hour', 'day', 'month'] as const;
/** From is included and To is not, so consecutive ranges never count a report twice. */
export const appStats = z.object({
  appId,
  kind: z.number().int().optional(),
  from: utcDateTime('From').optional(),
  to: utcDateTime('To').optional(),
  bucket: z.enum(STAT_BUCKETS).default('day'),
});
/**
 * A JSON-lines report (format: src-main/domain/apps/report.ts and the README): one issue or
 * stat an object a line. Lines without an `app` field belong to `appId`.
 */
export const appReport = z.object({
  content: z.string().max(50_000_000, 'A report is at most 50 MB; split larger ones.'),
  appId: appId.optional(),
});
export const appSubscribe = z.object({ userId: id, appId, kindId: id });
