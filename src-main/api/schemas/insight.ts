/** Input schemas of the audit log, the dashboard and CSV export. */
import { z } from 'zod';
import { positiveDays, utcDateTime } from './common';

export const auditList = z.object({
  actor: z.string().trim().max(256).optional(),
  action: z.string().trim().max(256).optional(),
  targetType: z.string().trim().max(64).optional(),
  targetId: z.string().trim().max(64).optional(),
  from: utcDateTime('From').optional(),
  to: utcDateTime('To').optional(),
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
] as const;
export const exportCsv = z.object({
  list: z.enum(EXPORTABLE_LISTS),
  query: z.record(z.string(), z.unknown()).default({}),
});
