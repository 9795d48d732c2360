/** Input schemas of the audit log, the dashboard and CSV export. */
import { z } from 'zod';
import { dateMessage, positiveDays, utcDateTime } from './common';
import { addDays, parseUtc } from '../../shared/time';

/**
 * The end of a date range as an exclusive bound: a date alone (`2026-01-31`) takes in
 * that whole day, a time takes in that instant (so `to` means what a person reads).
 */
const rangeEnd = (label: string) =>
  z.string().transform((v, ctx) => {
    const iso = parseUtc(v);
    if (iso === null) {
      ctx.addIssue({ code: 'custom', message: dateMessage(label) });
      return z.NEVER;
    }
    return /^\d{4}-\d{2}-\d{2}$/.test(v.trim()) ? addDays(iso, 1) : new Date(Date.parse(iso) + 1).toISOString();
  });

/** Empty text means "any", so a cleared filter box can be sent as it is. */
const filterText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);

export const auditList = z.object({
  actor: filterText(256),
  /** Exact (`license.revoke`), or every action under a prefix ending in `.` (`license.`). */
  action: filterText(256),
  targetType: filterText(64),
  targetId: filterText(64),
  /** From this time on (a date: from its midnight UTC). */
  from: utcDateTime('From').optional(),
  /** Up to and including this day (a date) or this instant (a time); passed on as an exclusive bound. */
  to: rangeEnd('To').optional(),
  dir: z.enum(['asc', 'desc']).optional(),
  limit: z.number().int().min(1).max(500).optional(),
  offset: z.number().int().min(0).optional(),
});

export const dashboardSummary = z.object({ expiringWithinDays: positiveDays('Window').max(365).default(30) });

/** The lists that export to CSV; `query` is that list's own input (filters and sort). */
export const EXPORTABLE_LISTS = [
  'license.list',
  'domain.list',
  'customer.list',
  'user.list',
  'app.list',
  'audit.list',
  'vendor.list',
  'sku.list',
  'feature.list',
  'package.list',
  'transaction.list',
] as const;
export const exportCsv = z.object({
  list: z.enum(EXPORTABLE_LISTS),
  query: z.record(z.string(), z.unknown()).default({}),
});
