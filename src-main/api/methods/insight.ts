/** Looking across the store: the audit log, the dashboard, CSV export of any list. */
import * as s from '../schemas';
import type { AuditFacets, AuditRow, CsvExport, DashboardSummary } from '../../domain/insight/types';
import type { CappedPage } from '../../domain/licenses/types';
import { query } from './define';

export const insightMethods = {
  /** Newest first; `total` stops counting at 10,000 (`totalIsLowerBound`). */
  'audit.list': query<typeof s.auditList, CappedPage<AuditRow>>(s.auditList),
  'audit.facets': query<typeof s.empty, AuditFacets>(s.empty),
  'dashboard.summary': query<typeof s.dashboardSummary, DashboardSummary>(s.dashboardSummary),
  'export.csv': query<typeof s.exportCsv, CsvExport>(s.exportCsv),
} as const;

